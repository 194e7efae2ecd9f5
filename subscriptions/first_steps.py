"""First steps after signing up: who the member is, then what to follow,
which group to join and whether others can find them. Two short forms, each
a page of its own, so that both work without JavaScript."""

from django import forms
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from community.constants import MembershipStatus
from community.services import join_group, regional_group_to_join
from conventions.forms import CountryChoiceField
from conventions.models import Country, ThematicArea
from conventions.vocabulary import localized_names
from core import follows
from profiles.forms import ProfileForm, SignupForm
from profiles.models import Profile
from profiles.services import update_profile

from .constants import FollowKind
from .services import follow_quietly

# How many topics are suggested (ticked) from the member's country and region.
SUGGESTED_TOPICS = 3


class AboutYouForm(forms.Form):
    # The name as sign-up asks it, the languages as the profile does.
    display_name = SignupForm.base_fields["display_name"]
    country = CountryChoiceField(
        label=_("Country you work for"),
        queryset=Country.objects.none(),
        required=False,
        empty_label=_("Choose a country"),
        help_text=_("Suggestions of topics and your regional group come from it."),
    )
    languages = ProfileForm.base_fields["languages"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["country"].queryset = Country.objects.members_can_be_from()


PUBLIC_CHOICES = [
    ("public", _("Public: anyone can see my name, organisation, country and what I wrote about my work")),
    ("private", _("Private: only the secretariat sees my profile; my posts still show my name")),
]


class FollowForm(forms.Form):
    topics = forms.ModelMultipleChoiceField(
        label=_("Topics to follow"),
        queryset=ThematicArea.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("New knowledge and questions on these topics reach you in your digest."),
    )
    follow_country = forms.BooleanField(label=_("Follow news about my country"), required=False)
    join_regional_group = forms.BooleanField(required=False)
    profile = forms.ChoiceField(
        label=_("Can other members find you?"),
        choices=PUBLIC_CHOICES,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose whether your profile is public or private.")},
        help_text=_(
            "Focal points and experts are meant to be found: a public profile lists you in the directory "
            "once the secretariat verifies your role. Your email and phone are never shown."
        ),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        profile = user.profile
        areas = localized_names(ThematicArea.objects.originals().order_by("name"))
        self.fields["topics"].queryset = ThematicArea.objects.originals()
        self.fields["topics"].choices = [(area.pk, name) for area, name in areas]
        self.suggested = suggested_topics(profile.country)
        self.fields["topics"].initial = [area.pk for area in self.suggested]
        if profile.country is None:
            del self.fields["follow_country"]
        else:
            self.fields["follow_country"].label = _("Follow news about %(country)s") % {
                "country": profile.country.local_name
            }
            self.fields["follow_country"].initial = True
        self.regional_group = regional_group_to_join(user)
        if self.regional_group is None:
            del self.fields["join_regional_group"]
        else:
            self.fields["join_regional_group"].label = _("Join the %(group)s group") % {
                "group": self.regional_group.name
            }
            self.fields["join_regional_group"].initial = True
        self.fields["profile"].initial = "public" if profile.is_public else None


def suggested_topics(country: Country | None) -> list[ThematicArea]:
    """The topics most written about for the country and the countries of
    its UN regional group: published knowledge items and visible questions."""
    if country is None:
        return []
    neighbours = Country.objects.filter(
        group_memberships__group__memberships__country=country, group_memberships__is_electoral=True
    ).values("pk")
    counts = follows.topics_written_about(Country.objects.filter(Q(pk=country.pk) | Q(pk__in=neighbours)).values("pk"))
    top = sorted(counts, key=lambda pk: (-counts[pk], pk))[:SUGGESTED_TOPICS]
    areas = {area.pk: area for area in ThematicArea.objects.originals().filter(pk__in=top)}
    return [areas[pk] for pk in top if pk in areas]


@transaction.atomic
def save_about_you(user, data: dict) -> Profile:
    profile = Profile.objects.select_for_update().get(user=user)
    return update_profile(
        profile,
        fields={
            "display_name": data["display_name"],
            "country": data.get("country"),
            "languages": list(data.get("languages") or []),
        },
    )


@transaction.atomic
def finish_first_steps(user, form: FollowForm) -> dict:
    """Follow, join and choose, all or nothing; returns what was done."""
    data = form.cleaned_data
    done = {"topics": 0, "country": False, "group": None}
    for area in data.get("topics") or []:
        follow_quietly(user, FollowKind.TOPIC, area.slug)
        done["topics"] += 1
    country = user.profile.country
    if data.get("follow_country") and country is not None:
        follow_quietly(user, FollowKind.COUNTRY, country.iso3)
        done["country"] = True
    if data.get("join_regional_group") and form.regional_group is not None:
        membership = join_group(user, form.regional_group)
        follow_quietly(user, FollowKind.GROUP, form.regional_group.slug)
        done["group"] = (form.regional_group, membership.status == MembershipStatus.ACTIVE)
    profile = Profile.objects.select_for_update().get(user=user)
    profile.is_public = data["profile"] == "public"
    profile.first_steps_at = timezone.now()
    profile.save(update_fields=["is_public", "first_steps_at"])
    return done
