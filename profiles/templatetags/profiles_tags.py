from django import forms, template

from profiles import permissions
from profiles.constants import VerificationStatus

register = template.Library()

WIDGET_CLASSES = {
    "checkbox": "form-check-input",
    "select": "form-select",
    "file": "form-control",
    "text": "form-control",
}


@register.filter
def widget_type(field) -> str:
    """What kind of input a bound field renders, for choosing its markup."""
    widget = field.field.widget
    if isinstance(widget, forms.CheckboxInput):
        return "checkbox"
    if isinstance(widget, (forms.CheckboxSelectMultiple, forms.RadioSelect)):
        return "choices"
    if isinstance(widget, forms.Select):
        return "select"
    if isinstance(widget, forms.FileInput):
        return "file"
    return "text"


@register.simple_tag
def bootstrap_widget(field):
    """Render a field's widget with Bootstrap's class, its help text and
    errors tied by aria-describedby, and aria-invalid when it has errors."""
    kind = widget_type(field)
    css = WIDGET_CLASSES.get(kind, "form-control")
    attrs = {"class": f"{css} is-invalid" if field.errors else css}
    described_by = []
    if field.help_text:
        described_by.append(f"{field.auto_id}_helptext")
    if field.errors:
        described_by.append(f"{field.auto_id}_errors")
        attrs["aria-invalid"] = "true"
    if described_by:
        attrs["aria-describedby"] = " ".join(described_by)
    return field.as_widget(attrs=attrs)


@register.filter
def is_secretariat(user) -> bool:
    """{% if user|is_secretariat %}: may this person open the admin?"""
    return permissions.is_secretariat(user)


def _badges(user) -> dict:
    verifications = getattr(user, "approved_verifications", None)
    if verifications is None:
        verifications = list(user.verifications.approved().select_related("country"))
    # Listings answer this for every member in their own query: on the user
    # (annotated by the listing) or on the profile (Profile.objects.with_badges()).
    secretariat = getattr(user, "in_secretariat", None)
    if secretariat is None:
        secretariat = getattr(getattr(user, "profile", None), "in_secretariat", None)
    if secretariat is None:
        secretariat = permissions.is_secretariat(user)
    return {
        "badges": [verification.label for verification in verifications],
        "is_secretariat": secretariat,
    }


@register.inclusion_tag("components/member_name.html")
def member_name(user, link=True):
    """A member's name with their badges, wherever a name appears. Pass
    users fetched with Profile.objects.with_badges() to avoid a query each."""
    profile = getattr(user, "profile", None)
    return {
        "member": user,
        "name": profile.name if profile else user.handle,
        "link": link and profile is not None and profile.is_public,
        **_badges(user),
    }


@register.inclusion_tag("components/member_badges.html")
def member_badges(user):
    """Only the badges, where the name is already shown (the profile page)."""
    return _badges(user)


@register.filter
def any_approved(verifications) -> bool:
    """Whether one of the member's requests was approved (the roles page asks
    a verified member with a private profile to make it public)."""
    return any(item.status == VerificationStatus.APPROVED for item in verifications)
