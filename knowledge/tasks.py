from celery import shared_task
from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from notifications.signals import notify

from .constants import SubmissionState
from .models import KnowledgeItemPage, SubmissionNotice

SUBJECTS = {
    SubmissionState.PUBLISHED: _("Your submission “%(title)s” is published"),
    SubmissionState.CHANGES_REQUESTED: _("Changes requested to “%(title)s”"),
    SubmissionState.DECLINED: _("Your submission “%(title)s” was declined"),
}


@shared_task(acks_late=True, autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def notify_submission_outcome(page_id: int, outcome: str, key: str) -> None:
    """Tell a submitter, in-app and by email, what the secretariat decided."""
    from subscriptions.services import addressed_channel, keep_for_digest

    from .services import latest_review_comment

    try:
        page = KnowledgeItemPage.objects.select_related("submitter__profile").get(pk=page_id).specific
    except KnowledgeItemPage.DoesNotExist:
        return
    member = page.submitter
    if member is None or not member.is_active:
        return
    try:
        with transaction.atomic():
            notice = SubmissionNotice.objects.create(page=page, outcome=outcome, key=key)
    except IntegrityError:
        return  # already told
    try:
        language = (member.profile.languages or [settings.LANGUAGE_CODE])[0]
        with translation.override(language):
            base = settings.SITE_URL
            context = {
                "member": member,
                "page": page,
                "outcome": outcome,
                "comment": latest_review_comment(page) if outcome != SubmissionState.PUBLISHED else "",
                "page_url": base + (page.url or "") if outcome == SubmissionState.PUBLISHED else "",
                "mine_url": base + reverse("knowledge:mine"),
            }
            subject = str(SUBJECTS[outcome]) % {"title": page.title}
            channel = addressed_channel(member, "submission.outcome")  # the member's choice
            if channel["email"] == "now":
                message = EmailMultiAlternatives(
                    subject=settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + subject,
                    body=render_to_string("emails/submission_outcome.txt", context),
                    to=[member.email],
                )
                message.attach_alternative(render_to_string("emails/submission_outcome.html", context), "text/html")
                message.send()
            elif channel["email"] == "digest":
                keep_for_digest(
                    member,
                    key=f"submission:{key}",
                    kind="submission.outcome",
                    title=subject,
                    summary=context["comment"][:300],
                    url=reverse("knowledge:mine"),
                )
            if channel["in_app"]:
                notify.send(member, recipient=member, verb=outcome, target=page, description=subject)
    except Exception:
        notice.delete()
        raise
