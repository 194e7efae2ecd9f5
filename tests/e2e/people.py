"""People in a journey: a second browser context for each, and signing in."""

from contextlib import contextmanager

from tests.e2e.accessibility import check_accessibility
from tests.e2e.forms import field
from tests.e2e.timeouts import TIMEOUT_MS
from tests.e2e.watch import watch
from tests.profiles.factories import PASSWORD


@contextmanager
def another_person(browser, live_server):
    """A second browser context (own cookies), set up as the ``page`` fixture
    sets up the first one, failing on script errors and missing assets."""
    context = browser.new_context(base_url=live_server.url, locale="en-GB", viewport={"width": 1280, "height": 900})
    context.set_default_timeout(TIMEOUT_MS)
    tab = context.new_page()
    problems = watch(tab)
    try:
        yield tab
    finally:
        context.close()
    assert not problems, "The pages had broken assets, scripts or refused content:\n" + "\n".join(problems)


def sign_in(page, email):
    page.goto("/en/accounts/login/")
    check_accessibility(page)
    field(page, "Email").fill(email)
    field(page, "Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
