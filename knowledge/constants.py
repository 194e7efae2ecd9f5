from django.db import models
from django.utils.translation import gettext_lazy as _


class ProjectStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    ONGOING = "ongoing", _("Ongoing")
    COMPLETED = "completed", _("Completed")


class MechanismType(models.TextChoices):
    INTER_MINISTERIAL_COMMITTEE = "inter_ministerial_committee", _("Inter-ministerial committee")
    NATIONAL_COORDINATING_BODY = "national_coordinating_body", _("National coordinating body")
    JOINT_CUSTOMS_ENVIRONMENT_UNIT = "joint_customs_environment_unit", _("Joint customs and environment unit")
    OTHER = "other", _("Other")


class MaterialFormat(models.TextChoices):
    POSTER = "poster", _("Poster")
    LEAFLET = "leaflet", _("Leaflet")
    VIDEO = "video", _("Video")
    TOOLKIT = "toolkit", _("Toolkit")
    COURSE = "course", _("Course")


class LegalInstrumentType(models.TextChoices):
    NATIONAL_LEGISLATION = "national_legislation", _("National legislation")
    GUIDANCE = "guidance", _("Guidance")
    MODEL_LAW = "model_law", _("Model law")
    LEGAL_ANALYSIS = "legal_analysis", _("Legal analysis")


class SubmissionState(models.TextChoices):
    """Where a member's submission stands, as 'My submissions' shows it."""

    DRAFT = "draft", _("Draft")
    IN_REVIEW = "in_review", _("In review")
    CHANGES_REQUESTED = "changes_requested", _("Changes requested")
    PUBLISHED = "published", _("Published")
    DECLINED = "declined", _("Declined")


# Decision codes: BC-14/12, RC-10/3, SC-11/5, extraordinary meetings BC.Ex-1/1.
DECISION_CODE_PATTERN = r"^(BC|RC|SC)(\.Ex)?-\d{1,2}/\d{1,3}$"

# The Wagtail workflow every shared item goes through.
REVIEW_WORKFLOW_NAME = "Secretariat review"
# Members' uploads live here until their item is published.
SUBMISSIONS_COLLECTION_NAME = "Member submissions"

# The listing of each kind of item lives at /knowledge/<slug>/; item pages
# may not take these slugs.
TYPE_SLUGS = {
    "best_practice": "best-practices",
    "project_summary": "project-summaries",
    "coordination_mechanism": "coordination-mechanisms",
    "awareness_material": "awareness-materials",
    "legal_information": "legal-information",
}
