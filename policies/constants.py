"""The service's own pages and the stand-in author of former members' posts."""

from profiles.constants import FORMER_MEMBER_EMAIL, FORMER_MEMBER_HANDLE, FORMER_MEMBER_NAME  # noqa: F401

# The slugs are the pages' stable addresses (/<lang>/about/ …, DESIGN.md):
# the footer lists them in this order, the sign-up form links to the terms.
SERVICE_PAGE_SLUGS = ["about", "terms", "privacy", "guidelines", "contact"]
TERMS_SLUG = "terms"
PRIVACY_SLUG = "privacy"

# Posts outlive the account that wrote them: they pass to this account,
# which cannot sign in (reserved .invalid domain, no password, inactive).


# Wrong passwords on the delete-account form before it stops checking for a while.
DELETE_ATTEMPTS = 5
DELETE_ATTEMPTS_WINDOW = 15 * 60  # seconds
