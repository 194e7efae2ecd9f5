"""Benchmark of a weekly digest run (a benchmark, not a timed test).

Builds and sends a weekly digest run for MEMBERS members who follow FOLLOWS
things each (out of THINGS followable things), with ITEMS new items, through
the locmem email backend, and prints members per second next to a baseline
measured in the same run: rendering the same templates once per member with
no database work. Also prints the peak memory of the process that ran the
digests and the queries each batch of members made.

    DJANGO_SETTINGS_MODULE=config.settings.test .venv/bin/python bench/digests.py           # the issue's scale
    DJANGO_SETTINGS_MODULE=config.settings.test .venv/bin/python bench/digests.py --small   # a quick look

SQLite in a temporary file by default; with DATABASE_URL set, PostgreSQL (a
database of the benchmark's own, "bench_digests_<pid>", made on that server:
the database the URL names is not touched). Either is removed at the end. bench/README.md has
the figures and how they were measured.
"""

import argparse
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

# Monday 30 November 2026, 06:00 UTC: members in six time zones, each due at
# their own local hour of that moment.
AT = datetime(2026, 11, 30, 6, 0, tzinfo=UTC)
ZONES = ["UTC", "Europe/Paris", "Asia/Tokyo", "America/Bogota", "Africa/Nairobi", "Asia/Kolkata"]
LANGUAGES = ["en", "fr", "es", "ar", "ru", "zh-hans"]
SUMMARY = (
    "Our inspectors visit recyclers twice a year, unannounced, and check the "
    "labels of every transformer against the inventory kept by the ministry."
)


def arguments():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--small", action="store_true", help="1,000 members, 20 follows, 500 items, 1,000 things")
    parser.add_argument("--members", type=int, default=10_000)
    parser.add_argument("--follows", type=int, default=50, help="things each member follows")
    parser.add_argument("--items", type=int, default=5_000, help="new items, each about one followed thing")
    parser.add_argument("--things", type=int, default=5_000, help="followable things the follows are drawn from")
    parser.add_argument("--tracemalloc", action="store_true", help="also trace Python allocations (slower run)")
    parser.add_argument("--setup", metavar="DATABASE", help=argparse.SUPPRESS)  # the child process that fills it
    options = parser.parse_args()
    if options.small:
        options.members, options.follows, options.items, options.things = 1_000, 20, 500, 1_000
    return options


