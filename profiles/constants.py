from django.db import models
from django.utils.translation import gettext_lazy as _

EDITORS_GROUP = "Secretariat editors"
ADMINISTRATORS_GROUP = "Administrators"


class Role(models.TextChoices):
    FOCAL_POINT = "focal_point", _("Focal point")
    EXPERT = "expert", _("Expert")
    CENTRE_STAFF = "centre_staff", _("Regional-centre staff")


class VerificationStatus(models.TextChoices):
    PENDING = "pending", _("Awaiting review")
    APPROVED = "approved", _("Approved")
    DECLINED = "declined", _("Declined")
    REVOKED = "revoked", _("Revoked")


class FocalPointKind(models.TextChoices):
    """The official contacts each convention designates, by instrument code."""

    BC_FOCAL_POINT = "bc_focal_point", _("Basel focal point")
    BC_COMPETENT_AUTHORITY = "bc_competent_authority", _("Basel competent authority")
    RC_DNA = "rc_dna", _("Rotterdam designated national authority")
    RC_OFFICIAL_CONTACT = "rc_official_contact", _("Rotterdam official contact point")
    SC_FOCAL_POINT = "sc_focal_point", _("Stockholm national focal point")
    SC_OFFICIAL_CONTACT = "sc_official_contact", _("Stockholm official contact point")


# Which convention (instrument code) each kind of focal point belongs to.
FOCAL_POINT_KIND_CONVENTION = {
    FocalPointKind.BC_FOCAL_POINT: "BC",
    FocalPointKind.BC_COMPETENT_AUTHORITY: "BC",
    FocalPointKind.RC_DNA: "RC",
    FocalPointKind.RC_OFFICIAL_CONTACT: "RC",
    FocalPointKind.SC_FOCAL_POINT: "SC",
    FocalPointKind.SC_OFFICIAL_CONTACT: "SC",
}
