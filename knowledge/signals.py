"""Wagtail's workflow signals, turned into events for the submitter. The
receivers only enqueue work."""

from wagtail.signals import task_rejected, workflow_approved

from . import events
from .constants import SubmissionState
from .models import KnowledgeItemPage


def _knowledge_page_id(workflow_state) -> int | None:
    content = workflow_state.content_object
    if isinstance(content, KnowledgeItemPage) or issubclass(content.specific_class, KnowledgeItemPage):
        return content.pk
    return None


def on_workflow_approved(sender, instance, user=None, **kwargs):
    page_id = _knowledge_page_id(instance)
    if page_id:
        events.submission_outcome(page_id, SubmissionState.PUBLISHED, key=f"workflow-{instance.pk}")


def on_task_rejected(sender, instance, user=None, **kwargs):
    page_id = _knowledge_page_id(instance.workflow_state)
    if page_id:
        events.submission_outcome(page_id, SubmissionState.CHANGES_REQUESTED, key=f"task-{instance.pk}")


def on_page_published(sender, instance, **kwargs):
    if isinstance(instance, KnowledgeItemPage) and instance.live and not instance.get_view_restrictions().exists():
        events.item_published(instance)


def connect():
    # The submitter hears of approval and rejection from us (in their language,
    # with the comment, in-app too); Wagtail's own admin emails would repeat it.
    # Editors keep Wagtail's "submitted for review" email.
    from wagtail.models import WorkflowState
    from wagtail.signals import workflow_approved as approved
    from wagtail.signals import workflow_rejected

    workflow_rejected.disconnect(sender=WorkflowState, dispatch_uid="workflow_state_rejected_email_notification")
    approved.disconnect(sender=WorkflowState, dispatch_uid="workflow_state_approved_email_notification")
    workflow_approved.connect(on_workflow_approved, dispatch_uid="knowledge_workflow_approved")
    task_rejected.connect(on_task_rejected, dispatch_uid="knowledge_task_rejected")
    from wagtail.signals import page_published

    page_published.connect(on_page_published, dispatch_uid="knowledge_page_published")
