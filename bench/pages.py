"""The hub's pages under load, beside a one-view Django project (a benchmark, not a test).

Boots the hub with its production settings under `gunicorn -w 2`, on a
PostgreSQL database and a Redis database of its own filled with the demo
(migrate, import_reference_data, seed_demo, update_index), and beside it the
bare project of bench/bare/ (one view answering b"hello", the default
middleware of startproject) under the same gunicorn. Then, for every page and
in two states, runs `wrk -t1 -c8 --latency` against the hub and the bare
project in alternating rounds (the hub first in even rounds, the bare project
first in odd ones), and prints requests/s of both, their ratio against the
goal, the hub's median and p99 latency and the page's size.

- cached: an anonymous visitor (no cookie), after one warm-up request; the
  table says when a page did not come from the page cache (X-Page-Cache).
- uncached: a signed-in member's session cookie, so the page cache steps
  aside and every page is rendered afresh, as members get it (their pages
  also read the session and the member, and show their notifications).
  With --uncached-as anonymous: visitors again, on a second hub started with
  PAGE_CACHE_SECONDS=0 (the rendering alone, without a member's part).

    .venv/bin/python bench/pages.py                         # 3 round pairs of 10 s a page and state: ~25 min + set-up
    .venv/bin/python bench/pages.py --rounds 1 --seconds 3  # a quick look: ~3 min + set-up (~7 min)
    .venv/bin/python bench/pages.py --keep                  # keep the database and static files ...
    .venv/bin/python bench/pages.py --reuse                 # ... and measure them again without re-seeding

PostgreSQL on the server of DATABASE_URL (postgres://postgres@127.0.0.1:5432/postgres
when unset): the benchmark makes its own database there, bench_pages
(--database), and drops it at the end unless --keep. Redis: its own database,
redis://127.0.0.1:6379/7 (--redis), emptied before and after. bench/load.py
uses the same set-up (HubSite below). bench/README.md has the figures.
"""

import argparse
import contextlib
import http.client
import os
import re
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
BENCH = Path(__file__).resolve().parent

SERVER = "postgres://postgres@127.0.0.1:5432/postgres"
# Databases other people use on the shared server: never created, filled or dropped here.
NOT_OURS = {"brs_hub", "postgres", "template0", "template1"}
GOALS = {"cached": 0.5, "uncached": 0.05}
# What a browser behind the TLS-terminating proxy sends: the proxy's header
# (production.py redirects plain HTTP otherwise) and the encodings it accepts.
HEADERS = {"X-Forwarded-Proto": "https", "Accept-Encoding": "br, gzip"}
# Plain members of the bench: created by create_members, all with this password.
MEMBER_EMAIL = "bench-member-{}@bench.example"
MEMBER_PASSWORD = "bench members' shared passphrase"  # noqa: S105 (a bench database's throwaway accounts)

# The pages, in the order; None: the first one linked from the list above it.
PAGES = [
    ("home", "/en/"),
    ("knowledge list", "/en/knowledge/"),
    ("knowledge item", None),
    ("forum list", "/en/forum/"),
    ("question", None),
    ("decisions", "/en/decisions/"),
    ("calendar", "/en/calendar/"),
    ("parties", "/en/parties/"),
    ("country profile", "/en/countries/SEN/"),
    ("people", "/en/people/"),
    ("groups", "/en/groups/"),
    ("search", "/en/search/?q=waste"),
]
# A knowledge item's and a question's addresses, as the lists link them.
LINKS = {
    "knowledge item": ("/en/knowledge/", re.compile(r'class="h5 card-title"><a href="(/en/knowledge/[a-z0-9-]+/)"')),
    "question": ("/en/forum/", re.compile(r'href="(/en/forum/questions/\d+/[a-z0-9-]+/)"')),
}


def arguments():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    add_setup_arguments(parser, database="bench_pages", redis="redis://127.0.0.1:6379/7")
    parser.add_argument("--rounds", type=int, default=3, help="round pairs per page and state (default 3)")
    parser.add_argument("--seconds", type=int, default=10, help="length of each wrk run (default 10)")
    parser.add_argument("--connections", type=int, default=8, help="wrk -c (default 8)")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn -w, for both projects (default 2)")
    parser.add_argument("--only", help="only the pages whose name contains this (e.g. search)")
    parser.add_argument("--state", dest="states", action="append", choices=GOALS, help="only this state (repeatable)")
    parser.add_argument(
        "--uncached-as",
        choices=("member", "anonymous"),
        default="member",
        help="uncached: a signed-in member's session cookie (default), or visitors on a second hub "
        "started with PAGE_CACHE_SECONDS=0",
    )
    return parser.parse_args()


