"""Counting visits without tracking anyone (the mandate's "website hits").

A page view is counted when a person (not a known bot, not the secretariat)
is sent a page: per page, language and day. Distinct visitors of a day are
estimated from a hash of their address and browser with a salt made at
random for that day, which expires with it: the hash cannot be linked to
the address, nor one day's visitors to the next day's. No cookie is set,
no address or hash reaches the database.

For a signed-in member the day's counters also hold their account's id, so
that the flush can count the members from each country who visited that day
("parties gaining access"): only those counts reach the database.

Counting must never slow a page: the middleware only increments counters
in Redis (or, on the embedded default, in this process), and a Celery beat
task (packages.tasks.flush_visits) adds them to PageView and DailyVisitors.
"""

import hashlib
import logging
import re
import secrets
import threading
from collections import Counter
from datetime import datetime, time, timedelta

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models import Count, F
from django.utils import timezone

from community.services import add_question_views
from profiles.models import Profile

from .feedback import client_address, neutral_path
from .models import DailyVisitors, MemberVisits, PageView

# Not a person: crawlers, link previews, scripts, monitors, headless browsers.
BOTS = re.compile(
    r"bot|crawl|spider|slurp|archiver|preview|fetch|monitor|uptime|curl|wget|python|java/|go-http|okhttp|"
    r"headless|lighthouse|facebookexternalhit|whatsapp|^$",
    re.IGNORECASE,
)
NOT_PAGES = ("/admin/", "/api/", "/static/", "/media/", "/documents/", "/healthz", "/i18n/", "/sitemap", "/robots.txt")
KEY = "visits"
logger = logging.getLogger(__name__)


def counts_as_a_visit(request, response) -> bool:
    if request.method != "GET" or response.status_code != 200 or request.headers.get("HX-Request"):
        return False
    if not response.get("Content-Type", "").startswith("text/html"):
        return False
    if request.path_info.startswith(NOT_PAGES) or BOTS.search(request.headers.get("User-Agent", "")):
        return False
    # The secretariat's own visits are left out. Staff flags are read, not
    # permissions: counting must not cost a page a query.
    user = getattr(request, "user", None)
    return not (user is not None and user.is_authenticated and (user.is_staff or user.is_superuser))


def _member(request) -> int | None:
    user = getattr(request, "user", None)
    return user.pk if user is not None and user.is_authenticated else None


def _end_of_day(now: datetime) -> int:
    midnight = datetime.combine(now.date() + timedelta(days=1), time(), tzinfo=now.tzinfo)
    return int((midnight - now).total_seconds()) + 60


def visitor_hash(request, now: datetime) -> str:
    """The same for one browser at one address on one day; nothing else."""
    salt = cache.get_or_set(f"{KEY}:salt:{now.date().isoformat()}", secrets.token_hex(16), _end_of_day(now))
    seen = f"{salt}|{client_address(request)}|{request.headers.get('User-Agent', '')}"
    return hashlib.sha256(seen.encode()).hexdigest()[:32]


class RedisCounters:
    """Counters in Redis, shared by every web process."""

    def __init__(self):
        from django_redis import get_redis_connection

        self.redis = get_redis_connection("default")
        self.prefix = f"{settings.CACHES['default'].get('KEY_PREFIX', '')}:{KEY}"

    def hit(self, day: str, language: str, path: str, visitor: str, ttl: int, member: int | None = None) -> None:
        pipe = self.redis.pipeline()
        pipe.hincrby(f"{self.prefix}:views:{day}", f"{language} {path}", 1)
        pipe.sadd(f"{self.prefix}:days", day)
        pipe.sadd(f"{self.prefix}:visitors:{day}", visitor)
        pipe.expire(f"{self.prefix}:visitors:{day}", ttl)
        if member:
            pipe.sadd(f"{self.prefix}:members:{day}", member)
            pipe.expire(f"{self.prefix}:members:{day}", ttl)
        pipe.execute()

    def take(self) -> tuple[dict[str, Counter], dict[str, int], dict[str, set[int]]]:
        """The views counted since the last take (and forgotten here), and
        each open day's distinct visitors and signed-in members so far."""
        views, visitors, members = {}, {}, {}
        for raw_day in self.redis.smembers(f"{self.prefix}:days"):
            day = raw_day.decode()
            source = f"{self.prefix}:views:{day}"
            taking = f"{source}:taking:{secrets.token_hex(4)}"
            try:
                self.redis.rename(source, taking)
            except Exception:  # noqa: BLE001 (no views since the last take: nothing to rename)
                counted = Counter()
            else:
                counted = Counter({field.decode(): int(count) for field, count in self.redis.hgetall(taking).items()})
                self.redis.delete(taking)
            views[day] = counted
            visitors[day] = self.redis.scard(f"{self.prefix}:visitors:{day}")
            members[day] = {int(member) for member in self.redis.smembers(f"{self.prefix}:members:{day}")}
            if not self.redis.exists(f"{self.prefix}:visitors:{day}"):
                self.redis.srem(f"{self.prefix}:days", raw_day)
        return views, visitors, members


