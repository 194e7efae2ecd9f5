from django.db import models
from django.utils.translation import gettext_lazy as _


class ConsentKind(models.TextChoices):
    """How a state expressed its consent to be bound (UN Treaty Collection terms)."""

    RATIFICATION = "ratification", _("Ratification")
    ACCEPTANCE = "acceptance", _("Acceptance")
    APPROVAL = "approval", _("Approval")
    ACCESSION = "accession", _("Accession")
    SUCCESSION = "succession", _("Succession")
    FORMAL_CONFIRMATION = "formal_confirmation", _("Formal confirmation")
    UNKNOWN = "", _("Not recorded")


class PartyStatusKind(models.TextChoices):
    PARTY = "party", _("Party")
    SIGNATORY = "signatory", _("Signatory")
    NONE = "none", _("Not a party")


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


class MeetingKind(models.TextChoices):
    COP = "cop", _("Conference of the Parties")
    EXCOP = "excop", _("Extraordinary meeting of the Conferences of the Parties")
    OEWG = "oewg", _("Basel Open-ended Working Group")
    ICC = "icc", _("Basel Implementation and Compliance Committee")
    CRC = "crc", _("Rotterdam Chemical Review Committee")
    POPRC = "poprc", _("Stockholm POPs Review Committee")
    BUREAU = "bureau", _("Bureau meeting")
    WORKSHOP = "workshop", _("Regional workshop")
    WEBINAR = "webinar", _("Webinar")
    OTHER = "other", _("Other meeting")


class MeetingStatus(models.TextChoices):
    SCHEDULED = "scheduled", _("Scheduled")
    POSTPONED = "postponed", _("Postponed")
    CANCELLED = "cancelled", _("Cancelled")


class ProfileKind(models.TextChoices):
    CHEMICAL = "chemical", _("Chemical")
    WASTE = "waste", _("Waste stream")


class ListingAnnex(models.TextChoices):
    SC_A = "SC-A", _("Stockholm Annex A (elimination)")
    SC_B = "SC-B", _("Stockholm Annex B (restriction)")
    SC_C = "SC-C", _("Stockholm Annex C (unintentional production)")
    RC_III = "RC-III", _("Rotterdam Annex III (prior informed consent)")
    BC = "BC", _("Basel Annexes (wastes)")


class RotterdamCategory(models.TextChoices):
    PESTICIDE = "pesticide", _("Pesticide")
    INDUSTRIAL = "industrial", _("Industrial")
    SHPF = "shpf", _("Severely hazardous pesticide formulation")
    PESTICIDE_INDUSTRIAL = "pesticide_industrial", _("Pesticide and industrial")


class SourceStatus(models.TextChoices):
    """How sure the reference data is of a value: the flags the data files
    carry (their README). Pages show anything but a confirmed value as such."""

    CONFIRMED = "confirmed", _("Confirmed")
    INFERRED = "inferred", _("Inferred")
    UNCONFIRMED = "unconfirmed", _("Unconfirmed")
    NOT_STATED = "", _("Not stated")


class TitleStatus(models.TextChoices):
    """Whether a decision's title is its official wording."""

    EXACT = "exact", _("Official title")
    PARAPHRASED = "paraphrased", _("Paraphrased title")
    CONTENT = "content", _("Describes the content")
    NOT_STATED = "", _("Not stated")
