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
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from core import addresses, follows
from core.events import FollowKind

from .models import EmailDelivery, Preferences

UNSUBSCRIBE_SALT = "subscriptions.unsubscribe"


def unsubscribe_token(user) -> str:
    return signing.dumps({"u": user.pk}, salt=UNSUBSCRIBE_SALT, compress=True)


def read_unsubscribe_token(token: str):
    """The member a token names, or None when it was altered or has expired."""
    try:
        data = signing.loads(token, salt=UNSUBSCRIBE_SALT, max_age=settings.UNSUBSCRIBE_TOKEN_MAX_AGE)
    except signing.BadSignature:  # includes SignatureExpired
        return None
    return get_user_model().objects.filter(pk=data.get("u"), is_active=True).first()


absolute_url = addresses.absolute_url


def member_language(user) -> str:
    languages = getattr(getattr(user, "profile", None), "languages", None) or []
    known = {code for code, _name in settings.LANGUAGES}
    return next((code for code in languages if code in known), settings.LANGUAGE_CODE)


def build_email(
    user, *, subject: str, template: str, context: dict, bulk: bool, reply_to: str = ""
) -> EmailMultiAlternatives:
    """An email to a member from `template` (.txt and .html), in their
    language, with the footer links; bulk mail carries List-Unsubscribe."""
    unsubscribe_url = absolute_url(reverse("unsubscribe", kwargs={"token": unsubscribe_token(user)}))
    with translation.override(member_language(user)):
        context = {
            **context,
            "member": user,
            "settings_url": absolute_url(reverse("subscriptions:settings")),
            "unsubscribe_url": unsubscribe_url,
            "site_url": absolute_url("/"),
        }
        message = EmailMultiAlternatives(
            subject=settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + subject,
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


def send_once(user, key: str, build) -> bool:
    """Send the email `build()` makes unless one with `key` went to this
    member already; a failed send is retried later, never doubled."""
    preferences = Preferences.objects.filter(user=user).first()
    if preferences is not None and not preferences.receives_email:
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


@shared_task(acks_late=True, autoretry_for=(OSError,), retry_backoff=True, retry_backoff_max=600, max_retries=8)
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


@shared_task(acks_late=True, autoretry_for=(OSError,), retry_backoff=True, retry_backoff_max=600, max_retries=8)
def send_reply_refused(user_id: int, key: str, reason: str, question_id: int | None = None) -> bool:
    """Tell a member, in a short email to their own address, why their reply
    by email was not posted (`reason` is already in their language); once
    per inbound message (`key`)."""
    user = get_user_model().objects.select_related("profile").filter(pk=user_id, is_active=True).first()
    if user is None:
        return False
    question = follows.find(user, FollowKind.QUESTION, str(question_id)) if question_id else None

    def build():
        with translation.override(member_language(user)):
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