class ProcessCounters:
    """The embedded default (no Redis): counters in this process."""

    def __init__(self):
        self.lock = threading.Lock()
        self.views: dict[str, Counter] = {}
        self.visitors: dict[str, set] = {}
        self.members: dict[str, set] = {}

    def hit(self, day, language, path, visitor, ttl, member=None) -> None:
        with self.lock:
            self.views.setdefault(day, Counter())[f"{language} {path}"] += 1
            self.visitors.setdefault(day, set()).add(visitor)
            if member:
                self.members.setdefault(day, set()).add(member)

    def take(self):
        with self.lock:
            views, self.views = self.views, {}
            visitors = {day: len(seen) for day, seen in self.visitors.items()}
            members = {day: set(seen) for day, seen in self.members.items()}
            today = timezone.now().date().isoformat()
            self.visitors = {day: seen for day, seen in self.visitors.items() if day >= today}
            self.members = {day: seen for day, seen in self.members.items() if day >= today}
        return views, visitors, members


_counters = None


def counters():
    global _counters  # noqa: PLW0603 (one per process, made on first use)
    if _counters is None:
        uses_redis = settings.CACHES["default"]["BACKEND"].startswith("django_redis")
        _counters = RedisCounters() if uses_redis else ProcessCounters()
    return _counters


class VisitCounterMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if counts_as_a_visit(request, response):
            now = timezone.now()
            language = getattr(request, "LANGUAGE_CODE", settings.LANGUAGE_CODE)
            try:
                counters().hit(
                    now.date().isoformat(),
                    language,
                    neutral_path(request.path_info),
                    visitor_hash(request, now),
                    _end_of_day(now),
                    # A member's id, kept in Redis for the day only: the
                    # flush turns the day's members into counts by country.
                    _member(request),
                )
            except Exception:  # noqa: BLE001 (a count lost, never a page: Redis may be down)
                logger.warning("visit not counted", exc_info=True)
        return response


@transaction.atomic
def flush() -> int:
    """Add the counted views to PageView and set each day's visitors; the
    number of views added."""
    views, visitors, members = counters().take()
    added = 0
    by_path: Counter = Counter()
    for day, counted in views.items():
        for field, count in counted.items():
            language, path = field.split(" ", 1)
            row, _created = PageView.objects.get_or_create(day=day, language=language, path=path[:500])
            PageView.objects.filter(pk=row.pk).update(views=F("views") + count)
            by_path[path] += count
            added += count
    # The forum shows each question's views: the same counts, bots and the
    # secretariat left out.
    add_question_views(by_path)
    for day, count in visitors.items():
        DailyVisitors.objects.update_or_create(day=day, defaults={"visitors": count})
    for day, ids in members.items():
        by_country = (
            Profile.objects.filter(user_id__in=ids)
            .exclude(country=None)
            .values_list("country")
            .annotate(n=Count("pk"))
        )
        for country_id, count in by_country.order_by():
            MemberVisits.objects.update_or_create(day=day, country_id=country_id, defaults={"members": count})
    return added
