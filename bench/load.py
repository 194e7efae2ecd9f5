"""The hub under a 100-user mix, with locust (a benchmark, not a test).

Boots the hub as bench/pages.py does (production settings, `gunicorn -w 2`,
its own PostgreSQL database, bench_load, and Redis database, /8, filled with
the demo), creates plain members through the hub's own code, then runs locust
headless on this machine against 127.0.0.1 only, for a bounded time:

- readers (70%): anonymous visitors reading the pages of bench/pages.py and
  the forum's questions, 5–15 s on each page;
- searchers (15%): anonymous visitors searching varied words and filters,
  5–15 s apart;
- members (15%): each signs in once through /en/accounts/login/ as a browser
  does (CSRF cookie and token, Origin), then every 10–30 s reads a question,
  the forum's list, posts an answer (each body carries a unique token) or
  votes on an answer (htmx). --think scales every pause.

After the run it counts every token in the database: the script exits
non-zero if an accepted answer is stored other than once, a refused one is
stored at all, any token is stored twice, or any response was a server error
(5xx) or no response. It prints p50, p95 and p99 per page, each page's
statuses and, for visitors, how many came from the page cache.

    .venv/bin/python bench/load.py            # 5 minutes of load (about 12 with the set-up)
    .venv/bin/python bench/load.py --short    # 30 s
    .venv/bin/python bench/load.py --keep     # keep the database and static files for --reuse

bench/README.md has the figures and the forum settings the run uses.
"""

import argparse
import json
import math
import os
import random
import re
import subprocess
import sys
import tempfile
import time
import uuid
from collections import Counter
from pathlib import Path

BENCH = Path(__file__).resolve().parent

# The forum's rules for the run (config/settings/base.py, FORUM_*): the bench
# members are established members, so their answers are published at once
# (no new-member hold: the pages change under load as they do on a live
# site); the hourly limits are the production defaults, which a member of
# this mix stays under (about one answer a minute for a few minutes).
FORUM_SETTINGS = {
    "FORUM_NEW_MEMBER_HELD_POSTS": "0",
    "FORUM_ANSWERS_PER_HOUR": "20",
    "FORUM_QUESTIONS_PER_HOUR": "5",
    "FORUM_FLAGS_PER_HOUR": "10",
}
MEMBERS = 20  # accounts made; the mix signs in as many of them as it has members
# bench-token-<run>-<answer>: the run's part keeps a kept database's earlier answers out of the count.
TOKEN = re.compile(r"bench-token-[0-9a-f]{8}-[0-9a-f]{32}")
LOOPBACK = ("127.0.0.1", "localhost", "::1")


def arguments():
    from pages import add_setup_arguments

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    add_setup_arguments(parser, database="bench_load", redis="redis://127.0.0.1:6379/8")
    parser.add_argument("--short", action="store_true", help="30 s instead of 5 minutes")
    parser.add_argument("--seconds", type=int, default=300, help="how long the load lasts (default 300)")
    parser.add_argument("--users", type=int, default=100, help="locust users (default 100)")
    parser.add_argument("--spawn-rate", type=float, default=10, help="users started per second (default 10)")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn -w (default 2)")
    parser.add_argument(
        "--think",
        type=float,
        default=1.0,
        help="scales the users' pauses (readers 5–15 s, members 10–30 s); 0.5: twice the load",
    )
    options = parser.parse_args()
    if options.short:
        options.seconds = 30
    return options


def open_questions(site) -> dict[str, list[str]]:
    """The addresses of the questions an anonymous visitor sees, and of those
    any member may answer (open, and in no group: a group's questions take
    answers from its members only)."""
    code = """
import json
from django.contrib.auth.models import AnonymousUser
from django.utils import translation
from community.models import Question
with translation.override("en"):
    seen = Question.objects.visible_to(AnonymousUser()).order_by("pk")
    answerable = seen.filter(group=None, is_locked=False, closed_reason="")
    print(json.dumps({
        "questions": [question.get_absolute_url() for question in seen],
        "answerable": [question.get_absolute_url() for question in answerable],
    }))
"""
    return json.loads(site.manage("shell", "-v", "0", "-c", code, quiet=True))


def stored_tokens(site, run: str) -> dict[str, int]:
    """How many answers hold each token of this run, read through the hub's models."""
    code = f"""
import json, re
from collections import Counter
from community.models import Answer
found = Counter()
for body in Answer.objects.filter(body_markdown__contains={run!r}).values_list("body_markdown", flat=True):
    found.update(re.findall({TOKEN.pattern!r}, body))
print(json.dumps(found))
"""
    return json.loads(site.manage("shell", "-v", "0", "-c", code, quiet=True))


