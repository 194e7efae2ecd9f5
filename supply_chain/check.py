"""Known vulnerabilities in what the hub ships: the pinned Python packages
(requirements.txt) and the npm packages of the lock file (package-lock.json),
looked up in the OSV database (https://osv.dev, which gathers PyPI's and
GitHub's advisories) by its API.

    .venv/bin/python supply_chain/check.py            # `make audit`; part of `make lint` and `make test`

A vulnerability of high or critical severity (or of a severity OSV does not
state) fails the check, unless supply_chain/exceptions.toml accepts it with
a reason and a date until which it holds. Lower ones are listed.

When the database cannot be reached (no network, as on some build
machines), the check says so and passes, unless --require-database (or
SUPPLY_CHAIN_REQUIRE_DATABASE=true) makes that a failure; OSV_URL points it
at a mirror.
"""

import argparse
import json
import os
import sys
import tomllib
import urllib.error
import urllib.request
from dataclasses import dataclass
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_URL = "https://api.osv.dev"
BLOCKING = {"HIGH", "CRITICAL", "UNKNOWN"}
BATCH = 500


@dataclass(frozen=True)
class Package:
    ecosystem: str
    name: str
    version: str


@dataclass(frozen=True)
class Finding:
    package: Package
    id: str
    severity: str
    summary: str


class Unreachable(Exception):
    pass


def python_packages(requirements: Path) -> list[Package]:
    found = []
    for line in requirements.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if "==" in line and not line.startswith("-"):
            name, version = line.split("==", 1)
            found.append(Package("PyPI", name.split("[", 1)[0].strip(), version.split(";", 1)[0].strip()))
    return found


def npm_packages(lock: Path) -> list[Package]:
    data = json.loads(lock.read_text(encoding="utf-8"))
    found = set()
    for path, entry in (data.get("packages") or {}).items():
        if not path or "version" not in entry or entry.get("link"):
            continue
        name = entry.get("name") or path.rsplit("node_modules/", 1)[-1]
        found.add(Package("npm", name, entry["version"]))
    return sorted(found, key=lambda package: (package.name, package.version))


def _post(url: str, payload: dict, timeout: float) -> dict:
    body = json.dumps(payload).encode()
    request = urllib.request.Request(  # noqa: S310 (https, or the mirror OSV_URL names)
        url, data=body, headers={"Content-Type": "application/json"}, method="POST"
    )
    return _read(request, timeout)


def _read(request, timeout: float) -> dict:
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 (https or the configured mirror)
            return json.loads(response.read())
    except (urllib.error.URLError, TimeoutError, OSError, ValueError) as error:
        raise Unreachable(str(getattr(error, "reason", error))) from error


# CVSS v3 base metrics (FIRST's specification, section 7.4).
CVSS_WEIGHTS = {
    "AV": {"N": 0.85, "A": 0.62, "L": 0.55, "P": 0.2},
    "AC": {"L": 0.77, "H": 0.44},
    "UI": {"N": 0.85, "R": 0.62},
    "C": {"H": 0.56, "L": 0.22, "N": 0.0},
}
PRIVILEGES = {"U": {"N": 0.85, "L": 0.62, "H": 0.27}, "C": {"N": 0.85, "L": 0.68, "H": 0.5}}


