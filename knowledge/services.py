"""Every write about knowledge items goes through these functions: the
share form, the admin's review task, seed_demo and tests call them alike."""

from dataclasses import dataclass

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.documents import get_document_model
from wagtail.log_actions import log
from wagtail.models import Collection, Page, Workflow, WorkflowState

from conventions.models import Instrument
from core.groups import groups_of_member
from core.language_detection import detect_language
from core.markup import render_markdown
from profiles.permissions import has_verified_email

from . import events
from .constants import REVIEW_WORKFLOW_NAME, SUBMISSIONS_COLLECTION_NAME, TYPE_SLUGS, SubmissionState
from .models import (
    AwarenessMaterialPage,
    BestPracticePage,
    CoordinationMechanismPage,
    DecisionReference,
    KnowledgeAttachment,
    KnowledgeIndexPage,
    KnowledgeItemPage,
    LegalInformationPage,
    ProjectSummaryPage,
)
from .uploads import validate_attachment


@dataclass(frozen=True)
class ItemType:
    key: str
    slug: str
    model: type
    label: str
    description: str


def _item_type(key: str, model: type, label, description) -> ItemType:
    return ItemType(key, TYPE_SLUGS[key], model, label, description)


ITEM_TYPES = [
    _item_type(
        "best_practice",
        BestPracticePage,
        gettext_lazy("Best practices"),
        gettext_lazy("What worked in your country: the problem, what you did, the results and lessons."),
    ),
    _item_type(
        "project_summary",
        ProjectSummaryPage,
        gettext_lazy("Project summaries"),
        gettext_lazy("A project's aims, funding, partners and results."),
    ),
    _item_type(
        "coordination_mechanism",
        CoordinationMechanismPage,
        gettext_lazy("Coordination mechanisms"),
        gettext_lazy("How ministries and agencies work together to implement the three conventions."),
    ),
    _item_type(
        "awareness_material",
        AwarenessMaterialPage,
        gettext_lazy("Awareness materials"),
        gettext_lazy("Posters, leaflets, videos, toolkits and courses for the public."),
    ),
    _item_type(
        "legal_information",
        LegalInformationPage,
        gettext_lazy("Legal information"),
        gettext_lazy("National legislation, guidance, model laws and legal analysis."),
    ),
]
ITEM_TYPES_BY_KEY = {item_type.key: item_type for item_type in ITEM_TYPES}


def item_type_by_slug(slug: str) -> ItemType | None:
    return next((item_type for item_type in ITEM_TYPES if item_type.slug == slug), None)


def item_type_of(page) -> ItemType:
    model = page.specific_class
    return next(item_type for item_type in ITEM_TYPES if item_type.model is model)


class SubmissionError(Exception):
    """A submission that breaks a rule; the message is for the member."""


# ---------------------------------------------------------------- reading


def filter_items(items, form, item_type=None):
    """Apply the listing's filters (already validated by the form)."""
    if item_type is not None:
        items = items.type(item_type.model)
    if not form.is_bound or not form.is_valid():
        return items.order_by("-first_published_at")
    data = form.cleaned_data
    if data.get("type") and item_type is None:
        items = items.type(ITEM_TYPES_BY_KEY[data["type"]].model)
    if data.get("convention"):
        items = items.filter(conventions=data["convention"])
    if data.get("topic"):
        items = items.filter(thematic_areas=data["topic"])
    if data.get("country"):
        items = items.filter(countries=data["country"])
    if data.get("region"):
        items = items.in_region(data["region"])
    if data.get("year"):
        items = items.in_year(data["year"])
    if data.get("tag"):
        items = items.filter(tags__slug=data["tag"])
    items = items.distinct()
    if data.get("sort") == "title":
        return items.order_by("title")
    return items.order_by("-first_published_at")