def run_locust(options, hub: str, config: dict, folder: Path) -> dict:
    """locust headless for options.seconds against the hub; returns what the
    users reported (statuses per page, the answers' tokens)."""
    config_path = folder / "config.json"
    config_path.write_text(json.dumps(config))
    command = [
        sys.executable,
        "-m",
        "locust",
        "-f",
        __file__,
        "--headless",
        "--users",
        str(options.users),
        "--spawn-rate",
        str(options.spawn_rate),
        "--run-time",
        f"{options.seconds}s",
        "--stop-timeout",
        "30",
        "--host",
        hub,
        "--only-summary",
        "--loglevel",
        "WARNING",
    ]
    environment = {**os.environ, "BENCH_LOAD_CONFIG": str(config_path), "PYTHONPATH": str(BENCH)}
    with open(folder / "locust.log", "w") as log:
        # Bounded twice: locust's --run-time, and this timeout should locust hang.
        subprocess.run(  # noqa: S603 (this file as locust's locustfile, fixed arguments)
            command, env=environment, stdout=log, stderr=subprocess.STDOUT, timeout=options.seconds + 180
        )
    report = folder / "report.json"
    if not report.exists():
        sys.stderr.write((folder / "locust.log").read_text()[-4000:])
        raise SystemExit("locust wrote no report")
    return json.loads(report.read_text())