def _round_up(value: float) -> float:
    whole = round(value * 100000)
    return whole / 100000.0 if whole % 10000 == 0 else (whole // 10000 + 1) / 10.0


def cvss3_score(vector: str) -> float | None:
    """The base score of a CVSS:3.x vector, or None if it is not one."""
    try:
        metrics = dict(part.split(":", 1) for part in vector.split("/")[1:])
        scope = metrics["S"]
        impact_sub = 1 - (
            (1 - CVSS_WEIGHTS["C"][metrics["C"]])
            * (1 - CVSS_WEIGHTS["C"][metrics["I"]])
            * (1 - CVSS_WEIGHTS["C"][metrics["A"]])
        )
        exploitability = (
            8.22
            * CVSS_WEIGHTS["AV"][metrics["AV"]]
            * CVSS_WEIGHTS["AC"][metrics["AC"]]
            * PRIVILEGES[scope][metrics["PR"]]
            * CVSS_WEIGHTS["UI"][metrics["UI"]]
        )
    except (KeyError, ValueError):
        return None
    if not vector.startswith("CVSS:3"):
        return None
    if scope == "U":
        impact = 6.42 * impact_sub
        return 0.0 if impact <= 0 else _round_up(min(impact + exploitability, 10))
    impact = 7.52 * (impact_sub - 0.029) - 3.25 * (impact_sub - 0.02) ** 15
    return 0.0 if impact <= 0 else _round_up(min(1.08 * (impact + exploitability), 10))


def _rating(score: float) -> str:
    return "CRITICAL" if score >= 9 else "HIGH" if score >= 7 else "MODERATE" if score >= 4 else "LOW"


def severity_of(vulnerability: dict) -> str:
    """GitHub's and PyPA's word for it (database_specific or affected's
    ecosystem_specific), else the rating of its CVSS v3 score, else UNKNOWN
    (which blocks, to be safe)."""
    for place in [vulnerability.get("database_specific") or {}] + [
        affected.get("ecosystem_specific") or {} for affected in vulnerability.get("affected") or []
    ]:
        word = str(place.get("severity") or "").upper()
        if word in ("LOW", "MODERATE", "MEDIUM", "HIGH", "CRITICAL"):
            return "MODERATE" if word == "MEDIUM" else word
    scores = [
        cvss3_score(str(entry.get("score") or ""))
        for entry in vulnerability.get("severity") or []
        if str(entry.get("type", "")).startswith("CVSS_V3")
    ]
    scores = [score for score in scores if score is not None]
    return _rating(max(scores)) if scores else "UNKNOWN"


def look_up(packages: list[Package], base_url: str, timeout: float = 20.0) -> list[Finding]:
    """Every OSV vulnerability affecting these exact versions."""
    findings, details = [], {}
    for start in range(0, len(packages), BATCH):
        chunk = packages[start : start + BATCH]
        queries = [{"package": {"name": p.name, "ecosystem": p.ecosystem}, "version": p.version} for p in chunk]
        results = _post(f"{base_url}/v1/querybatch", {"queries": queries}, timeout).get("results") or []
        for package, result in zip(chunk, results, strict=False):
            for vulnerability in result.get("vulns") or []:
                identifier = vulnerability["id"]
                if identifier not in details:
                    address = f"{base_url}/v1/vulns/{identifier}"
                    details[identifier] = _read(urllib.request.Request(address), timeout)  # noqa: S310
                detail = details[identifier]
                if detail.get("withdrawn"):
                    continue  # the advisory was taken back
                severity = severity_of(detail)
                # A PYSEC record often states no severity; its GHSA twin does.
                for alias in detail.get("aliases") or []:
                    if severity != "UNKNOWN" or not alias.startswith("GHSA-"):
                        continue
                    if alias not in details:
                        address = f"{base_url}/v1/vulns/{alias}"
                        details[alias] = _read(urllib.request.Request(address), timeout)  # noqa: S310
                    severity = severity_of(details[alias])
                findings.append(Finding(package, identifier, severity, detail.get("summary") or ""))
    return findings


def exceptions(path: Path) -> dict[str, dict]:
    """Accepted findings by id: each with its reason and the date until which it holds."""
    if not path.exists():
        return {}
    accepted = {}
    for entry in tomllib.loads(path.read_text(encoding="utf-8")).get("exception", []):
        missing = [key for key in ("id", "reason", "until") if not entry.get(key)]
        if missing:
            raise SystemExit(f"{path}: an exception lacks {', '.join(missing)}: {entry}")
        accepted[entry["id"]] = entry
    return accepted


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--requirements", type=Path, default=ROOT / "requirements.txt")
    parser.add_argument("--lock", type=Path, default=ROOT / "package-lock.json")
    parser.add_argument("--exceptions", type=Path, default=ROOT / "supply_chain" / "exceptions.toml")
    parser.add_argument("--url", default=os.environ.get("OSV_URL", DEFAULT_URL))
    parser.add_argument(
        "--require-database",
        action="store_true",
        default=os.environ.get("SUPPLY_CHAIN_REQUIRE_DATABASE", "").lower() == "true",
        help="fail when the vulnerability database cannot be reached",
    )
    parser.add_argument("--today", type=date.fromisoformat, default=date.today())
    options = parser.parse_args(argv)

    packages = python_packages(options.requirements) + npm_packages(options.lock)
    accepted = exceptions(options.exceptions)
    try:
        findings = look_up(packages, options.url.rstrip("/"))
    except Unreachable as error:
        print(f"supply chain: the vulnerability database at {options.url} could not be reached ({error}).")
        if options.require_database:
            print("supply chain: FAILED (--require-database)")
            return 1
        print(
            f"supply chain: NOT CHECKED: {len(packages)} packages unchecked; run `make audit` where it can be reached."
        )
        return 0

    blocking = []
    for finding in sorted(findings, key=lambda f: (f.package.ecosystem, f.package.name, f.id)):
        where = f"{finding.package.ecosystem} {finding.package.name} {finding.package.version}"
        exception = accepted.get(finding.id)
        if exception and date.fromisoformat(str(exception["until"])) >= options.today:
            print(f"accepted   {finding.id} ({finding.severity}) in {where}: {exception['reason']}")
        elif finding.severity in BLOCKING:
            expired = f" (its exception ended on {exception['until']})" if exception else ""
            print(f"VULNERABLE {finding.id} ({finding.severity}) in {where}: {finding.summary}{expired}")
            blocking.append(finding)
        else:
            print(f"noted      {finding.id} ({finding.severity}) in {where}: {finding.summary}")
    if blocking:
        where = options.exceptions.relative_to(ROOT) if options.exceptions.is_relative_to(ROOT) else options.exceptions
        print(
            f"supply chain: FAILED: {len(blocking)} high or critical. "
            f"Upgrade the pin, or accept it in {where} with a reason and a date."
        )
        return 1
    print(f"supply chain: {len(packages)} packages checked, nothing high or critical outstanding.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
