"""Benchmark of the indicators (#15): refreshing the summaries and serving
the dashboard (a benchmark, not a timed test).

Fills a database of its own with POSTS forum posts (a fifth questions, the
rest answers; members in 150 countries) and VIEWS page views over five years
(PageView rows of a few views each, per page, language and day, as the
visit counter writes them, with the daily visitors), then:
- times packages.indicators.refresh() and counts its queries;
- requests /en/indicators/ (all years, one year, one year and a region)
  through Django's test client, next to a baseline in the same run: a view
  that renders the same template from a constant dashboard (what the page
  costs with no figures to read). Prints requests per second, the ratio and
  the queries per page.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres .venv/bin/python bench/indicators.py  # the issue's scale
    .venv/bin/python bench/indicators.py --posts 5000 --views 100000   # a quick look (SQLite)

The database is made for the run (bench_indicators_<pid> on the server of
DATABASE_URL, or a SQLite file) and dropped at the end. bench/README.md has
the figures.
"""

import argparse
import os
import random
import sys
import time
from datetime import date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
os.environ.setdefault("CELERY_TASK_ALWAYS_EAGER", "true")

YEARS = 5
PATHS = 400
VIEWS_PER_ROW = 5
CONSTANT = {}


def baseline(request):
    """The dashboard's template from a dashboard built once, before timing."""
    from django.shortcuts import render

    return render(request, "pages/indicators.html", CONSTANT)


def urlconf():
    from django.urls import path

    from config import urls

    return [path("bench/baseline/", baseline), *urls.urlpatterns]


