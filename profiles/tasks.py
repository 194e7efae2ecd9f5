from celery import shared_task
from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from notifications.signals import notify

from .models import Verification


@shared_task(acks_late=True, autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def send_verification_decision(verification_id: int) -> None:
    """Tell a member, in-app and by email, what the secretariat decided."""
    try:
        verification = Verification.objects.select_related("user__profile", "country").get(pk=verification_id)
    except Verification.DoesNotExist:
        return
    # Claim the message atomically: a task run twice sends once.
    claimed = Verification.objects.filter(pk=verification_id, notified_at=None).update(notified_at=timezone.now())
    if not claimed:
        return
    try:
        _send(verification)
    except Exception:
        Verification.objects.filter(pk=verification_id).update(notified_at=None)
        raise


def _send(verification: Verification) -> None:
    user = verification.user
    language = (user.profile.languages or [settings.LANGUAGE_CODE])[0]
    with translation.override(language):
        context = {
            "verification": verification,
            "member": user,
            "requests_url": settings.WAGTAILADMIN_BASE_URL + reverse("profiles:verification"),
        }
        subject = _("Your request to be recognised as %(role)s") % {"role": verification.label}
        message = EmailMultiAlternatives(
            subject=settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + subject,
            body=render_to_string("emails/verification_decided.txt", context),
            to=[user.email],
        )
        message.attach_alternative(render_to_string("emails/verification_decided.html", context), "text/html")
        message.send()
        notify.send(
            verification.decided_by or user,
            recipient=user,
            verb=verification.get_status_display(),
            target=verification,
            description=subject,
        )