def configure(database: str) -> None:
    """Django on the benchmark's own database, eager tasks, locmem email."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
    os.environ["CELERY_TASK_ALWAYS_EAGER"] = "true"
    os.environ["EMAIL_BACKEND"] = "django.core.mail.backends.locmem.EmailBackend"
    import django
    from django.conf import settings

    django.setup()
    settings.DATABASES["default"]["NAME"] = database
    settings.DEBUG = False


def database_name() -> str:
    if os.environ.get("DATABASE_URL", "").startswith("postgres"):
        return f"bench_digests_{os.getpid()}"
    return str(Path(tempfile.mkdtemp(prefix="brs-bench-")) / "digests.sqlite3")


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kilobytes on Linux


# The setup: a child process, so that its memory does not count in the run's.


def fill(options, database: str) -> None:
    from django.db import connection

    configure(database)
    vendor = connection.vendor
    if vendor == "postgresql":
        from django.conf import settings

        # Make the database on the server the URL names, then migrate it.
        settings.DATABASES["default"]["NAME"] = os.environ["DATABASE_URL"].rsplit("/", 1)[-1]
        settings.DATABASES["default"]["TEST"]["NAME"] = database
        connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    else:
        from django.core.management import call_command

        call_command("migrate", verbosity=0)
    started = time.perf_counter()
    counts = make_data(options)
    print(
        f"setup: {options.members:,} members, {counts['follows']:,} follows, {options.items:,} items over "
        f"{options.things:,} things → {counts['digest_items']:,} digest items "
        f"({counts['digest_items'] / options.members:.1f} per member), {time.perf_counter() - started:.0f} s",
        flush=True,
    )


def make_data(options) -> dict:
    from django.db import transaction
    from taggit.models import Tag

    from community.constants import GroupPrivacy, MembershipStatus
    from community.models import Group, Membership, Question
    from conventions.constants import MeetingKind
    from conventions.models import Instrument, Meeting, ThematicArea
    from profiles.models import Profile, User
    from subscriptions.digests import member_zone
    from subscriptions.models import DigestItem, Follow, Preferences

    rng = random.Random(2026)
    chunk = 5_000
    with transaction.atomic():
        users = User.objects.bulk_create(
            [User(email=f"bench{n}@example.org", handle=f"bench-{n}", password="!") for n in range(options.members)],  # noqa: S106 (no password: "!" is unusable)
            batch_size=chunk,
        )
        Profile.objects.bulk_create(
            [
                Profile(
                    user=user,
                    display_name=f"Member {n}",
                    timezone=ZONES[n % len(ZONES)],
                    languages=[LANGUAGES[n % len(LANGUAGES)]],
                )
                for n, user in enumerate(users)
            ],
            batch_size=chunk,
        )
        locals_ = [AT.astimezone(member_zone(ZONES[n % len(ZONES)])) for n in range(options.members)]
        Preferences.objects.bulk_create(
            [
                Preferences(user=user, digest_weekday=local.weekday(), digest_hour=local.hour)
                for user, local in zip(users, locals_, strict=True)
            ],
            batch_size=chunk,
        )

        # What can be followed: the conventions, the thematic areas, groups, questions
        # (a tenth of them in a private group that half the members are in), members, tags.
        things = [("convention", code) for code in ("BC", "RC", "SC")]
        things += [("topic", slug) for slug in ThematicArea.objects.originals().values_list("slug", flat=True)]
        groups = Group.objects.bulk_create(
            [Group(name=f"Group {n}", slug=f"group-{n}") for n in range(20)]
            + [Group(name="Bureau", slug="bureau", privacy=GroupPrivacy.PRIVATE)]
        )
        private = groups[-1]
        Membership.objects.bulk_create(
            [Membership(group=private, user=user, status=MembershipStatus.ACTIVE) for user in users[::2]],
            batch_size=chunk,
        )
        things += [("group", group.slug) for group in groups[:-1]]
        question_count = max(10, options.things // 10)
        questions = Question.objects.bulk_create(
            [
                Question(
                    title=f"Question {n}",
                    body_markdown=SUMMARY,
                    body_html=SUMMARY,
                    author=users[n % len(users)],
                    group=private if n % 10 == 0 else None,
                )
                for n in range(question_count)
            ],
            batch_size=chunk,
        )
        things += [("question", str(question.pk)) for question in questions]
        things += [("member", user.handle) for user in users[: max(10, options.things // 20)]]
        tag_count = max(0, options.things - len(things))
        Tag.objects.bulk_create([Tag(name=f"tag {n}", slug=f"tag-{n}") for n in range(tag_count)], batch_size=chunk)
        things += [("tag", f"tag-{n}") for n in range(tag_count)]
        things = things[: options.things]

        followers = [[] for _ in things]
        follows = 0
        for start in range(0, len(users), 1_000):
            rows = []
            for user in users[start : start + 1_000]:
                for index in rng.sample(range(len(things)), min(options.follows, len(things))):
                    followers[index].append(user.pk)
                    rows.append(Follow(user=user, kind=things[index][0], key=things[index][1]))
            Follow.objects.bulk_create(rows, batch_size=chunk)
            follows += len(rows)

        for n in range(10):
            meeting = Meeting.objects.create(
                slug=f"meeting-{n}",
                title=f"Meeting {n}",
                kind=MeetingKind.OEWG,
                start_date=AT.date() + timedelta(days=3 * n),
                end_date=AT.date() + timedelta(days=3 * n + 2),
                city="Geneva",
            )
            meeting.conventions.set(Instrument.objects.filter(code__in=[("BC", "RC", "SC")[n % 3]]))

        digest_items = 0
        rows = []
        for n in range(options.items):
            index = rng.randrange(len(things))
            kind, key = things[index]
            is_question = kind == "question"
            for user_id in followers[index]:
                rows.append(
                    DigestItem(
                        user_id=user_id,
                        key=f"question:{key}:bench-{n}" if is_question else f"bench:{n}",
                        kind="question.published",
                        follow_kind=kind,
                        follow_key=key,
                        title=f"Item {n}: how do you label PCB transformers?",
                        summary=SUMMARY,
                        url=f"/en/forum/questions/{key}/question/" if is_question else f"/en/knowledge/item-{n}/",
                    )
                )
            if len(rows) >= 20_000:
                DigestItem.objects.bulk_create(rows, batch_size=chunk)
                digest_items += len(rows)
                rows = []
        DigestItem.objects.bulk_create(rows, batch_size=chunk)
        digest_items += len(rows)
    return {"follows": follows, "digest_items": digest_items}


# The run: this process, which holds none of the setup's data.


def baseline(members: int, items_per_member: int) -> float:
    """Seconds to render the digest's two templates once per member, with a
    context of the same size built once in memory: no database work."""
    from django.template.loader import render_to_string
    from django.utils import translation

    from subscriptions.digests import MOST_ITEMS

    shown = min(items_per_member, MOST_ITEMS)
    groups = [
        {
            "heading": f"Tag: tag {group}",
            "items": [
                {"title": "Item: how do you label PCB transformers?", "summary": SUMMARY[:160], "url": "http://x/y/"}
                for _ in range(shown // 10 + (1 if group < shown % 10 else 0))
            ],
        }
        for group in range(10)
    ]
    meetings = [
        {
            "title": f"Meeting {n}",
            "url": "http://x/",
            "start_date": AT.date(),
            "end_date": AT.date(),
            "place": "Geneva",
            "conventions": "BC",
            "status": "",
            "cancelled": False,
        }
        for n in range(3)
    ]
    context = {
        "frequency": "weekly",
        "groups": [group for group in groups if group["items"]],
        "item_count": items_per_member,
        "more_count": max(0, items_per_member - MOST_ITEMS),
        "inbox_url": "http://x/notifications/",
        "meetings": meetings,
        "member": {"get_short_name": "Member"},
        "settings_url": "http://x/settings/",
        "unsubscribe_url": "http://x/unsubscribe/token/",
        "site_url": "http://x/",
    }
    started = time.perf_counter()
    for n in range(members):
        with translation.override(LANGUAGES[n % len(LANGUAGES)]):
            render_to_string("emails/digest.txt", context)
            render_to_string("emails/digest.html", context)
    return time.perf_counter() - started


def warm_up() -> None:
    """Both the run and the baseline are measured warm: templates compiled,
    every language's catalog loaded and its URL patterns compiled (the first
    URL reversed in a language costs 30 to 500 ms, once in a worker's life)."""
    from django.urls import reverse
    from django.utils import translation

    baseline(len(LANGUAGES), 1)
    for language in LANGUAGES:
        with translation.override(language):
            reverse("subscriptions:inbox")