def add_setup_arguments(parser, *, database: str, redis: str) -> None:
    """The options bench/pages.py and bench/load.py share."""
    parser.add_argument("--database", default=database, help=f"the benchmark's own database (default {database})")
    parser.add_argument("--redis", default=redis, help=f"the benchmark's own Redis database (default {redis})")
    parser.add_argument("--keep", action="store_true", help="keep the database and the static files at the end")
    parser.add_argument(
        "--reuse",
        action="store_true",
        help="use the kept database (migrated, not seeded again) and static files (not collected again)",
    )


# The hub's set-up: database, Redis, static files, settings, members.


class HubSite:
    """The hub as production runs it, on the benchmark's own database and
    Redis database: what every manage.py command and gunicorn of the run is
    given. `extra` adds settings from the environment (bench/load.py's FORUM_*)."""

    def __init__(self, options, extra: dict | None = None):
        self.options = options
        self.database_url = own_database_url(options.database)
        redis = urlsplit(options.redis)
        if redis.path.strip("/") in ("", "0"):
            raise SystemExit("Give the benchmark a Redis database of its own (--redis redis://host:port/N, N > 0).")
        self.folder = Path(tempfile.mkdtemp(prefix="brs-bench-pages-"))
        self.port = free_port()
        self.address = f"127.0.0.1:{self.port}"
        # Production settings, with STATIC_ROOT outside the work tree (base.py fixes it
        # inside, where the manifest of collectstatic would be shared with others); kept
        # with the database, since collecting and compressing takes minutes.
        self.static = Path(tempfile.gettempdir()) / f"brs-{options.database}-static"
        (self.folder / "bench_hub_settings.py").write_text(
            f"from config.settings.production import *  # noqa: F403\nSTATIC_ROOT = {str(self.static)!r}\n"
        )
        self.environment = {
            **os.environ,
            "PYTHONPATH": os.pathsep.join([str(self.folder), str(ROOT)]),
            "DJANGO_SETTINGS_MODULE": "bench_hub_settings",
            "DJANGO_SECRET_KEY": secrets.token_hex(40),
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
            "SITE_URL": f"https://{self.address}",
            "DATABASE_URL": self.database_url,
            "REDIS_URL": options.redis,
            "CACHE_KEY_PREFIX": f"bench-{options.database}",
            "MEDIA_ROOT": str(self.folder / "media"),
            # Tasks wait in Redis (no worker runs); no email leaves even if one were sent in-process.
            "EMAIL_BACKEND": "django.core.mail.backends.dummy.EmailBackend",
            "LOG_LEVEL": "WARNING",
            **(extra or {}),
        }

    def manage(self, *arguments: str, quiet: bool = False) -> str:
        started = time.perf_counter()
        result = subprocess.run(  # noqa: S603 (this project's manage.py, fixed arguments)
            [sys.executable, "manage.py", *arguments],
            cwd=ROOT,
            env=self.environment,
            capture_output=True,
            text=True,
        )
        if result.returncode:
            sys.stderr.write(result.stdout + result.stderr)
            raise SystemExit(f"manage.py {arguments[0]} failed")
        if not quiet:
            print(f"  manage.py {' '.join(arguments)}: {time.perf_counter() - started:.0f} s", flush=True)
        return result.stdout

    def prepare(self) -> None:
        """The database (made and filled, unless --reuse), the static files and an empty Redis database."""
        flush_redis(self.options.redis)
        if self.options.reuse:
            print(f"database: {self.options.database}, reused (migrated, not seeded again)", flush=True)
            self.manage("migrate", "--no-input", "-v", "0")
        else:
            print(f"database: {self.options.database}, made and filled with the demo", flush=True)
            create_database(self.options.database)
            self.manage("migrate", "--no-input", "-v", "0")
            self.manage("import_reference_data", "-v", "0")
            self.manage("seed_demo", "--force", "-v", "0")
            self.manage("update_index")
        if self.options.reuse and (self.static / "staticfiles.json").exists():
            print(f"static files: {self.static}, reused as they are", flush=True)
        else:
            shutil.rmtree(self.static, ignore_errors=True)
            self.manage("collectstatic", "--no-input", "-v", "0")

    def create_members(self, count: int) -> list[str]:
        """Plain members, settled (verified email address, first steps done),
        made through the hub's own code as seed_demo makes its members; the
        ones a kept database has already are left as they are."""
        code = f"""
from allauth.account.models import EmailAddress
from django.contrib.auth.hashers import make_password
from django.utils import timezone
from conventions.models import Country
from profiles.models import User
from profiles.services import update_profile

password = make_password({MEMBER_PASSWORD!r})  # one hash for all: hashing is slow on purpose
countries = list(Country.objects.order_by("iso3")[:50])
for n in range({count}):
    email = {MEMBER_EMAIL!r}.format(n)
    if User.objects.filter(email=email).exists():
        continue
    user = User.objects.create_user(email=email, handle=f"bench-member-{{n}}")
    user.password = password
    user.save(update_fields=["password"])
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    update_profile(user.profile, fields={{
        "display_name": f"Bench member {{n}}", "country": countries[n % len(countries)],
        "languages": ["en"], "is_public": True, "first_steps_at": timezone.now(),
    }})
"""
        self.manage("shell", "-v", "0", "-c", code, quiet=True)
        return [MEMBER_EMAIL.format(n) for n in range(count)]

    @contextlib.contextmanager
    def served(self, workers: int, **settings: str):
        """The hub under gunicorn; settings given here (PAGE_CACHE_SECONDS="0")
        start a second one, on a port of its own."""
        port = free_port() if settings else self.port
        environment = {**self.environment, **settings}
        with gunicorn("config.wsgi:application", port, workers, ROOT, environment, self.folder / f"hub-{port}"):
            yield f"http://127.0.0.1:{port}"

    def close(self, failed: bool = False) -> None:
        """Empty Redis, drop the database unless --keep; after a failure, show
        the end of the servers' logs."""
        if failed:
            for log in sorted(self.folder.glob("*.log")):
                sys.stderr.write(f"\n--- the end of {log.name}:\n{log.read_text()[-4000:]}\n")
        flush_redis(self.options.redis)
        if not self.options.keep:
            drop_database(self.options.database)
            shutil.rmtree(self.static, ignore_errors=True)
        shutil.rmtree(self.folder, ignore_errors=True)