def knowledge_counts() -> dict:
    """Published items by type and by convention, for the home page."""
    published = KnowledgeItemPage.objects.for_readers()
    by_content_type = dict(
        # order_by(): pages come ordered by tree path, which would split the groups.
        published.order_by().values_list("content_type").annotate(n=Count("pk")).values_list("content_type", "n")
    )

    counts_by_type = [
        (item_type, by_content_type.get(ContentType.objects.get_for_model(item_type.model).pk, 0))
        for item_type in ITEM_TYPES
    ]
    counts_by_convention = (
        Instrument.objects.filter(knowledge_items__in=published)
        .annotate(n=Count("knowledge_items", distinct=True))
        .order_by("sort_order")
    )
    return {
        "counts_by_type": counts_by_type,
        "counts_by_convention": counts_by_convention,
        # Every item has one type: the counts by type add up to them all.
        "published_count": sum(by_content_type.values()),
    }


def submission_state(page: KnowledgeItemPage, workflow_state: WorkflowState | None = None) -> SubmissionState:
    if page.live:
        return SubmissionState.PUBLISHED
    if page.declined_at:
        return SubmissionState.DECLINED
    state = workflow_state if workflow_state is not None else page.current_workflow_state
    if state is not None and state.status == WorkflowState.STATUS_IN_PROGRESS:
        return SubmissionState.IN_REVIEW
    if state is not None and state.status == WorkflowState.STATUS_NEEDS_CHANGES:
        return SubmissionState.CHANGES_REQUESTED
    return SubmissionState.DRAFT


def latest_review_comments(pages) -> dict[int, str]:
    """The editor's last comment on each submission (changes requested or
    declined), for any number of pages in one query."""
    from wagtail.models import TaskState

    comments: dict[int, str] = {}
    states = (
        TaskState.objects.filter(workflow_state__object_id__in=[str(page.pk) for page in pages])
        .filter(workflow_state__base_content_type=ContentType.objects.get_for_model(Page))
        .exclude(comment="")
        .order_by("finished_at", "started_at")
        .values_list("workflow_state__object_id", "comment")
    )
    for object_id, comment in states:  # oldest first: the last one wins
        comments[int(object_id)] = comment
    return comments


def latest_review_comment(page: KnowledgeItemPage) -> str:
    return latest_review_comments([page]).get(page.pk, "")


def can_edit(user, page: KnowledgeItemPage) -> bool:
    """Members edit only their own items, and only until they are published."""
    return user.is_authenticated and page.submitter_id == user.pk and not page.live and not page.first_published_at


# ---------------------------------------------------------------- writing


def knowledge_index() -> KnowledgeIndexPage:
    index = KnowledgeIndexPage.objects.first()
    if index is None:
        raise SubmissionError(_("The knowledge section is not set up yet."))
    return index


def review_workflow() -> Workflow:
    return Workflow.objects.get(name=REVIEW_WORKFLOW_NAME)


def submissions_collection() -> Collection:
    root = Collection.get_first_root_node()
    existing = root.get_children().filter(name=SUBMISSIONS_COLLECTION_NAME).first()
    return existing or root.add_child(name=SUBMISSIONS_COLLECTION_NAME)


def _require_member(user) -> None:
    if not user.is_authenticated or not user.is_active:
        raise PermissionDenied
    if not has_verified_email(user):
        raise SubmissionError(_("Confirm your email address before sharing."))


def _apply(page: KnowledgeItemPage, data: dict, markdown_fields: list[str]) -> None:
    """Copy validated form data onto the page; Markdown becomes safe HTML."""
    simple = {k: v for k, v in data.items() if k not in markdown_fields and k not in M2M_FIELDS + EXTRA_FIELDS}
    for name, value in simple.items():
        setattr(page, name, value)
    page.submitted_markdown = {name: data.get(name, "") for name in markdown_fields}
    for name in markdown_fields:
        setattr(page, name, render_markdown(data.get(name, "")))


M2M_FIELDS = ["conventions", "countries", "regions", "thematic_areas", "groups"]
EXTRA_FIELDS = ["tags", "decision_codes"]


def _apply_relations(page: KnowledgeItemPage, data: dict, offered_groups=None) -> None:
    """`offered_groups`: the groups the form offered; others already on the
    page (added by an editor, or of a group the member has left) stay."""
    for name in M2M_FIELDS:
        if name not in data:
            continue
        values = set(data[name])
        if name == "groups" and page.pk:
            offered = set(offered_groups or [])
            values |= {group for group in page.groups.all() if group not in offered}
        getattr(page, name).set(values)
    if "tags" in data:
        page.tags.set(data["tags"], clear=True)
    if "decision_codes" in data:
        page.decision_references = [DecisionReference(code=code) for code in data["decision_codes"]]