def run(options, database: str) -> None:
    configure(database)
    from django.core import mail
    from django.db import connection

    from subscriptions import digests
    from subscriptions.models import DigestItem

    waiting = DigestItem.objects.count()
    before = rss_mb()
    batches = []
    send_digests = digests.send_digests

    def measured(user_ids, period, as_of):
        """One batch: its queries counted, its sent messages counted and dropped."""
        statements = Counter()

        def count(execute, sql, params, many, context):
            statements[sql.lstrip().split(None, 1)[0].upper()] += 1
            return execute(sql, params, many, context)

        with connection.execute_wrapper(count):
            outcome = send_digests(user_ids, period, as_of)
        outbox = getattr(mail, "outbox", [])
        batches.append((len(user_ids), outcome.sent, statements, len(outbox)))
        outbox.clear()  # the locmem "inbox" would otherwise hold every digest
        return outcome

    digests.send_digests = measured
    warm_up()
    if options.tracemalloc:
        import tracemalloc

        tracemalloc.start()
    started = time.perf_counter()
    due = digests.start_digest_run(AT.isoformat())
    elapsed = time.perf_counter() - started
    traced = tracemalloc.get_traced_memory()[1] / 2**20 if options.tracemalloc else None
    sent = sum(batch[1] for batch in batches)
    peak = rss_mb()
    reference = baseline(options.members, round(waiting / options.members))

    reads = [batch[2]["SELECT"] for batch in batches]
    writes = [sum(batch[2][word] for word in ("INSERT", "UPDATE", "DELETE", "WITH")) for batch in batches]
    # A digest sent is one statement on PostgreSQL (its items deleted in the UPDATE's WITH), two elsewhere.
    per_digest = 1 if connection.vendor == "postgresql" else 2
    fixed_writes = sorted({write - per_digest * batch[1] for write, batch in zip(writes, batches, strict=True)})
    print(f"database: {connection.vendor}; {os.cpu_count()} cores; email: locmem (outbox emptied after each batch)")
    print(f"due: {due:,} members in {len(batches)} batches of up to {digests.BATCH_SIZE}")
    print(f"digest run: {sent:,} digests sent in {elapsed:.1f} s → {sent / elapsed:,.0f} members/s")
    print(
        f"baseline, both templates rendered once per member, no database: {options.members:,} in "
        f"{reference:.1f} s → {options.members / reference:,.0f} members/s"
    )
    print(f"the run took {elapsed / reference:.1f}× the baseline's time")
    print(f"peak memory (max RSS of the run's process): {peak:.0f} MB; {before:.0f} MB before the run")
    if traced is not None:
        print(f"peak of Python allocations during the run (tracemalloc): {traced:.0f} MB")
    sizes = [batch[0] for batch in batches]
    print(
        f"reads per batch: {min(reads)}–{max(reads)} (members per batch {min(sizes)}–{max(sizes)}); "
        f"writes per batch: {per_digest} per digest sent + {', '.join(map(str, fixed_writes))}"
    )
    print(f"digest items left: {DigestItem.objects.count():,} (unreadable ones dropped, sent ones removed)")


def main() -> None:
    options = arguments()
    if options.setup:
        fill(options, options.setup)
        return
    database = database_name()
    child = [sys.executable, __file__, "--setup", database, "--members", str(options.members)]
    child += ["--follows", str(options.follows), "--items", str(options.items), "--things", str(options.things)]
    subprocess.run(child, check=True)  # noqa: S603 (this script, fixed arguments)
    try:
        run(options, database)
    finally:
        from django.db import connection

        connection.close()
        if database.startswith("bench_digests_"):
            connection.creation.destroy_test_db(database, verbosity=0)
        else:
            shutil.rmtree(Path(database).parent, ignore_errors=True)


if __name__ == "__main__":
    main()
