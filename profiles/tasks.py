"""Emails and in-app notifications about members. Every task is safe to run
twice and retries, with back-off, when the mail server is unreachable
(core.tasks.HubTask; smtplib's errors are OSErrors)."""

from celery import shared_task
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from notifications.signals import notify

from core.addresses import absolute_url
from core.email import build_email, in_language_of, send_once
from core.events import addressed_channel, keep_for_digest
from core.tasks import HubTask

from .constants import Role, VerificationStatus
from .models import Verification


@shared_task(base=HubTask)
def send_account_email(message: dict) -> None:
    """Send an account email (confirmation, sign-in code, password reset)
    that AccountAdapter rendered during the request.

    ``message`` holds subject, body, html (or None), from_email, to and
    headers: plain data, so the broker can carry it.
    """
    email = EmailMultiAlternatives(
        subject=message["subject"],
        body=message["body"],
        from_email=message["from_email"],
        to=message["to"],
        headers=message.get("headers") or {},
    )
    if message.get("html"):
        if message["body"]:
            email.attach_alternative(message["html"], "text/html")
        else:
            email.body = message["html"]
            email.content_subtype = "html"
    email.send()


@shared_task(base=HubTask)
def send_verification_decision(verification_id: int) -> None:
    """Tell a member, in-app and by email, what the secretariat decided.

    Each channel is claimed on its own, so a retry or a redelivered task
    completes what is missing and never repeats what was done.
    """
    try:
        verification = Verification.objects.select_related("user__profile", "country").get(pk=verification_id)
    except Verification.DoesNotExist:
        return
    channel = addressed_channel(verification.user, "verification")  # the member's choice
    with in_language_of(verification.user):
        if channel["in_app"]:
            _notify_in_app(verification)
        if channel["email"] == "now":
            _email(verification)
        elif channel["email"] == "digest":
            keep_for_digest(
                verification.user,
                key=f"verification:{verification.pk}:{verification.status}",
                kind="verification",
                title=_subject(verification),
                summary=_next_step(verification),
                url=reverse("profiles:verification"),
            )


def _subject(verification: Verification) -> str:
    """The outcome and the role: what the member reads in the inbox and as
    the subject of the email."""
    if verification.status == VerificationStatus.APPROVED:
        return _("You are verified as %(role)s") % {"role": verification.label}
    if verification.status == VerificationStatus.DECLINED:
        return _("Your request to be recognised as %(role)s was declined") % {"role": verification.label}
    return _("Your request to be recognised as %(role)s") % {"role": verification.label}


def _next_step(verification: Verification) -> str:
    """What the member can do now, in one sentence."""
    if verification.status != VerificationStatus.APPROVED:
        return _("You can ask again with more detail about your office from your roles page.")
    if not verification.user.profile.is_public:
        if verification.role == Role.FOCAL_POINT:
            return _(
                "Your profile is private, so you are not listed in the directory of focal points. "
                "Make it public on your profile page so colleagues can find you."
            )
        return _(
            "Your profile is private, so colleagues cannot find you. Make it public on your profile page to be listed."
        )
    if verification.role == Role.FOCAL_POINT:
        return _("You are listed in the directory of focal points and on your country's profile.")
    if verification.role == Role.EXPERT:
        return _("You are listed in the roster of experts; questions on your topics will reach you.")
    return _("Your badge shows next to your name wherever it appears.")


def _notify_in_app(verification: Verification) -> None:
    # The claim and the notification commit together: a worker that dies
    # between them leaves neither, and the redelivered task makes both.
    with transaction.atomic():
        claimed = Verification.objects.filter(pk=verification.pk, notified_at=None).update(notified_at=timezone.now())
        if claimed:
            notify.send(
                verification.decided_by or verification.user,
                recipient=verification.user,
                verb=verification.get_status_display(),
                target=verification,
                description=_subject(verification),
            )


def _email(verification: Verification) -> None:
    """Once per decision (core.email.send_once): a retry after a failed send
    sends it, a redelivered task after it left does not."""
    user = verification.user

    def build():
        context = {
            "verification": verification,
            "requests_url": absolute_url(reverse("profiles:verification")),
            "profile_url": absolute_url(reverse("profiles:edit")),
            "next_step": _next_step(verification),
            "profile_is_private": not user.profile.is_public,
        }
        return build_email(
            user, subject=_subject(verification), template="verification_decided", context=context, bulk=False
        )

    if send_once(user, f"verification:{verification.pk}:{verification.status}", build):
        Verification.objects.filter(pk=verification.pk).update(emailed_at=timezone.now())


@shared_task(base=HubTask)
def clear_expired_sessions() -> None:
    """Sessions live in the database (read through the cache): remove the
    expired ones, as `manage.py clearsessions` does (Celery beat, nightly)."""
    from django.contrib.sessions.models import Session

    Session.objects.filter(expire_date__lt=timezone.now()).delete()
