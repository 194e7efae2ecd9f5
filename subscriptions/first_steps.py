"""First steps after signing up: who the member is, then what to follow,
which group to join and whether others can find them. Two short forms, each
a page of its own, so that both work without JavaScript."""

from django import forms
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from community.constants import MembershipStatus
from community.services import join_group, regional_group_to_join
from conventions.forms import MemberCountryChoiceField, TopicsChoiceField
from conventions.vocabulary import countries_near, topics
from core import follows
from profiles.forms import ProfileForm, SignupForm
from profiles.services import locked_profile, mark_first_steps_done, update_profile

from .constants import FollowKind
from .services import follow_quietly

# How many topics are suggested (ticked) from the member's country and region.
SUGGESTED_TOPICS = 3


class AboutYouForm(forms.Form):
    # The name as sign-up asks it, the languages as the profile does.
    display_name = SignupForm.base_fields["display_name"]
    country = MemberCountryChoiceField(
        label=_("Country you work for"),
        required=False,
        empty_label=_("Choose a country"),
        help_text=_("Suggestions of topics and your regional group come from it."),
    )
    languages = ProfileForm.base_fields["languages"]


PUBLIC_CHOICES = [
    ("public", _("Public: anyone can see my name, organisation, country and what I wrote about my work")),
    ("private", _("Private: only the secretariat sees my profile; my posts still show my name")),
]


class FollowForm(forms.Form):
    topics = TopicsChoiceField(
        label=_("Topics to follow"),
        required=False,
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
        self.fields["topics"].localize_choices()
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


def suggested_topics(country) -> list:
    """The topics most written about for the country and the countries of
    its UN regional group (what each app that publishes counts: public
    questions, published knowledge items; core.follows)."""
    if country is None:
        return []
    counts = follows.topics_written_about(countries_near(country))
    top = sorted(counts, key=lambda pk: (-counts[pk], pk))[:SUGGESTED_TOPICS]
    areas = {area.pk: area for area in topics().filter(pk__in=top)}
    return [areas[pk] for pk in top if pk in areas]


@transaction.atomic
def save_about_you(user, data: dict):
    profile = locked_profile(user)
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
    mark_first_steps_done(user, is_public=data["profile"] == "public")
    return done
