from celery import shared_task
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from notifications.signals import notify

from core.addresses import absolute_url
from core.email import build_email, in_language_of, send_once
from core.events import addressed_channel, keep_for_digest
from core.tasks import HubTask

from .constants import SubmissionState
from .models import KnowledgeItemPage, SubmissionNotice
from .services import latest_review_comment

SUBJECTS = {
    SubmissionState.PUBLISHED: _("Your submission “%(title)s” is published"),
    SubmissionState.CHANGES_REQUESTED: _("Changes requested to “%(title)s”"),
    SubmissionState.DECLINED: _("Your submission “%(title)s” was declined"),
}


@shared_task(base=HubTask)
def notify_submission_outcome(page_id: int, outcome: str, key: str) -> None:
    """Tell a submitter, in-app and by email (core.email: in their language,
    once per key), what the secretariat decided, on the channels they chose."""
    try:
        page = KnowledgeItemPage.objects.select_related("submitter__profile").get(pk=page_id).specific
    except KnowledgeItemPage.DoesNotExist:
        return
    member = page.submitter
    if member is None or not member.is_active:
        return
    channel = addressed_channel(member, "submission.outcome")  # the member's choice
    with in_language_of(member):
        comment = latest_review_comment(page) if outcome != SubmissionState.PUBLISHED else ""
        subject = str(SUBJECTS[outcome]) % {"title": page.title}
    if channel["email"] == "now":

        def build():
            context = {
                "page": page,
                "outcome": outcome,
                "comment": comment,
                "page_url": absolute_url(page.url or "") if outcome == SubmissionState.PUBLISHED else "",
                "mine_url": absolute_url(reverse("knowledge:mine")),
            }
            return build_email(member, subject=subject, template="submission_outcome", context=context, bulk=False)

        # Its own record: the email is retried until it leaves, whatever else was done.
        send_once(member, f"submission:{key}", build)
    # In-app notice and digest item: once per key (the notice row is the claim).
    try:
        with transaction.atomic():
            SubmissionNotice.objects.create(page=page, outcome=outcome, key=key)
            if channel["email"] == "digest":
                keep_for_digest(
                    member,
                    key=f"submission:{key}",
                    kind="submission.outcome",
                    title=subject,
                    summary=comment[:300],
                    url=reverse("knowledge:mine"),
                )
            if channel["in_app"]:
                notify.send(member, recipient=member, verb=outcome, target=page, description=subject)
    except IntegrityError:
        return  # already told
