"""Sharing a knowledge item as a member does it (the share form, an
attachment) and reviewing it as the secretariat does (the workflow actions)."""

from django.core.files.uploadedfile import SimpleUploadedFile
from wagtail.models import TaskState

from conventions.models import Instrument, ThematicArea


def share_data(**overrides):
    """A best practice as a member fills the share form."""
    data = {
        "title": "E-waste take-back through mobile phone retailers",
        "summary": "Retailers in Nairobi take back old phones at no cost to the owner.",
        "thematic_areas": [ThematicArea.objects.get(slug="e-waste").pk],
        "conventions": [Instrument.objects.get(code="BC").pk],
        "tags": "take-back, retailers",
        "decision_codes": "BC-14/12",
        "year_start": "2021",
        "year_end": "2023",
        "organisation": "Ministry of Environment",
        "problem": "Old phones were **burned** for copper at https://example.org/dumpsite",
        "approach": "- 40 shops\n- a deposit of 2 USD",
        "results": "1,200 t collected.",
        "lessons_learned": "",
        "replicability": "",
        "attachments-TOTAL_FORMS": "3",
        "attachments-INITIAL_FORMS": "0",
        "attachments-MIN_NUM_FORMS": "0",
        "attachments-MAX_NUM_FORMS": "5",
        "submit": "1",
    }
    data.update(overrides)
    return data


def pdf_file(name="report.pdf"):
    content = (
        b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
        b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\n"
        b"xref\n0 4\n0000000000 65535 f \ntrailer<</Size 4/Root 1 0 R>>\nstartxref\n0\n%%EOF\n"
    )
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def current_task_state(page) -> TaskState:
    return TaskState.objects.get(workflow_state__object_id=str(page.pk), status=TaskState.STATUS_IN_PROGRESS)


def act(client, page, action, comment=""):
    """An editor's action in the review workflow: approve, reject, decline."""
    state = current_task_state(page)
    return client.post(
        f"/admin/pages/workflow/action/{page.pk}/{action}/{state.pk}/",
        {"comment": comment} if comment else {},
    )
