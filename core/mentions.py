"""Finding the rows that mention a code or a name as a whole word."""

import operator
from functools import reduce

from django.db.models import Q


def mentioning(fields: list[str], patterns: list[str]) -> Q:
    """Rows where one of `fields` mentions one of `patterns` (regular
    expressions, already escaped) as a whole word, ignoring case: BC-14/1
    must not find a question about BC-14/12, nor aldrin one about dieldrin."""
    if not patterns:
        return Q(pk__in=[])
    regex = r"(^|[^0-9a-z])(" + "|".join(patterns) + r")($|[^0-9a-z])"
    return reduce(operator.or_, (Q(**{f"{field}__iregex": regex}) for field in fields))