def _store_attachments(page, user, uploads: list[tuple]) -> None:
    """Validate every file first, then store them all (nothing half-written)."""
    existing = page.attachments.count() if page.pk else 0
    if existing + len(uploads) > settings.KNOWLEDGE_ATTACHMENTS_PER_ITEM:
        raise ValidationError(
            _("An item can have at most %(count)d attachments.") % {"count": settings.KNOWLEDGE_ATTACHMENTS_PER_ITEM}
        )
    sniffed = [(upload, language, validate_attachment(upload)) for upload, language in uploads]
    Document = get_document_model()
    collection = submissions_collection()
    attachments = list(page.attachments.all())
    for upload, language, _content_type in sniffed:
        document = Document(title=upload.name, file=upload, collection=collection, uploaded_by_user=user)
        document.file_size = upload.size
        document.save()
        attachments.append(KnowledgeAttachment(document=document, language=language))
    page.attachments = attachments


@transaction.atomic
def save_submission(
    user,
    item_type: ItemType,
    data: dict,
    *,
    markdown_fields: list[str],
    page: KnowledgeItemPage | None = None,
    uploads: list[tuple] = (),
    remove_attachment_ids=(),
    submit: bool = False,
) -> KnowledgeItemPage:
    """Create or update a member's draft, and send it for review when asked.

    The page is never published here: only the secretariat's review does that.
    """
    _require_member(user)
    if page is None:
        page = item_type.model(owner=user, submitter=user, live=False)
        creating = True
    else:
        if not can_edit(user, page):
            raise PermissionDenied
        if page.current_workflow_state and page.current_workflow_state.status == WorkflowState.STATUS_IN_PROGRESS:
            raise SubmissionError(_("This item is being reviewed; you can edit it if changes are requested."))
        creating = False
    mine = None
    if "groups" in data:
        mine = set(groups_of_member(user))
        if not set(data["groups"]) <= mine:
            raise SubmissionError(_("You can share an item only with groups you are a member of."))
    _apply(page, data, markdown_fields)
    if not page.language:
        page.language = detect_language(f"{page.title}\n{page.summary}")
    _apply_relations(page, data, offered_groups=mine)
    if remove_attachment_ids:
        page.attachments = [a for a in page.attachments.all() if a.pk not in set(remove_attachment_ids)]
    if uploads:
        _store_attachments(page, user, list(uploads))
    page.declined_at = None
    # Page.save() runs full_clean(): invalid data stops here, inside the transaction.
    if creating:
        index = knowledge_index()
        page.locale = index.locale
        index.add_child(instance=page)
    else:
        page.save()
    page.save_revision(user=user, log_action=True)
    if submit:
        submit_for_review(page, user)
    return page


def submit_for_review(page: KnowledgeItemPage, user) -> WorkflowState:
    """Start the secretariat's review, or resume it after requested changes."""
    state = page.current_workflow_state
    if state is not None and state.status == WorkflowState.STATUS_NEEDS_CHANGES:
        state.resume(user)
        return state
    if state is not None and state.status == WorkflowState.STATUS_IN_PROGRESS:
        return state
    return review_workflow().start(page, user)


@transaction.atomic
def decline_submission(task_state, *, user, comment: str) -> None:
    """The secretariat declines a submission: the review ends, the member is told."""
    if not comment.strip():
        raise ValidationError(_("Tell the member why the submission is declined."))
    workflow_state = task_state.workflow_state
    page = workflow_state.content_object.specific
    workflow_state.cancel(user=user)
    # Cancelling clears the task's comment; the member must read it.
    type(task_state).objects.filter(pk=task_state.pk).update(comment=comment.strip())
    KnowledgeItemPage.objects.filter(pk=page.pk).update(declined_at=timezone.now())
    log(instance=page, action="knowledge.declined", user=user, data={"comment": comment.strip()})
    events.submission_outcome(page.pk, SubmissionState.DECLINED, key=f"task-{task_state.pk}")