@contextlib.contextmanager
def bare_served(workers: int):
    """bench/bare/ under the same gunicorn settings as the hub."""
    port = free_port()
    folder = Path(tempfile.mkdtemp(prefix="brs-bench-bare-"))
    environment = {
        **os.environ,
        "PYTHONPATH": str(BENCH),
        "DJANGO_SETTINGS_MODULE": "bare.settings",
        "DJANGO_SECRET_KEY": secrets.token_hex(40),
    }
    try:
        with gunicorn("bare.wsgi:application", port, workers, BENCH, environment, folder / "bare"):
            yield f"http://127.0.0.1:{port}"
    finally:
        shutil.rmtree(folder, ignore_errors=True)


@contextlib.contextmanager
def gunicorn(application: str, port: int, workers: int, folder: Path, environment: dict, log: Path):
    """gunicorn -w WORKERS on 127.0.0.1:PORT (sync workers, no access log),
    in a process group of its own, stopped at the end. No control socket:
    its default path (~/.gunicorn/gunicorn.ctl) is shared by every gunicorn
    of the machine, the other project's and other people's."""
    command = [sys.executable, "-m", "gunicorn", "-w", str(workers), "-b", f"127.0.0.1:{port}", "--no-control-socket"]
    command.append(application)
    with open(f"{log}.log", "w") as output:
        process = subprocess.Popen(  # noqa: S603 (fixed arguments)
            command, cwd=folder, env=environment, stdout=output, stderr=subprocess.STDOUT, start_new_session=True
        )
    try:
        deadline = time.monotonic() + 60
        while True:
            with contextlib.suppress(OSError):
                request("GET", f"http://127.0.0.1:{port}/healthz")
                break
            if process.poll() is not None or time.monotonic() > deadline:
                sys.stderr.write(Path(f"{log}.log").read_text()[-3000:])
                raise SystemExit(f"gunicorn {application} did not start")
            time.sleep(0.5)
        yield process
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def server_url() -> str:
    url = os.environ.get("DATABASE_URL", "")
    return url if url.startswith("postgres") else SERVER


def own_database_url(name: str) -> str:
    if name in NOT_OURS or name.startswith(("test_", "template")):
        raise SystemExit(f"{name} is not the benchmark's database: choose another --database.")
    return urlunsplit(urlsplit(server_url())._replace(path=f"/{name}"))


