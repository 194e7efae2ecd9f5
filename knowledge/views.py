"""Sharing from the site: members write, the secretariat reviews."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST
from wagtail.models import WorkflowState

from core.markup import render_markdown
from profiles.permissions import has_verified_email

from .forms import AttachmentFormSet, ShareForm
from .models import KnowledgeItemPage
from .services import (
    ITEM_TYPES,
    ITEM_TYPES_BY_KEY,
    SubmissionError,
    can_edit,
    item_type_of,
    latest_review_comments,
    save_submission,
    submission_state,
)


@login_required
def share_start(request):
    """Step 1: what kind of item are you sharing?"""
    if not has_verified_email(request.user):
        return render(request, "pages/knowledge_verify_email.html", status=403)
    return render(request, "pages/knowledge_share_start.html", {"item_types": ITEM_TYPES})


def _initial_from_page(page, item_type):
    """The form's starting values for an item being edited: the member's own Markdown."""
    initial = {
        "title": page.title,
        "summary": page.summary,
        "thematic_areas": list(page.thematic_areas.all()),
        "conventions": list(page.conventions.all()),
        "countries": list(page.countries.all()),
        "regions": list(page.regions.all()),
        "groups": list(page.groups.all()),
        "tags": ", ".join(tag.name for tag in page.tags.all()),
        "decision_codes": ", ".join(ref.code for ref in page.decision_references.all()),
        "year_start": page.year_start,
        "year_end": page.year_end,
        "organisation": page.organisation,
        "contact_name": page.contact_name,
        "contact_email": page.contact_email,
        "language": page.language,
    }
    from .forms import TYPE_FIELDS

    for name, kind in TYPE_FIELDS[item_type.key]:
        if kind == "markdown":
            initial[name] = page.submitted_markdown.get(name, "")
        else:
            initial[name] = getattr(page, name)
    return initial


@login_required
@require_http_methods(["GET", "POST"])
def share_form(request, type_key, page_id=None):
    """Step 2: the form for one kind of item; also used to edit a draft."""
    page = None
    if page_id is not None:
        page = get_object_or_404(KnowledgeItemPage.objects.submitted_by(request.user), pk=page_id).specific
        if not can_edit(request.user, page):
            raise PermissionDenied
        item_type = item_type_of(page)
    else:
        item_type = ITEM_TYPES_BY_KEY.get(type_key)
        if item_type is None:
            raise Http404
    if not has_verified_email(request.user):
        return render(request, "pages/knowledge_verify_email.html", status=403)

    status = 200
    if request.method == "POST":
        form = ShareForm(request.POST, item_type=item_type, user=request.user)
        attachments = AttachmentFormSet(request.POST, request.FILES, prefix="attachments")
        if form.is_valid() and attachments.is_valid():
            data = dict(form.cleaned_data)
            data.pop("title_html", None)
            data.pop("codes_checked", None)
            uploads = [
                (entry["file"], entry.get("language", "")) for entry in attachments.cleaned_data if entry.get("file")
            ]
            remove = [int(pk) for pk in request.POST.getlist("remove_attachment") if pk.isdigit()]
            submit = "submit" in request.POST
            try:
                page = save_submission(
                    request.user,
                    item_type,
                    data,
                    markdown_fields=form.markdown_fields,
                    page=page,
                    uploads=uploads,
                    remove_attachment_ids=remove,
                    submit=submit,
                )
            except ValidationError as error:
                form.add_error(None, error)
                status = 400
            except SubmissionError as error:
                form.add_error(None, str(error))
                status = 409
            else:
                if submit:
                    messages.success(request, _("Thank you. Your submission was sent to the secretariat for review."))
                else:
                    messages.success(request, _("Your draft was saved. Send it for review when it is ready."))
                return redirect("knowledge:mine")
        else:
            status = 400
    else:
        initial = _initial_from_page(page, item_type) if page else None
        form = ShareForm(initial=initial, item_type=item_type, user=request.user)
        attachments = AttachmentFormSet(prefix="attachments")
    return render(
        request,
        "pages/knowledge_share_form.html",
        {
            "form": form,
            "attachments": attachments,
            "item_type": item_type,
            "page": page,
            "existing_attachments": page.attachments.select_related("document") if page else [],
        },
        status=status,
    )


@login_required
def my_submissions(request):
    """Each of the member's items with where it stands."""
    pages = (
        KnowledgeItemPage.objects.submitted_by(request.user)
        .select_related("content_type")
        .order_by("-latest_revision_created_at", "-pk")
    )
    states = {
        state.object_id: state
        for state in WorkflowState.objects.filter(
            object_id__in=[str(page.pk) for page in pages],
            status__in=[WorkflowState.STATUS_IN_PROGRESS, WorkflowState.STATUS_NEEDS_CHANGES],
        )
    }
    comments = latest_review_comments(pages)
    rows = []
    for page in pages:
        state = submission_state(page, states.get(str(page.pk)))
        rows.append(
            {
                "page": page,
                "type_label": page.specific_class._meta.verbose_name,
                "state": state,
                "comment": comments.get(page.pk, "") if state in ("changes_requested", "declined") else "",
                "can_edit": can_edit(request.user, page),
            }
        )
    return render(request, "pages/knowledge_mine.html", {"rows": rows})


@login_required
def preview_submission(request, page_id):
    """The member's own draft as readers would see it; nobody else's."""
    page = get_object_or_404(KnowledgeItemPage.objects.submitted_by(request.user), pk=page_id)
    revision = page.get_latest_revision_as_object()
    return revision.make_preview_request(request, revision.default_preview_mode)


@login_required
@require_POST
def markdown_preview(request):
    """Live preview of Markdown for the share form (htmx)."""
    field = request.POST.get("field", "")
    html = render_markdown(request.POST.get(field, "")[:20000]) if field else ""
    return HttpResponse(html or f'<p class="text-body-secondary">{_("Nothing to preview yet.")}</p>')
