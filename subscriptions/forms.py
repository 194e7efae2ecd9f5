"""What members send about follows and delivery preferences: every value is
checked here, so a view either has clean data or answers 400."""

from django import forms
from django.utils.dates import WEEKDAYS
from django.utils.translation import gettext_lazy as _

from .constants import DEFAULT_CHANNELS, EVENT_KINDS, Audience, DigestFrequency, EmailChannel, FollowKind
from .models import Preferences

KEY_MAX_LENGTH = 100


class FollowForm(forms.Form):
    """One click on a follow button: what, which one, and follow or unfollow."""

    kind = forms.ChoiceField(
        choices=FollowKind.choices, error_messages={"invalid_choice": _("This cannot be followed.")}
    )
    key = forms.CharField(max_length=KEY_MAX_LENGTH, error_messages={"required": _("Say what to follow.")})
    action = forms.ChoiceField(
        choices=[("follow", _("Follow")), ("unfollow", _("Unfollow"))],
        error_messages={"invalid_choice": _("Choose to follow or to unfollow.")},
    )

    def clean(self):
        data = super().clean()
        if data.get("kind") == FollowKind.QUESTION and "key" in data:
            key = data["key"]
            # isdigit() alone lets "²" through, which no database id matches.
            if not (key.isascii() and key.isdigit()):
                raise forms.ValidationError(_("Questions are followed by their number."))
            # "007" and "7" are the same question.
            data["key"] = str(int(key))
        return data

    def first_error(self) -> str:
        return next(str(error) for errors in self.errors.values() for error in errors)


def _field_prefix(family: str) -> str:
    """ "question.published" → "question_published": a name a template can use."""
    return family.replace(".", "_")


HOUR_CHOICES = [(hour, f"{hour:02d}:00") for hour in range(24)]


class DeliveryPreferencesForm(forms.ModelForm):
    """Per family of events: in-app or not and which email; the digest's
    rhythm. Only the choices that differ from the defaults are stored, so a
    later change of a default reaches everyone who never chose."""

    digest_frequency = forms.ChoiceField(label=_("How often"), choices=DigestFrequency.choices)
    digest_weekday = forms.TypedChoiceField(
        label=_("Day of the week"),
        choices=sorted(WEEKDAYS.items()),
        coerce=int,
        help_text=_("For a weekly digest only."),
    )
    digest_hour = forms.TypedChoiceField(label=_("Hour"), choices=HOUR_CHOICES, coerce=int)

    class Meta:
        model = Preferences
        fields = ["digest_frequency", "digest_weekday", "digest_hour"]

    def __init__(self, *args, instance: Preferences, **kwargs):
        super().__init__(*args, instance=instance, **kwargs)
        for family, (_audience, label) in EVENT_KINDS.items():
            current = instance.channel(family)
            prefix = _field_prefix(family)
            self.fields[f"{prefix}_in_app"] = forms.BooleanField(
                label=_("On the site: %(event)s") % {"event": label}, required=False, initial=current["in_app"]
            )
            self.fields[f"{prefix}_email"] = forms.ChoiceField(
                label=_("Email: %(event)s") % {"event": label},
                choices=EmailChannel.choices,
                initial=str(current["email"]),
            )

    def rows(self, audience: str) -> list[dict]:
        """The families of one audience, each with its two bound fields, for the table."""
        return [
            {
                "family": family,
                "label": label,
                "in_app": self[f"{_field_prefix(family)}_in_app"],
                "email": self[f"{_field_prefix(family)}_email"],
            }
            for family, (family_audience, label) in EVENT_KINDS.items()
            if family_audience == audience
        ]

    @property
    def tables(self) -> list[tuple]:
        """One table per audience: its rows, its caption and its defaults in words."""
        tables = []
        for audience in (Audience.ADDRESSED, Audience.FOLLOWED):
            default = DEFAULT_CHANNELS[audience]
            in_app = _("On the site") if default["in_app"] else _("Not on the site")
            defaults = _("Default: %(in_app)s · %(email)s") % {
                "in_app": in_app,
                "email": EmailChannel(default["email"]).label,
            }
            tables.append((self.rows(audience), audience.label, defaults))
        return tables

    @property
    def digest_fields(self) -> list:
        return [self["digest_frequency"], self["digest_weekday"], self["digest_hour"]]

    def channel_overrides(self) -> dict:
        """What the member chose that differs from the default of each family."""
        overrides = {}
        for family, (audience, _label) in EVENT_KINDS.items():
            prefix = _field_prefix(family)
            chosen = {
                "in_app": self.cleaned_data[f"{prefix}_in_app"],
                "email": str(self.cleaned_data[f"{prefix}_email"]),
            }
            differs = {name: value for name, value in chosen.items() if value != DEFAULT_CHANNELS[audience][name]}
            if differs:
                overrides[family] = differs
        return overrides

    def save(self, commit=True):
        preferences = super().save(commit=False)
        # Families no longer offered on the page are kept as they were.
        kept = {family: value for family, value in preferences.channels.items() if family not in EVENT_KINDS}
        preferences.channels = {**kept, **self.channel_overrides()}
        if commit and preferences.pk is None:
            preferences.save()  # the member's first save
        elif commit:
            preferences.save(update_fields=["channels", "digest_frequency", "digest_weekday", "digest_hour"])
        return preferences