def _server_connection():
    import psycopg

    return psycopg.connect(server_url(), autocommit=True)


def create_database(name: str) -> None:
    from psycopg import sql

    own_database_url(name)
    with _server_connection() as connection:
        connection.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
        connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def drop_database(name: str) -> None:
    from psycopg import sql

    own_database_url(name)
    with _server_connection() as connection:
        connection.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))


def flush_redis(url: str) -> None:
    """Empty the benchmark's own Redis database (never database 0)."""
    import redis

    if urlsplit(url).path.strip("/") in ("", "0"):
        raise SystemExit("refusing to empty Redis database 0")
    redis.Redis.from_url(url).flushdb()


# HTTP: one request as a browser behind the proxy makes it.


def request(method: str, url: str, headers: dict | None = None, body: bytes | None = None):
    """(status, headers, body) of one request, redirects not followed."""
    parts = urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=60)
    try:
        path = parts.path + (f"?{parts.query}" if parts.query else "")
        connection.request(method, path, body=body, headers=headers or {})
        response = connection.getresponse()
        return response.status, response.headers, response.read()
    finally:
        connection.close()


def sign_in(base: str, email: str, password: str) -> str:
    """Sign in through the login page as a browser does (CSRF cookie and
    token, Origin) and return the session cookie's value."""
    from urllib.parse import urlencode

    status, headers, body = request("GET", f"{base}/en/accounts/login/", {"X-Forwarded-Proto": "https"})
    csrf_cookie = cookies(headers).get("csrftoken")
    token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', body)
    if status != 200 or not csrf_cookie or not token:
        raise SystemExit(f"the login page did not offer a form ({status})")
    form = urlencode({"login": email, "password": password, "csrfmiddlewaretoken": token.group(1).decode()})
    status, headers, body = request(
        "POST",
        f"{base}/en/accounts/login/",
        {
            "X-Forwarded-Proto": "https",
            "Origin": f"https://{urlsplit(base).netloc}",
            "Cookie": f"csrftoken={csrf_cookie}",
            "Content-Type": "application/x-www-form-urlencoded",
        },
        form.encode(),
    )
    session = cookies(headers).get("sessionid")
    if status != 302 or not session:
        raise SystemExit(f"signing in as {email} failed ({status})")
    return session


def cookies(headers) -> dict:
    found = {}
    for header in headers.get_all("Set-Cookie") or []:
        name, _equals, rest = header.partition("=")
        found[name.strip()] = rest.split(";", 1)[0]
    return found


# wrk


LATENCY = re.compile(r"^\s+(50|99)%\s+([\d.]+)(us|ms|s|m)\s*$", re.MULTILINE)
UNITS_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}


def wrk(url: str, headers: dict, seconds: int, connections: int) -> dict:
    command = ["wrk", "-t1", f"-c{connections}", f"-d{seconds}s", "--latency", "--timeout", "30s"]
    for name, value in headers.items():
        command += ["-H", f"{name}: {value}"]
    result = subprocess.run([*command, url], capture_output=True, text=True, check=True)  # noqa: S603
    output = result.stdout
    figures = {"rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))}
    for percent, value, unit in LATENCY.findall(output):
        figures[f"p{percent}"] = float(value) * UNITS_MS[unit]
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    figures["errors"] = int(errors.group(1)) if errors else 0
    sockets = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output)
    figures["errors"] += sum(int(count) for count in sockets.groups()) if sockets else 0
    return figures


# The run.


def discover(base: str) -> list[tuple[str, str]]:
    """The pages, with the first knowledge item and question the lists link."""
    found = []
    for name, path in PAGES:
        if path is None:
            listing, pattern = LINKS[name]
            status, _headers, body = request("GET", base + listing, {"X-Forwarded-Proto": "https"})
            match = pattern.search(body.decode())
            if status != 200 or not match:
                raise SystemExit(f"no {name} is linked from {listing} ({status})")
            path = match.group(1)
        found.append((name, path))
    return found


def check(base: str, path: str, state: str, headers: dict) -> tuple[int, int, str]:
    """Warm the page up and check that it answers 200, and never from the
    page cache for a member; return its size on the wire (compressed as
    asked) and as HTML, and its X-Page-Cache header after the warm-up."""
    request("GET", base + path, headers)
    status, response_headers, body = request("GET", base + path, headers)
    cache_state = response_headers.get("X-Page-Cache") or "none"
    if status != 200:
        raise SystemExit(f"{path} answered {status} ({state})")
    if state == "uncached" and cache_state != "none":
        raise SystemExit(f"{path} came from the page cache for a member (X-Page-Cache: {cache_state})")
    plain = {name: value for name, value in headers.items() if name != "Accept-Encoding"}
    _status, _headers, html = request("GET", base + path, plain)
    return len(body), len(html), cache_state


