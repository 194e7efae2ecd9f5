"""The Content Security Policy in Chromium (#18): a script injected into a
hub page does not run, Chromium reports it to /csp-report/, which logs it,
and the journeys' watch (tests/e2e/watch.py) notices it. Every other journey
runs with the same policy and fails on any refusal."""

import logging
import time

import pytest

from tests.e2e.timeouts import TIMEOUT_MS
from tests.e2e.watch import watch

pytestmark = pytest.mark.e2e

INJECT = """() => {
  const script = document.createElement("script");
  script.textContent = "window.injected = true;";
  document.body.append(script);
  const styled = document.createElement("p");
  styled.setAttribute("style", "color: red");
  styled.textContent = "styled";
  document.body.append(styled);
  return [window.injected === true, getComputedStyle(styled).color];
}"""


def reported(caplog, directive: str) -> list[str]:
    return [
        record.getMessage()
        for record in caplog.records
        if record.name == "hub.csp" and record.getMessage().startswith(f"CSP violation: {directive}")
    ]


def test_an_injected_script_and_style_are_refused_reported_and_noticed(browser, live_server, caplog, page):
    del page  # the journeys' database set-up; this test watches a tab of its own
    context = browser.new_context(base_url=live_server.url)
    context.set_default_timeout(TIMEOUT_MS)
    tab = context.new_page()
    problems = watch(tab)
    try:
        with caplog.at_level(logging.WARNING, logger="hub.csp"):
            response = tab.goto("/en/")
            assert "script-src 'self'" in response.headers["content-security-policy"]
            ran, colour = tab.evaluate(INJECT)
            assert ran is False
            assert colour != "rgb(255, 0, 0)"
            deadline = time.monotonic() + TIMEOUT_MS / 1000
            while not (reported(caplog, "script-src") and reported(caplog, "style-src")):
                assert time.monotonic() < deadline, "Chromium's reports never reached /csp-report/"
                tab.wait_for_timeout(100)
    finally:
        context.close()
    assert any("refused by the Content Security Policy" in problem and "script" in problem for problem in problems)
    assert f" on {live_server.url}/en/ " in reported(caplog, "script-src")[0]