def percentile(values: list[float], fraction: float) -> float:
    """Nearest rank, as bench/search.py reads it."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(fraction * len(ordered)) - 1)]


def print_pages(report: dict) -> None:
    """p50/p95/p99 per request name, from every response the users got."""
    print("| request | count | p50 ms | p95 ms | p99 ms | statuses | X-Page-Cache |")
    print("| --- | ---: | ---: | ---: | ---: | --- | --- |")
    everything, totals = [], Counter()
    rows = [(name, report["times"][name], report["statuses"][name]) for name in sorted(report["times"])]
    for _name, times, statuses in rows:
        everything += times
        totals.update(statuses)
    for name, times, statuses in [*rows, ("**all**", everything, totals)]:
        cached = report["page_cache"].get(name, {})
        print(
            f"| {name} | {len(times):,} | {percentile(times, 0.5):,.0f} | {percentile(times, 0.95):,.0f} "
            f"| {percentile(times, 0.99):,.0f} | {counts(statuses)} | {counts(cached)} |"
        )


def counts(counter: dict) -> str:
    return ", ".join(f"{key}×{count:,}" for key, count in sorted(counter.items()))


def check_tokens(outcomes: list[dict], stored: dict[str, int]) -> list[str]:
    """What is wrong with the answers: each accepted one (302) stored once, each
    refused one (429) never, one that got no answer at most once; none twice."""
    problems = []
    sent = set()
    for outcome in outcomes:
        token, status = outcome["token"], outcome["status"]
        sent.add(token)
        count = stored.get(token, 0)
        if status == 302 and count != 1:
            problems.append(f"{token}: accepted (302) but stored {count} times")
        elif status == 429 and count:
            problems.append(f"{token}: refused (429) but stored {count} times")
        elif count > 1:
            problems.append(f"{token}: answered {status}, stored {count} times")
    problems += [
        f"{token}: stored {count} times but never sent" for token, count in stored.items() if token not in sent
    ]
    return problems


def main() -> None:
    from pages import MEMBER_PASSWORD, HubSite, discover

    options = arguments()
    site = HubSite(options, extra=FORUM_SETTINGS)
    failed = True
    try:
        site.prepare()
        members = site.create_members(MEMBERS)
        questions = open_questions(site)
        run = uuid.uuid4().hex[:8]
        folder = Path(tempfile.mkdtemp(prefix="locust-", dir=site.folder))
        with site.served(options.workers) as hub:
            pages = [(name, path) for name, path in discover(hub) if name != "search"]
            config = {
                "pages": pages,
                "questions": questions["questions"],
                "answerable": questions["answerable"],
                "run": run,
                "members": members,
                "password": MEMBER_PASSWORD,
                "report": str(folder / "report.json"),
                "think": options.think,
            }
            print(
                f"\n{os.cpu_count()} cores, load average {os.getloadavg()[0]:.2f}; gunicorn -w {options.workers}; "
                f"locust: {options.users} users (started {options.spawn_rate:g}/s) for {options.seconds} s "
                f"against {hub}; {' '.join(f'{name}={value}' for name, value in FORUM_SETTINGS.items())}",
                flush=True,
            )
            started = time.perf_counter()
            report = run_locust(options, hub, config, folder)
            elapsed = time.perf_counter() - started
        print(f"locust ran {elapsed:.0f} s; load average at the end {os.getloadavg()[0]:.2f}\n")
        print_pages(report)

        errors = {
            name: {status: count for status, count in counts.items() if status == "0" or status.startswith("5")}
            for name, counts in report["statuses"].items()
        }
        errors = {name: counts for name, counts in errors.items() if counts}
        stored = stored_tokens(site, f"bench-token-{run}-")
        outcomes = report["answers"]
        problems = check_tokens(outcomes, stored)
        accepted = sum(1 for outcome in outcomes if outcome["status"] == 302)
        refused = sum(1 for outcome in outcomes if outcome["status"] == 429)
        print(
            f"\nanswers posted: {len(outcomes)} ({accepted} accepted, {refused} refused by the hourly limit, "
            f"{len(outcomes) - accepted - refused} other); tokens stored: {sum(stored.values())} "
            f"in {len(stored)} answers; votes: {report['votes']}; members signed in: {report['signed_in']}, "
            f"not: {report['not_signed_in']}"
        )
        print(f"errors (5xx or no response): {errors or 'none'}")
        for problem in problems[:20]:
            print(f"  {problem}")
        for outcome in outcomes:
            if outcome["status"] not in (302, 429):
                print(f"  an answer was refused with {outcome['status']}: …{outcome.get('said', '')}")
        failures = [
            f"{len(problems)} tokens not stored exactly as answered" if problems else "",
            "server errors or requests without a response" if errors else "",
            "no answer was accepted" if not accepted else "",
            f"{report['not_signed_in']} members could not sign in" if report["not_signed_in"] else "",
        ]
        failures = [failure for failure in failures if failure]
        if failures:
            print("FAILED: " + "; ".join(failures))
            raise SystemExit(1)
        print("passed: every accepted answer stored exactly once, no server error")
        failed = False
    finally:
        site.close(failed)


# The users, for locust: defined only when locust imports this file, since
# importing locust patches the process for gevent.


def define_users():
    from collections import defaultdict
    from urllib.parse import quote_plus, urlsplit

    from locust import HttpUser, between, events, task
    from locust.exception import StopUser

    config = json.loads(Path(os.environ["BENCH_LOAD_CONFIG"]).read_text())
    statuses = defaultdict(Counter)
    page_cache = defaultdict(Counter)
    times = defaultdict(list)
    think = config["think"]
    answers = []
    tally = Counter()
    members = list(config["members"])
    random.shuffle(members)
    # Where readers go, and how often: the home page and lists more than the rest.
    weights = {"home": 4, "knowledge list": 3, "forum list": 3, "question": 3}
    reading = [(name, path, weights.get(name, 1)) for name, path in config["pages"]]
    words = [
        "waste", "mercury", "PCB", "pesticides", "e-waste", "plastic waste", "customs training", "DDT alternatives",
        "national implementation plan", "transformers", "lead-acid batteries", "incineration", "informed consent",
        "illegal traffic", "obsolete stockpiles", "firefighting foam", "PFOS", "healthcare waste", "inventory",
        "Kenya", "Senegal", "Ghana", "Colombia", "Viet Nam", "Pacific", "BC-12/4", "chlordecone", "labels",
        "take-back", "recycling", "monitoring", "laboratory", "awareness", "funding proposal", "risk score",
    ]  # fmt: skip
    filters = ["", "", "", "&convention=BC", "&convention=SC", "&type=best_practice", "&sort=date", "&lang=all"]

    @events.init.add_listener
    def loopback_only(environment, **kwargs):
        host = urlsplit(environment.host or "").hostname
        if host not in LOOPBACK:
            raise SystemExit(f"bench/load.py sends load to this machine only, not to {host}")

    @events.request.add_listener
    def count(name, response_time, response=None, exception=None, **kwargs):
        status = getattr(response, "status_code", 0) or 0
        statuses[name][str(status)] += 1
        times[name].append(response_time)
        if response is not None and response.headers.get("X-Page-Cache"):
            page_cache[name][response.headers["X-Page-Cache"]] += 1

    @events.test_stop.add_listener
    def report(environment, **kwargs):
        Path(config["report"]).write_text(
            json.dumps(
                {
                    "statuses": statuses,
                    "page_cache": page_cache,
                    "times": times,
                    "answers": answers,
                    "votes": tally["votes"],
                    "signed_in": tally["signed_in"],
                    "not_signed_in": tally["not_signed_in"],
                }
            )
        )

    class Visitor(HttpUser):
        """A browser behind the hub's TLS-terminating proxy."""

        abstract = True

        def on_start(self):
            parts = urlsplit(self.host)
            self.origin = f"https://{parts.netloc}"
            self.client.headers.update({"X-Forwarded-Proto": "https", "Accept-Encoding": "br, gzip"})

        def request(self, method: str, path: str, name: str, **kwargs):
            response = self.client.request(method, path, name=name, timeout=60, **kwargs)
            # The hub's cookies are Secure (production), and requests sends them
            # only over https; the proxy would carry them over its https, so the
            # client keeps sending them on this loopback http.
            for cookie in self.client.cookies:
                cookie.secure = False
            return response

    class Reader(Visitor):
        weight = 70
        wait_time = between(5 * think, 15 * think)

        @task(10)
        def read_page(self):
            name, path, _weight = random.choices(reading, weights=[each[2] for each in reading])[0]
            self.request("GET", path, name)

        @task(3)
        def read_question(self):
            self.request("GET", random.choice(config["questions"]), "question")

    class Searcher(Visitor):
        weight = 15
        wait_time = between(5 * think, 15 * think)

        @task
        def search(self):
            query = random.choice(words)
            if random.random() < 0.3:
                query = f"{query} {random.choice(words)}"
            self.request("GET", f"/en/search/?q={quote_plus(query)}{random.choice(filters)}", "search")

    class Member(Visitor):
        weight = 15
        wait_time = between(10 * think, 30 * think)

        def on_start(self):
            super().on_start()
            if not members:
                tally["not_signed_in"] += 1  # more members in the mix than bench accounts
                raise StopUser
            email = members.pop()
            page = self.request("GET", "/en/accounts/login/", "login page")
            token = csrf_token(page.text)
            response = self.request(
                "POST",
                "/en/accounts/login/",
                "login (POST)",
                data={"login": email, "password": config["password"], "csrfmiddlewaretoken": token},
                headers={"Origin": self.origin, "Referer": f"{self.origin}/en/accounts/login/"},
                allow_redirects=False,
            )
            if response.status_code != 302 or "sessionid" not in self.client.cookies:
                tally["not_signed_in"] += 1
                raise StopUser
            tally["signed_in"] += 1

        def question(self):
            path = random.choice(config["answerable"])
            return path, self.request("GET", path, "member: question")

        @task(3)
        def read(self):
            self.question()

        @task(1)
        def forum(self):
            self.request("GET", "/en/forum/", "member: forum list")

        @task(1)
        def answer(self):
            path, page = self.question()
            form = re.search(r'action="(/en/forum/questions/\d+/answer/)"', page.text)
            if not form:
                return
            token = f"bench-token-{config['run']}-{uuid.uuid4().hex}"
            body = (
                f"In our country we did this in three steps ({token}): an inventory of what the ministry "
                "holds, a workshop with customs and the regional centre, and a follow-up visit a year later."
            )
            with self.client.request(
                "POST",
                form.group(1),
                name="answer (POST)",
                data={"body": body, "language": "en", "csrfmiddlewaretoken": csrf_token(page.text)},
                headers={"Origin": self.origin, "Referer": self.origin + path},
                allow_redirects=False,
                timeout=60,
                catch_response=True,
            ) as response:
                if response.status_code in (302, 429):
                    response.success()  # published, or refused by the hourly limit (counted apart)
                else:
                    response.failure(f"answer answered {response.status_code}")
            outcome = {"token": token, "status": response.status_code}
            if response.status_code not in (302, 429):
                outcome["said"] = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.text))[-300:]
            answers.append(outcome)
            if response.status_code == 302:
                self.request("GET", response.headers["Location"], "member: after posting")

        @task(2)
        def vote(self):
            path, page = self.question()
            actions = re.findall(r'hx-post="(/en/forum/answers/\d+/vote/)"', page.text)
            if not actions:
                return
            token = csrf_token(page.text)
            response = self.request(
                "POST",
                random.choice(actions),
                "vote (POST)",
                data={"csrfmiddlewaretoken": token},
                headers={
                    "HX-Request": "true",
                    "X-CSRFToken": token,
                    "Origin": self.origin,
                    "Referer": self.origin + path,
                },
            )
            if response.status_code == 200:
                tally["votes"] += 1

    def csrf_token(html: str) -> str:
        match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
        return match.group(1) if match else ""

    return Reader, Searcher, Member


if __name__ == "__main__":
    main()
else:
    Reader, Searcher, Member = define_users()
