"""The mandate's indicators of achievement (#15), computed.

`refresh()` (a Celery beat task, packages.tasks.refresh_indicators) reads the
rest of the hub and writes the figures the dashboard and the secretariat's
report show into IndicatorFigure: counts per month, broken down by
convention, country and UN region. The dashboard then reads a few hundred
rows whatever the size of the site.

What is counted:
- items exchanged: live knowledge items (one per item, whatever the number of
  its translations, in the month it was first published), and visible
  questions, answers and accepted answers. The country (and so the region)
  is the one on the contributor's profile. Private groups' posts count in
  the totals but for no country or region: a figure never names them, nor
  tells that a country's member posts in one.
- access to expertise: for each visible question, by the asker's country,
  whether it has a visible answer and an accepted one, and the hours from
  the question to its first visible answer and to the answer that was
  accepted (when it was posted: the hub does not keep when it was accepted).
- verified experts, focal points and regional-centre staff, in the month the
  secretariat approved them, by the country of the role (else the member's).
- registered members, by the month they joined and their profile's country.
- countries that visited: signed-in members' visits by their profile's
  country (packages.visits), and the countries survey respondents chose to
  name. No address is ever looked up: the hub has no geolocation.
- satisfaction: "Was this page useful?" answers, and survey answers.
- visits: page views by language, distinct visitors per day summed over the
  month (the salt that makes a visitor recognisable changes every day, by
  design, so a month's distinct visitors cannot be known), the most read
  public pages, how many searches found nothing and (for the secretariat's
  report only) their words.
"""

import re
import time
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date, datetime

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser
from django.core.cache import cache
from django.db import transaction
from django.db.models import Case, F, Sum, Value, When
from django.db.models.functions import TruncMonth
from django.utils import timezone

from community.constants import GroupPrivacy, PostStatus
from community.models import Answer, Question
from conventions.models import RegionalGroupMembership
from knowledge.models import KnowledgeItemPage
from profiles.constants import FORMER_MEMBER_EMAIL, VerificationStatus
from profiles.models import Verification
from search.models import SearchDocument, SearchQueryLog

from .feedback import neutral_path
from .models import (
    DailyVisitors,
    Indicator,
    IndicatorFigure,
    IndicatorRefresh,
    MemberVisits,
    PageFeedback,
    PageView,
    SurveyResponse,
)

# Kept per month: the most read pages and the searches with no result. A
# page outside a month's top is not counted for that month.
TOP_PER_MONTH = 100
# Hours to an answer are kept to the hour up to three days, then to the day,
# and anything past a year as a year: the median is read off these steps.
EXACT_HOURS = 72
LONGEST_HOURS = 365 * 24
# A search that may name a person is never published: an address, a phone
# number, a long number.
PERSONAL = re.compile(r"@|\d{6,}|\+\d")
LOCK = "indicators:refresh"
SLUG = re.compile(r"^(/forum/questions/\d+/)[^/]+/$")


def month_of(moment: datetime | date) -> date:
    if isinstance(moment, datetime):
        moment = timezone.localtime(moment).date() if timezone.is_aware(moment) else moment.date()
    return moment.replace(day=1)


def hours_step(hours: float) -> int:
    """The step an answer's delay is counted in (see EXACT_HOURS)."""
    whole = int(hours)
    if whole < EXACT_HOURS:
        return max(whole, 0)
    if whole < LONGEST_HOURS:
        return whole - whole % 24
    return LONGEST_HOURS


@dataclass
class Tally:
    """The counts being gathered, keyed like IndicatorFigure."""

    regions: dict[str, str]

    def __post_init__(self):
        self.counts: Counter = Counter()
        self.labels: dict[tuple, tuple[str, str]] = {}

    def add(self, indicator, moment, value=1, *, country="", conventions=(), key="", region=None):
        country = country or ""
        region = self.regions.get(country, "") if region is None else region
        month = month_of(moment)
        self.counts[(indicator, month, "", country, region, key)] += value
        for code in set(conventions):
            self.counts[(indicator, month, code, country, region, key)] += value

    def rows(self) -> list[IndicatorFigure]:
        rows = []
        for (indicator, month, convention, country, region, key), value in self.counts.items():
            label, language = self.labels.get((indicator, key), ("", ""))
            rows.append(
                IndicatorFigure(
                    indicator=indicator,
                    month=month,
                    convention=convention,
                    country=country,
                    region=region,
                    key=key[:300],
                    label=label[:500],
                    label_language=language,
                    value=value,
                )
            )
        return rows


