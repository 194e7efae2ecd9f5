"""What a request answers when the hub itself fails.

Django calls `server_error` (urls.handler500) for any exception a view or
middleware did not handle. When the database is unreachable (a restart, a
failover, connections terminated), the page says so, as a 503 with
Retry-After, rather than the generic 500: the request may simply be tried
again. Neither page touches the database.
"""

import logging
import sys

from django.db import Error as DatabaseError
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, HttpResponseServerError
from django.template import loader

logger = logging.getLogger(__name__)

# Seconds a client (or a proxy) should wait before trying again.
RETRY_AFTER = 30


def database_unavailable(error: BaseException | None) -> bool:
    return isinstance(error, (OperationalError, InterfaceError)) or (
        isinstance(error, DatabaseError) and "connection" in str(error).lower()
    )


def server_error(request):
    error = sys.exc_info()[1]
    if database_unavailable(error):
        logger.warning("Database unavailable: %s answered 503 (%s)", request.path, error)
        response = HttpResponse(loader.get_template("503.html").render(), status=503)
        response["Retry-After"] = str(RETRY_AFTER)
        response["Cache-Control"] = "no-store"
        return response
    return HttpResponseServerError(loader.get_template("500.html").render())
