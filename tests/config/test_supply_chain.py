"""The known-vulnerability check of `make lint` and `make test`
(supply_chain/check.py, #18), against a local server that speaks OSV's API
(POST /v1/querybatch, GET /v1/vulns/<id>), started by the test."""

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from supply_chain import check

ADVISORIES = {
    "GHSA-high-0001": {
        "id": "GHSA-high-0001",
        "summary": "SQL injection in an ORM lookup",
        "database_specific": {"severity": "HIGH"},
    },
    "GHSA-low-0002": {
        "id": "GHSA-low-0002",
        "summary": "A log line too long",
        "database_specific": {"severity": "LOW"},
    },
    "PYSEC-unknown-0003": {"id": "PYSEC-unknown-0003", "summary": "No severity stated"},
    # PyPA's records often give only a CVSS vector, or only the GHSA twin's id.
    "PYSEC-cvss-0004": {
        "id": "PYSEC-cvss-0004",
        "summary": "Reflected text in an error page",
        "severity": [{"type": "CVSS_V3", "score": "CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N"}],
    },
    "PYSEC-alias-0005": {"id": "PYSEC-alias-0005", "summary": "See its GHSA", "aliases": ["GHSA-twin-0005"]},
    "GHSA-twin-0005": {"id": "GHSA-twin-0005", "database_specific": {"severity": "CRITICAL"}},
    "GHSA-gone-0006": {"id": "GHSA-gone-0006", "withdrawn": "2026-10-01T00:00:00Z", "summary": "Taken back"},
}
# What the fake database says is vulnerable: (ecosystem, name, version) -> ids.
AFFECTED = {
    ("PyPI", "django", "5.2.19"): ["GHSA-high-0001", "GHSA-low-0002"],
    ("npm", "htmx.org", "2.0.11"): ["PYSEC-unknown-0003"],
    ("PyPI", "nh3", "0.3.8"): ["PYSEC-cvss-0004", "PYSEC-alias-0005", "GHSA-gone-0006"],
}


class OSV(BaseHTTPRequestHandler):
    queries = []

    def do_POST(self):  # noqa: N802
        assert self.path == "/v1/querybatch"
        payload = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        OSV.queries.extend(payload["queries"])
        results = []
        for query in payload["queries"]:
            key = (query["package"]["ecosystem"], query["package"]["name"].lower(), query["version"])
            results.append(
                {"vulns": [{"id": id_, "modified": "2026-11-01T00:00:00Z"} for id_ in AFFECTED.get(key, [])]}
            )
        self.answer({"results": results})

    def do_GET(self):  # noqa: N802
        identifier = self.path.removeprefix("/v1/vulns/")
        if identifier not in ADVISORIES:
            self.send_error(404)
            return
        self.answer(ADVISORIES[identifier])

    def answer(self, data):
        body = json.dumps(data).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def osv():
    OSV.queries = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), OSV)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.fixture
def project(tmp_path):
    requirements = tmp_path / "requirements.txt"
    requirements.write_text("# pinned\nDjango==5.2.19\ncelery[redis]==5.7.0\nnh3==0.3.8 ; python_version >= '3.9'\n")
    lock = tmp_path / "package-lock.json"
    lock.write_text(
        json.dumps(
            {
                "lockfileVersion": 3,
                "packages": {
                    "": {"name": "brs-hub", "version": "1.0.0"},
                    "node_modules/htmx.org": {"version": "2.0.11"},
                    "node_modules/bootstrap": {"version": "5.3.8", "dev": True},
                },
            }
        )
    )
    return tmp_path


def run(project, osv, capsys, *extra):
    code = check.main(
        [
            "--requirements",
            str(project / "requirements.txt"),
            "--lock",
            str(project / "package-lock.json"),
            "--exceptions",
            str(project / "exceptions.toml"),
            "--url",
            osv,
            "--today",
            "2026-12-07",
            *extra,
        ]
    )
    return code, capsys.readouterr().out


