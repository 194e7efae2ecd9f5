"""Benchmark of the open data API's list endpoints (a benchmark, not a timed test).

Fills a database of its own with DECISIONS decisions and QUESTIONS public
forum questions (each with an answer, topics and a country, a tenth more in a
private group the API must leave out), then requests list pages through
Django's test client, next to a baseline in the same run: a bare view that
only serialises 50 constant dicts as JSON (what a page of 50 records costs
with no database and no serializer). Prints requests per second for each,
the ratio, and the queries each page made (the same on the first page and
far into the list).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres .venv/bin/python bench/api.py   # the issue's scale
    .venv/bin/python bench/api.py --decisions 1000 --questions 2000                           # a quick look (SQLite)

The database is made for the run (bench_api_<pid> on the server of
DATABASE_URL, or a SQLite file) and dropped at the end. bench/README.md has
the figures.
"""

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
os.environ.setdefault("CELERY_TASK_ALWAYS_EAGER", "true")

BASELINE_ROWS = [
    {
        "id": f"BC-{n}/1",
        "treaty": "BC",
        "title": {"en": "Technical guidelines on the environmentally sound management of wastes"},
        "year": 2019,
        "thematic_areas": ["e-waste", "plastic-waste"],
        "link": f"https://hub.example.org/en/decisions/BC-{n}-1/",
        "updated": "2026-12-07T03:00:00Z",
    }
    for n in range(50)
]


def baseline(request):
    from django.http import JsonResponse

    return JsonResponse({"count": 50, "next": None, "previous": None, "results": BASELINE_ROWS})


def urlconf():
    """The site's URLs and the baseline view."""
    from django.urls import path

    from config import urls

    return [path("bench/baseline/", baseline), *urls.urlpatterns]


def fill(decisions: int, questions: int) -> None:
    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from community.constants import GroupPrivacy
    from community.models import Answer, Group, Question
    from conventions.models import Country, Decision, Instrument, ThematicArea

    instruments = list(Instrument.objects.filter(code__in=["BC", "RC", "SC"]))
    areas = list(ThematicArea.objects.originals())
    now = timezone.now()
    rows = []
    for n in range(decisions):
        convention = instruments[n % 3]
        meeting, number = divmod(n, 300)
        rows.append(
            Decision(
                code=f"{convention.code}-{meeting + 1}/{number + 1}",
                convention=convention,
                meeting_number=meeting + 1,
                number=number + 1,
                year=1990 + meeting % 35,
                title=f"Decision {n} on the environmentally sound management of wastes",
                summary="A summary of what the Conference of the Parties decided.",
            )
        )
    made = Decision.objects.bulk_create(rows, batch_size=2000)
    through = Decision.thematic_areas.through
    through.objects.bulk_create(
        [
            through(decision_id=decision.pk, thematicarea_id=areas[i % len(areas)].pk)
            for i, decision in enumerate(made)
        ],
        batch_size=5000,
    )

    User = get_user_model()
    members = [User.objects.create_user(email=f"bench{n}@example.org", password=None) for n in range(200)]
    country = Country.objects.create(iso2="9B", iso3="9BX", name="Benchland")
    private = Group.objects.create(name="Private", slug="private", privacy=GroupPrivacy.PRIVATE)
    rows = [
        Question(
            title=f"How do you keep inventory {n} current?",
            body_markdown="We surveyed every transformer once.",
            body_html="<p>We surveyed every transformer once.</p>",
            author=members[n % len(members)],
            language="en",
            group=private if n % 10 == 0 else None,
            created_at=now,
            last_activity_at=now,
        )
        for n in range(questions + questions // 10)
    ]
    made = Question.objects.bulk_create(rows, batch_size=2000)
    Answer.objects.bulk_create(
        [
            Answer(
                question=question,
                body_markdown="We re-test each one when it is serviced.",
                body_html="<p>We re-test each one when it is serviced.</p>",
                author=members[(i + 1) % len(members)],
                language="en",
            )
            for i, question in enumerate(made)
        ],
        batch_size=2000,
    )
    through = Question.thematic_areas.through
    through.objects.bulk_create(
        [
            through(question_id=question.pk, thematicarea_id=areas[i % len(areas)].pk)
            for i, question in enumerate(made)
        ],
        batch_size=5000,
    )
    through = Question.countries.through
    through.objects.bulk_create(
        [through(question_id=question.pk, country_id=country.pk) for question in made], batch_size=5000
    )


def measure(client, paths: list[str], rounds: int) -> tuple[float, list[int]]:
    """Requests per second over `rounds` passes of `paths` (after one warm
    pass), and the queries each path made."""
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
    parser.add_argument("--decisions", type=int, default=10_000)
    parser.add_argument("--questions", type=int, default=20_000)
    parser.add_argument("--rounds", type=int, default=20)
    options = parser.parse_args()

    import django

    django.setup()
    from django.db import connection
    from rest_framework.throttling import AnonRateThrottle

    connection.settings_dict["TEST"]["NAME"] = f"bench_api_{os.getpid()}"  # never the suite's test database

    AnonRateThrottle.THROTTLE_RATES = {"anon": "100000000/minute"}
    from django.test import Client, override_settings
    from django.test.utils import setup_test_environment

    setup_test_environment()
    vendor = connection.vendor
    name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        started = time.perf_counter()
        fill(options.decisions, options.questions)
        print(
            f"{vendor}: filled {options.decisions:,} decisions, {options.questions:,} public questions "
            f"(+{options.questions // 10:,} private) in {time.perf_counter() - started:.0f} s"
        )
        module = type(sys)("bench_urls")
        module.urlpatterns = urlconf()
        sys.modules["bench_urls"] = module
        with override_settings(ROOT_URLCONF="bench_urls"):
            client = Client()
            last = (options.decisions + 49) // 50
            decision_pages = [
                "/api/v1/decisions/",
                f"/api/v1/decisions/?page={last // 2}",
                f"/api/v1/decisions/?page={last}",
            ]
            cursors = ["/api/v1/questions/"]
            for _ in range(2):
                cursors.append(client.get(cursors[-1]).json()["next"].replace("http://testserver", ""))
            rows = [
                ("baseline: 50 constant dicts as JSON", ["/bench/baseline/"]),
                ("decisions: pages 1, middle, last", decision_pages),
                ("decisions: ?convention=SC&year=2010", ["/api/v1/decisions/?convention=SC&year=2010"]),
                ("questions: first three cursor pages", cursors),
                ("questions: ?topic=pcbs", ["/api/v1/questions/?topic=pcbs"]),
            ]
            results = [(label, *measure(client, paths, options.rounds)) for label, paths in rows]
        base = results[0][1]
        print(f"\n{'list page':45} {'requests/s':>10} {'× baseline time':>16}  queries per page")
        for label, rate, counts in results:
            print(f"{label:45} {rate:10.1f} {base / rate:16.1f}  {counts}")
    finally:
        connection.creation.destroy_test_db(name, verbosity=0)


if __name__ == "__main__":
    main()
