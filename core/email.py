"""The one way the hub emails a member.

build_email: in the member's language (the first of their languages the
site speaks, else the default), from a pair of templates (`emails/<name>.txt`
and `.html`), with the footer links to their delivery settings and to a
one-click unsubscribe; bulk mail (events, digests) also carries the
List-Unsubscribe headers of RFC 8058.

send_once: one EmailDelivery row per (member, key), written before the email
leaves and completed after, so a retried or redelivered task never sends
twice; never to an address that bounced, complained or unsubscribed (the app
that keeps those states says so through `register_address_check`).

    def build():
        with in_language_of(member):
            subject = gettext("…")
        return build_email(member, subject=subject, template="…", context={…}, bulk=False)

    send_once(member, f"verification:{pk}:{status}", build)
"""

from collections.abc import Callable
from contextlib import contextmanager

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from .addresses import absolute_url
from .models import EmailDelivery

UNSUBSCRIBE_SALT = "subscriptions.unsubscribe"

_address_checks: list[Callable[[object], bool]] = []


def register_address_check(receives_email: Callable[[object], bool]) -> None:
    """`receives_email(user)` → False when the member's address must get no
    more email (bounces, complaints, unsubscribed)."""
    if receives_email not in _address_checks:
        _address_checks.append(receives_email)


def receives_email(user) -> bool:
    return all(check(user) for check in _address_checks)


def member_language(user) -> str:
    """The first of the member's languages that the site speaks, else the default."""
    languages = getattr(getattr(user, "profile", None), "languages", None) or []
    known = {code for code, _name in settings.LANGUAGES}
    return next((code for code in languages if code in known), settings.LANGUAGE_CODE)


@contextmanager
def in_language_of(user):
    """Translate what is written inside (a subject, a summary) for this member."""
    with translation.override(member_language(user)):
        yield


def unsubscribe_token(user) -> str:
    return signing.dumps({"u": user.pk}, salt=UNSUBSCRIBE_SALT, compress=True)


def build_email(
    user, *, subject: str, template: str, context: dict, bulk: bool, reply_to: str = ""
) -> EmailMultiAlternatives:
    """An email to a member from `template` (.txt and .html), in their
    language, with the footer links; bulk mail carries List-Unsubscribe."""
    unsubscribe_url = absolute_url(reverse("unsubscribe", kwargs={"token": unsubscribe_token(user)}))
    with in_language_of(user):
        context = {
            **context,
            "member": user,
            "settings_url": absolute_url(reverse("subscriptions:settings")),
            "unsubscribe_url": unsubscribe_url,
            "site_url": absolute_url("/"),
        }
        message = EmailMultiAlternatives(
            subject=settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + str(subject),
            body=render_to_string(f"emails/{template}.txt", context),
            to=[user.email],
            reply_to=[reply_to] if reply_to else None,
        )
        message.attach_alternative(render_to_string(f"emails/{template}.html", context), "text/html")
    if bulk:
        mailto = settings.DEFAULT_FROM_EMAIL.rsplit("<", 1)[-1].rstrip(">")
        message.extra_headers["List-Unsubscribe"] = f"<{unsubscribe_url}>, <mailto:{mailto}?subject=unsubscribe>"
        message.extra_headers["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    return message


def send_once(user, key: str, build: Callable[[], EmailMultiAlternatives]) -> bool:
    """Send the email `build()` makes unless one with `key` went to this
    member already; a failed send leaves the claim without sent_at, and the
    retry sends it (never doubled once it has left). Returns whether it sent."""
    if not receives_email(user):
        return False
    try:
        with transaction.atomic():
            delivery = EmailDelivery.objects.create(user=user, key=key)
    except IntegrityError:
        delivery = EmailDelivery.objects.get(user=user, key=key)
        if delivery.sent_at is not None:
            return False
    build().send()
    EmailDelivery.objects.filter(pk=delivery.pk).update(sent_at=timezone.now())
    return True