def test_a_high_or_unstated_severity_fails_and_a_low_one_is_noted(project, osv, capsys):
    code, out = run(project, osv, capsys)
    assert code == 1
    assert "VULNERABLE GHSA-high-0001 (HIGH) in PyPI Django 5.2.19: SQL injection in an ORM lookup" in out
    assert "VULNERABLE PYSEC-unknown-0003 (UNKNOWN) in npm htmx.org 2.0.11" in out
    assert "noted      GHSA-low-0002 (LOW) in PyPI Django 5.2.19" in out
    # A CVSS 3.1 vector scoring 6.1 is moderate; a PYSEC record takes its GHSA twin's word; withdrawn ones are gone.
    assert "noted      PYSEC-cvss-0004 (MODERATE) in PyPI nh3 0.3.8" in out
    assert "VULNERABLE PYSEC-alias-0005 (CRITICAL) in PyPI nh3 0.3.8" in out
    assert "GHSA-gone-0006" not in out
    assert "FAILED: 3 high or critical" in out
    asked = {(query["package"]["ecosystem"], query["package"]["name"], query["version"]) for query in OSV.queries}
    assert asked == {
        ("PyPI", "Django", "5.2.19"),
        ("PyPI", "celery", "5.7.0"),
        ("PyPI", "nh3", "0.3.8"),
        ("npm", "htmx.org", "2.0.11"),
        ("npm", "bootstrap", "5.3.8"),
    }


def test_an_accepted_finding_passes_with_its_reason_until_its_date(project, osv, capsys):
    (project / "exceptions.toml").write_text(
        '[[exception]]\nid = "GHSA-high-0001"\npackage = "django"\n'
        'reason = "The lookup is never given member input."\nuntil = 2027-01-31\n'
        '[[exception]]\nid = "PYSEC-unknown-0003"\nreason = "Build-time only."\nuntil = 2026-12-01\n'
    )
    code, out = run(project, osv, capsys)
    assert "accepted   GHSA-high-0001 (HIGH) in PyPI Django 5.2.19: The lookup is never given member input." in out
    # An acceptance whose date has passed blocks again.
    assert "VULNERABLE PYSEC-unknown-0003 (UNKNOWN) in npm htmx.org 2.0.11" in out
    assert "(its exception ended on 2026-12-01)" in out
    assert code == 1
    code, out = run(project, osv, capsys, "--today", "2026-11-30")
    assert "accepted   PYSEC-unknown-0003" in out
    assert code == 1  # PYSEC-alias-0005 (critical) is not accepted
    (project / "exceptions.toml").write_text(
        (project / "exceptions.toml").read_text()
        + '[[exception]]\nid = "PYSEC-alias-0005"\nreason = "Only its CLI is affected."\nuntil = 2027-06-30\n'
    )
    code, out = run(project, osv, capsys, "--today", "2026-11-30")
    assert code == 0
    assert "nothing high or critical outstanding" in out


def test_an_exception_without_a_reason_is_refused(project, osv, capsys):
    (project / "exceptions.toml").write_text('[[exception]]\nid = "GHSA-high-0001"\nuntil = 2027-01-31\n')
    with pytest.raises(SystemExit, match="an exception lacks reason"):
        run(project, osv, capsys)


def test_an_unreachable_database_is_said_and_fails_only_when_required(project, capsys):
    closed = "http://127.0.0.1:9"  # the discard port: nothing listens
    code, out = run(project, closed, capsys)
    assert code == 0
    assert "could not be reached" in out and "NOT CHECKED: 5 packages unchecked" in out
    code, out = run(project, closed, capsys, "--require-database")
    assert code == 1
    assert "FAILED (--require-database)" in out


def test_the_project_s_own_pins_and_lock_file_are_read():
    from django.conf import settings

    python = check.python_packages(settings.BASE_DIR / "requirements.txt")
    npm = check.npm_packages(settings.BASE_DIR / "package-lock.json")
    assert check.Package("PyPI", "Django", "5.2.19") in python
    assert check.Package("PyPI", "django-csp", "4.0") in python
    assert any(package.name == "htmx.org" for package in npm)
    assert check.exceptions(settings.BASE_DIR / "supply_chain" / "exceptions.toml") == {}
