"""The one place that sends email to members about events and digests: in
their language, html and text parts, the footer links to their settings and
to a one-click unsubscribe, the List-Unsubscribe headers of RFC 8058 on bulk
mail, once per (member, key), never to an address that bounces, complained
or unsubscribed. Emails about a question carry a Reply-To address: a reply
becomes an answer (subscriptions.replies)."""

from celery import shared_task
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import signing
from django.utils.translation import gettext

from core import follows
from core.addresses import absolute_url
from core.email import (
    UNSUBSCRIBE_SALT,
    build_email,
    in_language_of,
    send_once,
    unsubscribe_token,  # noqa: F401  TODO(#13): tests import it from here
)
from core.events import FollowKind
from core.tasks import HubTask

from .models import Preferences


def read_unsubscribe_token(token: str):
    """The member a token names (core.email.unsubscribe_token), or None when
    it was altered or has expired."""
    try:
        data = signing.loads(token, salt=UNSUBSCRIBE_SALT, max_age=settings.UNSUBSCRIBE_TOKEN_MAX_AGE)
    except signing.BadSignature:  # includes SignatureExpired
        return None
    return get_user_model().objects.filter(pk=data.get("u"), is_active=True).first()


def receives_email(user) -> bool:
    """core.email's address check: not when the address bounced, complained
    or unsubscribed (Preferences.email_status)."""
    preferences = Preferences.objects.filter(user=user).first()
    return preferences is None or preferences.receives_email


@shared_task(base=HubTask)
def send_event_email(user_id: int, key: str, kind: str, description: str, url: str, summary: str = "") -> bool:
    """Email at once about one event (the member chose "email at once").
    About a question they may answer, a reply to the email is an answer."""
    from .replies import question_to_reply_to, reply_address

    user = get_user_model().objects.select_related("profile").filter(pk=user_id, is_active=True).first()
    if user is None:
        return False

    def build():
        question = question_to_reply_to(user, kind, key)
        return build_email(
            user,
            subject=description,
            template="event",
            context={
                "description": description,
                "summary": summary,
                "url": absolute_url(url) if url else "",
                "kind": kind,
                "reply_by_email": question is not None,
            },
            bulk=True,
            reply_to=reply_address(user, question) if question is not None else "",
        )

    return send_once(user, f"event:{key}", build)


@shared_task(base=HubTask)
def send_reply_refused(user_id: int, key: str, reason: str, question_id: int | None = None) -> bool:
    """Tell a member, in a short email to their own address, why their reply
    by email was not posted (`reason` is already in their language); once
    per inbound message (`key`)."""
    user = get_user_model().objects.select_related("profile").filter(pk=user_id, is_active=True).first()
    if user is None:
        return False
    question = follows.find(user, FollowKind.QUESTION, str(question_id)) if question_id else None

    def build():
        with in_language_of(user):
            subject = gettext("Your reply was not posted")
            url = absolute_url(question.get_absolute_url()) if question is not None else ""
        message = build_email(
            user,
            subject=subject,
            template="reply_refused",
            context={"reason": reason, "question": question, "url": url},
            bulk=False,
        )
        # RFC 3834: an automatic answer; well-behaved autoresponders stay quiet.
        message.extra_headers["Auto-Submitted"] = "auto-replied"
        return message

    return send_once(user, key, build)