def electoral_regions() -> dict[str, str]:
    """Each country's UN regional group (the one it votes with)."""
    return dict(RegionalGroupMembership.objects.filter(is_electoral=True).values_list("country__iso3", "group__code"))


def _conventions_of(through, owner: str, ids=None) -> dict[int, list[str]]:
    pairs = through.objects.values_list(f"{owner}_id", "instrument__code")
    found = defaultdict(list)
    for owner_id, code in pairs:
        if ids is None or owner_id in ids:
            found[owner_id].append(code)
    return found


def _knowledge_items(tally: Tally) -> None:
    first = {}
    rows = (
        KnowledgeItemPage.objects.live()
        .filter(first_published_at__isnull=False)
        .order_by("first_published_at", "pk")
        .values_list(
            "pk", "translation_key", "first_published_at", "content_type__model", "submitter__profile__country__iso3"
        )
    )
    for pk, translation_key, published, kind, country in rows:
        first.setdefault(translation_key, (pk, published, kind, country))
    chosen = {pk for pk, *_rest in first.values()}
    conventions = _conventions_of(KnowledgeItemPage.conventions.through, "knowledgeitempage", chosen)
    for pk, published, kind, country in first.values():
        tally.add(Indicator.EXCHANGED, published, country=country, conventions=conventions[pk], key=kind)


def _posts(tally: Tally) -> None:
    # A private group's posts count in the totals but are never attributed to
    # a country or region: a country's figures must not tell that one of its
    # members posts in a private group, nor when.
    home = F("author__profile__country__iso3")
    questions = list(
        Question.objects.filter(status=PostStatus.VISIBLE)
        .annotate(place=Case(When(group__privacy=GroupPrivacy.PRIVATE, then=Value("")), default=home))
        .values_list("pk", "created_at", "place", "accepted_answer_id")
    )
    conventions = _conventions_of(Question.conventions.through, "question")
    answers = (
        Answer.objects.filter(status=PostStatus.VISIBLE, question__status=PostStatus.VISIBLE)
        .annotate(place=Case(When(question__group__privacy=GroupPrivacy.PRIVATE, then=Value("")), default=home))
        .values_list("pk", "question_id", "created_at", "place")
    )
    first_answer, answered_at, authors = {}, {}, {}
    for pk, question_id, created, country in answers:
        answered_at[pk], authors[pk] = created, country
        if question_id not in first_answer or created < first_answer[question_id]:
            first_answer[question_id] = created
        tally.add(Indicator.EXCHANGED, created, country=country, conventions=conventions[question_id], key="answer")
    for pk, created, country, accepted_id in questions:
        on = conventions[pk]
        tally.add(Indicator.EXCHANGED, created, country=country, conventions=on, key="question")
        tally.add(Indicator.QUESTIONS, created, country=country, conventions=on, key="asked")
        if pk in first_answer:
            tally.add(Indicator.QUESTIONS, created, country=country, conventions=on, key="answered")
            hours = hours_step((first_answer[pk] - created).total_seconds() / 3600)
            tally.add(Indicator.FIRST_ANSWER, created, country=country, conventions=on, key=f"{hours:05d}")
        if accepted_id in answered_at:
            accepted = answered_at[accepted_id]
            tally.add(Indicator.QUESTIONS, created, country=country, conventions=on, key="accepted")
            hours = hours_step((accepted - created).total_seconds() / 3600)
            tally.add(Indicator.ACCEPTED_ANSWER, created, country=country, conventions=on, key=f"{hours:05d}")
            tally.add(
                Indicator.EXCHANGED, accepted, country=authors.get(accepted_id), conventions=on, key="accepted_answer"
            )


def _people(tally: Tally) -> None:
    members = (
        get_user_model()
        .objects.filter(is_active=True, is_staff=False, is_superuser=False)
        .exclude(email=FORMER_MEMBER_EMAIL)
        .values_list("date_joined", "profile__country__iso3")
    )
    for joined, country in members:
        tally.add(Indicator.MEMBERS, joined, country=country)
    verified = Verification.objects.filter(status=VerificationStatus.APPROVED).values_list(
        "decided_at", "created_at", "role", "country__iso3", "user__profile__country__iso3", "instrument__code"
    )
    for decided, requested, role, country, home, instrument in verified:
        conventions = [instrument] if instrument else []
        tally.add(Indicator.VERIFIED, decided or requested, country=country or home, conventions=conventions, key=role)
    for day, country, count in MemberVisits.objects.values_list("day", "country__iso3", "members"):
        tally.add(Indicator.MEMBER_VISITS, day, count, country=country)


