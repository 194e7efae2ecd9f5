import functools
import zoneinfo

from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from conventions.forms import CountryChoiceField
from conventions.models import Country, ThematicArea

from .constants import FORMER_MEMBER_HANDLE, FocalPointKind
from .models import Profile, User
from .services import validate_avatar


class SignupForm(forms.Form):
    """Extra fields on allauth's signup form (ACCOUNT_SIGNUP_FORM_CLASS)."""

    display_name = forms.CharField(
        label=_("Your name"),
        max_length=100,
        help_text=_("As colleagues know you, e.g. Amina Diallo."),
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )

    accept_terms = forms.BooleanField(
        label=_("I accept the terms of use"),
        error_messages={"required": _("To create an account, accept the terms of use.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The secretariat's pages at their stable addresses (/<lang>/terms/,
        # /<lang>/privacy/), in the reader's language; a new tab keeps what
        # was typed here. Which version was accepted is recorded by the
        # policies app when allauth sends user_signed_up.
        self.fields["accept_terms"].help_text = format_html(
            '<a href="{}" target="_blank" rel="noopener">{}</a> · <a href="{}" target="_blank" rel="noopener">{}</a>',
            reverse("wagtail_serve", args=["terms/"]),
            _("Read the terms of use"),
            reverse("wagtail_serve", args=["privacy/"]),
            _("Read the privacy notice"),
        )

    def signup(self, request, user):
        # The adapter saved the user and its profile; the name goes on the profile.
        user.profile.display_name = self.cleaned_data["display_name"]
        user.profile.save(update_fields=["display_name"])


# Names in the tz database that are not places a person lives in.
NOT_TIME_ZONES = {"localtime", "Factory", "posixrules"}


@functools.cache
def timezone_choices() -> list[tuple[str, str]]:
    """The IANA time zones this machine knows (read once per process)."""
    names = (zoneinfo.available_timezones() - NOT_TIME_ZONES) | {"UTC"}
    return [(name, name.replace("_", " ")) for name in sorted(names)]


class ProfileForm(forms.ModelForm):
    handle = forms.SlugField(
        label=_("Handle"),
        max_length=40,
        help_text=_("Your public name in links and mentions: letters, digits and hyphens."),
    )
    languages = forms.MultipleChoiceField(
        label=_("Languages you work in"),
        choices=settings.LANGUAGES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    expertise = forms.ModelMultipleChoiceField(
        label=_("Expertise"),
        queryset=ThematicArea.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    # Not a model field of the form: the service resizes and stores it.
    avatar = forms.FileField(
        label=_("Photo"),
        required=False,
        widget=forms.FileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
    )
    remove_avatar = forms.BooleanField(label=_("Remove my photo"), required=False)
    timezone = forms.ChoiceField(label=_("Time zone"), choices=timezone_choices, initial="UTC")

    field_order = [
        "display_name",
        "handle",
        "title",
        "organisation",
        "country",
        "bio",
        "expertise",
        "languages",
        "timezone",
        "avatar",
        "remove_avatar",
        "phone",
        "is_public",
    ]

    class Meta:
        model = Profile
        fields = [
            "display_name",
            "title",
            "organisation",
            "country",
            "bio",
            "expertise",
            "languages",
            "timezone",
            "phone",
            "is_public",
        ]
        field_classes = {"country": CountryChoiceField}
        widgets = {"bio": forms.Textarea(attrs={"rows": 5})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["handle"].initial = self.instance.user.handle
        self.fields["avatar"].help_text = _("JPEG, PNG or WebP, up to %(limit)s. It is cropped to a square.") % {
            "limit": filesizeformat(settings.AVATAR_MAX_BYTES)
        }
        self.fields["country"].queryset = Country.objects.members_can_be_from()
        self.fields["expertise"].queryset = ThematicArea.objects.filter(locale__language_code=settings.LANGUAGE_CODE)
        self.fields["display_name"].required = True

    def clean_handle(self):
        handle = self.cleaned_data["handle"].lower()
        if (
            handle == FORMER_MEMBER_HANDLE
            or User.objects.filter(handle=handle).exclude(pk=self.instance.user_id).exists()
        ):
            raise forms.ValidationError(_("This handle is taken; try another."))
        # A former handle still leads to its member's profile (links, mentions).
        if User.objects.filter(former_handles__handle=handle).exclude(pk=self.instance.user_id).exists():
            raise forms.ValidationError(
                _("Another member used this handle before, and links to it still lead to them; try another.")
            )
        return handle

    def clean_avatar(self):
        avatar = self.cleaned_data.get("avatar")
        if avatar:
            validate_avatar(avatar)
        return avatar or None


class VerificationRequestForm(forms.Form):
    role = forms.ChoiceField(
        label=_("Role"),
        choices=[("focal_point", _("Focal point")), ("expert", _("Expert"))],
        widget=forms.RadioSelect,
    )
    focal_point_kind = forms.ChoiceField(
        label=_("Kind of focal point"),
        choices=[("", _("Choose…"))] + list(FocalPointKind.choices),
        required=False,
    )
    country = CountryChoiceField(label=_("Country"), queryset=Country.objects.members_can_be_from(), required=False)
    thematic_areas = forms.ModelMultipleChoiceField(
        label=_("Thematic areas of your expertise"),
        queryset=ThematicArea.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    justification = forms.CharField(
        label=_("Justification"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Your office, and how the secretariat can confirm it (an official letter, a web page)."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["thematic_areas"].queryset = ThematicArea.objects.filter(
            locale__language_code=settings.LANGUAGE_CODE
        )

    def clean(self):
        data = super().clean()
        if data.get("role") == "focal_point":
            if not data.get("focal_point_kind"):
                self.add_error("focal_point_kind", _("Choose the kind of focal point."))
            if not data.get("country"):
                self.add_error("country", _("Choose the country you represent."))
        elif data.get("role") == "expert" and not data.get("thematic_areas"):
            self.add_error("thematic_areas", _("Choose at least one thematic area."))
        return data


class VerificationDecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[("approve", _("Approve")), ("decline", _("Decline"))],
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=_("Note to the member"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required when declining; the member reads it in the email."),
    )

    def clean(self):
        data = super().clean()
        if data.get("decision") == "decline" and not data.get("note", "").strip():
            self.add_error("note", _("Tell the member why the request is declined."))
        return data
