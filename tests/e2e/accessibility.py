"""axe-core in the page, after every navigation of a journey.

axe-core comes from node_modules (package-lock.json), so the check runs
offline and with the version the project pinned.
"""

from functools import cache
from urllib.parse import urlsplit

from django.conf import settings

AXE_SCRIPT = settings.BASE_DIR / "node_modules" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
BLOCKING_IMPACTS = {"serious", "critical"}
# Wagtail's admin is Wagtail's markup, not ours: its violations are written
# here for a person to read (and to report upstream), never failed on.
ADMIN_PREFIX = "/admin/"
ADMIN_REPORTS = settings.BASE_DIR / "test-results" / "axe-wagtail-admin"


@cache
def _axe_source() -> str:
    return AXE_SCRIPT.read_text(encoding="utf-8")


def describe(violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        lines.append(f"- {violation['id']} ({violation['impact']}): {violation['help']}")
        lines.extend(f"    at {', '.join(map(str, node['target']))}" for node in violation["nodes"])
    return "\n".join(lines)


def check_accessibility(page) -> list[dict]:
    """Run axe-core with the WCAG 2.0 and 2.1 A and AA rules on the page as it
    is now, and return its serious and critical violations.

    On the site's own pages (everything outside /admin/) there must be none:
    the assertion lists each violation with its failing elements. On Wagtail
    admin pages they are written to test-results/axe-wagtail-admin/ instead.
    """
    page.wait_for_load_state("load")
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        # Evaluated by the browser's debugging protocol, not as a <script> in
        # the page, which the Content Security Policy would refuse (and report).
        page.evaluate(_axe_source() + "\n;void 0")
    results = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
        WCAG_TAGS,
    )
    violations = [v for v in results["violations"] if v["impact"] in BLOCKING_IMPACTS]
    path = urlsplit(page.url).path
    if path.startswith(ADMIN_PREFIX):
        ADMIN_REPORTS.mkdir(parents=True, exist_ok=True)
        report = ADMIN_REPORTS / (path.strip("/").replace("/", "-") + ".txt")
        report.write_text(f"{path}\n{describe(violations) or 'no serious or critical violations'}\n", encoding="utf-8")
        return violations
    assert not violations, f"axe-core found serious or critical WCAG violations on {path}:\n{describe(violations)}"
    return violations
