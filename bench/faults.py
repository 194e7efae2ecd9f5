"""What readers and members get while a part fails (a measurement, not a test).

Boots the hub as bench/pages.py does (production settings, `gunicorn -w 2`,
its own PostgreSQL database filled with the demo), on a Redis server this
script starts on a free port, so that it can kill it. Eight clients request
a mix of pages without pause (anonymous: home, knowledge list, a country
profile, search, forum; a signed-in member: notifications, home) through
five phases, and the status codes of each phase are counted:

1. normal;
2. Redis killed (SIGKILL);
3. Redis started again on the same port (empty: it kept nothing);
4. every database connection of the hub terminated each second
   (pg_terminate_backend, as a restart or failover does);
5. after.

It also says whether the member stayed signed in throughout.

    .venv/bin/python bench/faults.py                 # ~8 min of set-up, then 5 phases of --seconds (15)
    .venv/bin/python bench/faults.py --keep          # keep the database and static files ...
    .venv/bin/python bench/faults.py --reuse         # ... and measure again without re-seeding
"""

import argparse
import collections
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from pages import (  # noqa: E402
    MEMBER_PASSWORD,
    HubSite,
    _server_connection,
    add_setup_arguments,
    free_port,
    request,
    sign_in,
)

ANONYMOUS = ["/en/", "/en/knowledge/", "/en/countries/KEN/", "/en/search/?q=mercury", "/en/forum/"]
MEMBER = ["/en/notifications/", "/en/"]
HEADERS = {"X-Forwarded-Proto": "https", "Accept-Encoding": "br, gzip"}


class RedisServer:
    def __init__(self):
        self.port = free_port()
        self.process = None

    def start(self):
        self.process = subprocess.Popen(  # noqa: S603
            [shutil.which("redis-server"), "--port", str(self.port), "--bind", "127.0.0.1", "--save", ""],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        time.sleep(0.5)

    def kill(self):
        self.process.kill()
        self.process.wait()


class Load:
    """Clients in threads, counting (phase, who, status) until stopped."""

    def __init__(self, base: str, session: str, clients: int):
        self.base, self.session = base, session
        self.phase = "normal"
        self.counts = collections.Counter()
        self.signed_out = 0
        self.stopping = threading.Event()
        self.threads = [threading.Thread(target=self.client, args=(number,)) for number in range(clients)]

    def client(self, number: int):
        paths = [("anonymous", path) for path in ANONYMOUS] + [("member", path) for path in MEMBER]
        turn = number
        while not self.stopping.is_set():
            who, path = paths[turn % len(paths)]
            turn += 1
            headers = dict(HEADERS)
            if who == "member":
                headers["Cookie"] = f"sessionid={self.session}"
            try:
                status, response_headers, _body = request("GET", f"{self.base}{path}", headers)
            except OSError:
                status = "no answer"
                response_headers = {}
            if who == "member" and status == 302 and "/accounts/login/" in (response_headers.get("Location") or ""):
                self.signed_out += 1
            self.counts[(self.phase, who, status)] += 1

    def __enter__(self):
        for thread in self.threads:
            thread.start()
        return self

    def __exit__(self, *exc):
        self.stopping.set()
        for thread in self.threads:
            thread.join()


def terminate_connections(database: str) -> int:
    with _server_connection() as server:
        rows = server.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid()",
            [database],
        ).fetchall()
    return len(rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=int, default=15, help="length of each phase (default 15)")
    parser.add_argument("--clients", type=int, default=8)
    add_setup_arguments(parser, database="bench_faults", redis="")
    options = parser.parse_args()
    redis = RedisServer()
    redis.start()
    options.redis = f"redis://127.0.0.1:{redis.port}/1"
    hub = HubSite(options)
    failed = True
    try:
        hub.prepare()
        (email,) = hub.create_members(1)
        with hub.served(workers=2) as base:
            session = sign_in(base, email, MEMBER_PASSWORD)
            terminated = 0
            with Load(base, session, options.clients) as load:
                time.sleep(options.seconds)
                load.phase = "Redis killed"
                redis.kill()
                time.sleep(options.seconds)
                load.phase = "Redis back"
                redis.start()
                time.sleep(options.seconds)
                load.phase = "DB connections terminated each second"
                deadline = time.monotonic() + options.seconds
                while time.monotonic() < deadline:
                    terminated += terminate_connections(options.database)
                    time.sleep(1)
                load.phase = "after"
                time.sleep(options.seconds)
        failed = False
    finally:
        hub.close(failed=failed)
        if redis.process.poll() is None:
            redis.kill()
    phases = ["normal", "Redis killed", "Redis back", "DB connections terminated each second", "after"]
    print(f"\n{options.clients} clients, {options.seconds} s a phase; {terminated} connections terminated in phase 4")
    print("| phase | who | responses by status |")
    print("| --- | --- | --- |")
    for phase in phases:
        for who in ("anonymous", "member"):
            counted = sorted(load.counts.items(), key=str)
            statuses = {status: count for (p, w, status), count in counted if (p, w) == (phase, who)}
            shown = ", ".join(f"{status}: {count}" for status, count in statuses.items()) or "none"
            print(f"| {phase} | {who} | {shown} |")
    print(f"\nmember's requests answered with a redirect to sign in: {load.signed_out}")


if __name__ == "__main__":
    main()