def _satisfaction(tally: Tally) -> None:
    for received, useful in PageFeedback.objects.values_list("created_at", "useful"):
        tally.add(Indicator.FEEDBACK, received, key="yes" if useful else "no")
    responses = SurveyResponse.objects.values_list(
        "created_at", "satisfaction", "uses", "role", "region__code", "country__iso3"
    )
    for received, satisfaction, uses, role, region, country in responses:
        # The country when one was named (its region follows), else the region chosen.
        place = {"country": country} if country else {"region": region or ""}
        keys = ["responses", f"satisfaction:{satisfaction}", *(f"use:{use}" for use in uses or [])]
        if role:
            keys.append(f"role:{role}")
        for key in keys:
            tally.add(Indicator.SURVEY, received, key=key, **place)
        if country:
            tally.add(Indicator.SHARED_COUNTRY, received, country=country)


def _visits(tally: Tally) -> None:
    views = (
        PageView.objects.annotate(month=TruncMonth("day"))
        .values_list("month", "language")
        .annotate(total=Sum("views"))
        .order_by()
    )
    for month, language, total in views:
        tally.add(Indicator.VIEWS, month, total, key=language)
    visitors = (
        DailyVisitors.objects.annotate(month=TruncMonth("day")).values_list("month").annotate(total=Sum("visitors"))
    )
    for month, total in visitors.order_by():
        tally.add(Indicator.VISITORS, month, total)
    # The public pages a view can be of, with a title: the site's default
    # language's first, so a page's title is the same from one run to the next.
    public = {}
    documents = SearchDocument.objects.visible_to(AnonymousUser()).order_by(
        Case(When(language=settings.LANGUAGE_CODE, then=0), default=1), "pk"
    )
    for url, title, language in documents.values_list("url", "title", "language"):
        public.setdefault(neutral_path(url), (title, language))
    by_month = defaultdict(Counter)
    paths = (
        PageView.objects.annotate(month=TruncMonth("day")).values_list("month", "path").annotate(total=Sum("views"))
    )
    for month, path, total in paths.order_by():
        # A question is read at /forum/questions/<id>/<slug>/ and indexed without its slug.
        path = path if path in public else SLUG.sub(r"\1", path)
        if path in public:
            by_month[month][path] += total
    for month, counted in by_month.items():
        for path, total in counted.most_common(TOP_PER_MONTH):
            tally.add(Indicator.MOST_READ, month, total, key=path)
            tally.labels[(Indicator.MOST_READ, path)] = public[path]
    searched = (
        SearchQueryLog.objects.annotate(month=TruncMonth("day")).values_list("month").annotate(total=Sum("searches"))
    )
    for month, total in searched.order_by():
        tally.add(Indicator.SEARCHES, month, total, key="all")
    failed = defaultdict(Counter)
    searches = (
        SearchQueryLog.objects.filter(results=0)
        .annotate(month=TruncMonth("day"))
        .values_list("month", "query")
        .annotate(total=Sum("searches"))
    )
    for month, query, total in searches.order_by():
        tally.add(Indicator.SEARCHES, month, total, key="none")
        words = " ".join(query.lower().split())
        if words and not PERSONAL.search(words):
            failed[month][words] += total
    for month, counted in failed.items():
        for words, total in counted.most_common(TOP_PER_MONTH):
            tally.add(Indicator.NO_RESULT, month, total, key=words)


def compute() -> list[IndicatorFigure]:
    """Every figure, from what the hub holds now."""
    tally = Tally(regions=electoral_regions())
    _knowledge_items(tally)
    _posts(tally)
    _people(tally)
    _satisfaction(tally)
    _visits(tally)
    return tally.rows()


def refresh() -> int:
    """Replace the figures with freshly computed ones, all at once (the
    dashboard never sees half); the number of figures. Two runs never
    overlap: a second one returns at once."""
    if not cache.add(LOCK, "1", timeout=3600):
        return 0
    try:
        started = time.monotonic()
        rows = compute()
        with transaction.atomic():
            IndicatorFigure.objects.all().delete()
            IndicatorFigure.objects.bulk_create(rows, batch_size=2000)
            IndicatorRefresh.objects.create(
                finished_at=timezone.now(), figures=len(rows), seconds=round(time.monotonic() - started, 3)
            )
        return len(rows)
    finally:
        cache.delete(LOCK)