def fill(posts: int, views: int) -> None:
    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from community.models import Answer, Question
    from conventions.models import Country, Instrument
    from packages.models import DailyVisitors, PageView
    from profiles.models import Profile
    from search.models import SearchDocument

    rng = random.Random(15)
    start = timezone.now() - timedelta(days=365 * YEARS)
    countries = list(Country.objects.all()[:150])
    if not countries:
        letters = [chr(65 + n // 26) + chr(65 + n % 26) for n in range(150)]
        countries = [Country.objects.create(iso2=code, iso3=f"Q{code}", name=f"Land {code}") for code in letters]
    User = get_user_model()
    members = User.objects.bulk_create(
        [User(email=f"bench{n}@example.org", handle=f"bench{n}", date_joined=start) for n in range(1500)],
        batch_size=2000,
    )
    for member in members:
        Profile.objects.filter(user=member).update(country=countries[member.pk % len(countries)])
    missing = [Profile(user=member, country=countries[member.pk % len(countries)]) for member in members]
    Profile.objects.bulk_create(missing, batch_size=2000, ignore_conflicts=True)

    def moment(n: int, total: int) -> datetime:
        return start + timedelta(seconds=int(n / total * 365 * YEARS * 86400))

    question_count = posts // 5
    questions = Question.objects.bulk_create(
        [
            Question(
                title=f"How do you keep inventory {n} current?",
                body_markdown="We surveyed every transformer once.",
                body_html="<p>We surveyed every transformer once.</p>",
                author=members[n % len(members)],
                language="en",
                created_at=moment(n, question_count),
                last_activity_at=moment(n, question_count),
            )
            for n in range(question_count)
        ],
        batch_size=2000,
    )
    conventions = list(Instrument.objects.filter(code__in=["BC", "RC", "SC"]))
    through = Question.conventions.through
    through.objects.bulk_create(
        [through(question_id=q.pk, instrument_id=conventions[i % 3].pk) for i, q in enumerate(questions)],
        batch_size=5000,
    )
    answers = Answer.objects.bulk_create(
        [
            Answer(
                question=questions[n % question_count],
                body_markdown="We re-test each one when it is serviced.",
                body_html="<p>We re-test each one when it is serviced.</p>",
                author=members[(n * 7) % len(members)],
                language="en",
                created_at=questions[n % question_count].created_at + timedelta(hours=rng.randint(1, 400)),
            )
            for n in range(posts - question_count)
        ],
        batch_size=2000,
    )
    for question, answer in zip(questions[::2], answers[::2], strict=False):
        question.accepted_answer_id = answer.pk
    Question.objects.bulk_update(questions[::2], ["accepted_answer"], batch_size=2000)

    SearchDocument.objects.bulk_create(
        [
            SearchDocument(
                kind="question",
                source="community.question",
                source_id=n,
                config="english",
                title=f"Item {n}",
                url=f"/forum/questions/{n}/item/",
            )
            for n in range(PATHS)
        ],
        batch_size=2000,
    )
    rows, days = views // VIEWS_PER_ROW, 365 * YEARS
    first_day = date.today() - timedelta(days=days)
    languages = ["en", "fr", "es", "ar", "ru", "zh-hans"]
    PageView.objects.bulk_create(
        [
            PageView(
                day=first_day + timedelta(days=n % days),
                language=languages[(n // days) % 6],
                path=f"/forum/questions/{(n // (days * 6)) % PATHS}/item/",
                views=VIEWS_PER_ROW,
            )
            for n in range(rows)
        ],
        batch_size=5000,
        ignore_conflicts=True,
    )
    DailyVisitors.objects.bulk_create(
        [DailyVisitors(day=first_day + timedelta(days=n), visitors=rng.randint(50, 400)) for n in range(days)],
        batch_size=2000,
    )


def measure(client, paths: list[str], rounds: int) -> tuple[float, list[int]]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    counts = []
    for each in paths:
        with CaptureQueriesContext(connection) as queries:
            response = client.get(each)
        assert response.status_code == 200, (each, response.status_code)
        counts.append(len(queries))
    started = time.perf_counter()
    for _ in range(rounds):
        for each in paths:
            client.get(each)
    return rounds * len(paths) / (time.perf_counter() - started), counts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--posts", type=int, default=50_000)
    parser.add_argument("--views", type=int, default=1_000_000)
    parser.add_argument("--rounds", type=int, default=10)
    options = parser.parse_args()

    import django

    django.setup()
    from django.db import connection
    from django.test import Client, RequestFactory, override_settings
    from django.test.utils import CaptureQueriesContext, setup_test_environment

    connection.settings_dict["TEST"]["NAME"] = f"bench_indicators_{os.getpid()}"  # never the suite's test database
    setup_test_environment()
    vendor = connection.vendor
    name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        from packages import indicators
        from packages.dashboard import DashboardFilters, Period, available_years, build
        from packages.models import IndicatorFigure, PageView

        started = time.perf_counter()
        fill(options.posts, options.views)
        viewed = sum(PageView.objects.values_list("views", flat=True))
        print(
            f"{vendor}: filled {options.posts:,} posts and {viewed:,} page views "
            f"({PageView.objects.count():,} rows) over {YEARS} years in {time.perf_counter() - started:.0f} s"
        )
        started = time.perf_counter()
        with CaptureQueriesContext(connection) as queries:
            figures = indicators.refresh()
        print(
            f"refresh: {figures:,} figures in {time.perf_counter() - started:.1f} s, {len(queries)} queries "
            f"({IndicatorFigure.objects.count():,} rows)"
        )
        year = available_years()[1]
        request = RequestFactory().get("/en/indicators/")
        CONSTANT.update(
            {
                "form": DashboardFilters(years=available_years()),
                "values": {"year": None, "convention": "", "region": None, "country": None},
                "dashboard": build(Period()),
                "country_choices": DashboardFilters().country_choices(),
                "filtered": False,
                "request": request,
            }
        )
        module = type(sys)("bench_urls")
        module.urlpatterns = urlconf()
        sys.modules["bench_urls"] = module
        with override_settings(ROOT_URLCONF="bench_urls"):
            client = Client()
            rows = [
                ("baseline: the template, constant dashboard", ["/bench/baseline/"]),
                ("dashboard: all years", ["/en/indicators/"]),
                (f"dashboard: ?year={year}", [f"/en/indicators/?year={year}"]),
                (f"dashboard: ?year={year}&convention=BC", [f"/en/indicators/?year={year}&convention=BC"]),
                ("CSV: items exchanged", ["/en/indicators/exchanged.csv"]),
            ]
            results = [(label, *measure(client, paths, options.rounds)) for label, paths in rows]
        base = results[0][1]
        print(f"\n{'page':45} {'requests/s':>10} {'× baseline time':>16}  queries")
        for label, rate, counts in results:
            print(f"{label:45} {rate:10.1f} {base / rate:16.1f}  {counts}")
    finally:
        connection.creation.destroy_test_db(name, verbosity=0)


if __name__ == "__main__":
    main()
