from django.db import models
from django.utils.translation import gettext_lazy as _

# The official contacts each convention designates live with the conventions' data.
from conventions.constants import FOCAL_POINT_KIND_CONVENTION, FocalPointKind  # noqa: F401

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


# Posts outlive the account that wrote them: on deletion they pass to this
# account (policies.services), which cannot sign in and is named in the
# reader's language wherever a name is shown.
FORMER_MEMBER_EMAIL = "former-member@brs-hub.invalid"
FORMER_MEMBER_HANDLE = "former-member"  # reserved: no member can take it
FORMER_MEMBER_NAME = _("A former member")