def measure(hub: str, bare: str, pages, state: str, label: str, headers: dict, options) -> list[dict]:
    rows = []
    for name, path in pages:
        wire, html, cache_state = check(hub, path, state, headers)
        rounds = []
        for number in range(options.rounds):
            order = ("hub", "bare") if number % 2 == 0 else ("bare", "hub")
            pair = {}
            for side in order:
                base = hub if side == "hub" else bare
                pair[side] = wrk(base + path, headers, options.seconds, options.connections)
            rounds.append(pair)
        row = {
            "page": name,
            "path": path,
            # A page the cache does not store is rendered every time, even for visitors.
            "state": label
            if state == "uncached" or cache_state == "hit"
            else f"{label} (X-Page-Cache: {cache_state})",
            "kind": state,
            "hub": statistics.median(pair["hub"]["rps"] for pair in rounds),
            "bare": statistics.median(pair["bare"]["rps"] for pair in rounds),
            "ratio": statistics.median(pair["hub"]["rps"] / pair["bare"]["rps"] for pair in rounds),
            "p50": statistics.median(pair["hub"]["p50"] for pair in rounds),
            "p99": statistics.median(pair["hub"]["p99"] for pair in rounds),
            "errors": sum(pair["hub"]["errors"] + pair["bare"]["errors"] for pair in rounds),
            "wire": wire,
            "html": html,
        }
        rows.append(row)
        print(line(row), flush=True)
    return rows


def line(row: dict) -> str:
    goal = GOALS[row["kind"]]
    verdict = "met" if row["ratio"] >= goal else "MISSED"
    return (
        f"| {row['page']} (`{row['path']}`) | {row['state']} | {row['hub']:,.0f} | {row['bare']:,.0f} | "
        f"{row['ratio']:.3f}× | ≥ {goal}×: {verdict} | {row['p50']:.1f} | {row['p99']:.1f} | "
        f"{row['wire'] / 1024:.1f} / {row['html'] / 1024:.1f} | {row['errors']} |"
    )


HEADING = (
    "| page | state | hub req/s | bare req/s | ratio | goal | hub p50 ms | hub p99 ms | KB wire / HTML | errors |\n"
    "| --- | --- | ---: | ---: | ---: | --- | ---: | ---: | ---: | ---: |"
)


def main() -> None:
    options = arguments()
    options.states = options.states or list(GOALS)
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is needed (Debian: apt-get install wrk)")
    site = HubSite(options)
    failed = True
    try:
        site.prepare()
        email = site.create_members(1)[0]
        rows = []
        with site.served(options.workers) as hub, bare_served(options.workers) as bare:
            pages = discover(hub)
            if options.only:
                pages = [(name, path) for name, path in pages if options.only in name]
            print(
                f"\n{os.cpu_count()} cores, load average {os.getloadavg()[0]:.2f}; gunicorn -w {options.workers}; "
                f"wrk -t1 -c{options.connections}, {options.rounds} round pair(s) of {options.seconds} s per page "
                f"and state; medians over the rounds\n"
            )
            print(HEADING, flush=True)
            if "cached" in options.states:
                rows += measure(hub, bare, pages, "cached", "cached", HEADERS, options)
            if "uncached" in options.states and options.uncached_as == "member":
                session = sign_in(hub, email, MEMBER_PASSWORD)
                headers = {**HEADERS, "Cookie": f"sessionid={session}"}
                rows += measure(hub, bare, pages, "uncached", "uncached: member", headers, options)
            elif "uncached" in options.states:
                with site.served(options.workers, PAGE_CACHE_SECONDS="0") as fresh:
                    rows += measure(fresh, bare, pages, "uncached", "uncached: PAGE_CACHE_SECONDS=0", HEADERS, options)
        print(f"\nload average at the end: {os.getloadavg()[0]:.2f}")
        for state in options.states:
            goal = GOALS[state]
            missed = [row["page"] for row in rows if row["kind"] == state and row["ratio"] < goal]
            verdict = "missed on " + ", ".join(missed) if missed else "met on every page measured"
            print(f"{state}: goal ≥ {goal}× bare {verdict}")
        failed = False
    finally:
        site.close(failed)


if __name__ == "__main__":
    main()
