"""The conventions' reference data. The migrations load the conventions
themselves (BC, BAN, RC, SC) and the thematic areas; everything else a test
makes here."""

import datetime
from string import ascii_uppercase

import factory
from django.utils.text import slugify
from wagtail.models import Locale

from conventions.codes import parse_decision_code
from conventions.constants import FocalPointKind, ListingAnnex, MeetingKind
from conventions.models import (
    ChemicalProfile,
    Country,
    Decision,
    FocalPoint,
    Instrument,
    Listing,
    Meeting,
    PartyStatus,
    RegionalCentre,
    RegionalGroup,
    RegionalGroupMembership,
    ThematicArea,
)


def thematic_areas(slugs):
    """The thematic areas with these slugs, in the vocabulary's own language."""
    return ThematicArea.objects.originals().filter(slug__in=slugs)


def instruments(codes):
    """The conventions (or the Ban Amendment) with these codes: BC, RC, SC."""
    return Instrument.objects.filter(code__in=codes)


class InstrumentFactory(factory.django.DjangoModelFactory):
    """A convention or an amendment. BC, BAN, RC and SC exist already:
    InstrumentFactory(code="BC") returns the Basel Convention."""

    class Meta:
        model = Instrument
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"I{n % 10**8}")
    name = factory.LazyAttribute(lambda instrument: f"Instrument {instrument.code}")
    short_name = factory.LazyAttribute(lambda instrument: instrument.code)


class CountryFactory(factory.django.DjangoModelFactory):
    """A country. Tests about a real country give its codes and name:
    CountryFactory(iso2="KE", iso3="KEN", name="Kenya")."""

    class Meta:
        model = Country

    # A digit first: no real country has such a code, so a made-up country
    # never takes the code of a real one a test creates beside it.
    iso2 = factory.Sequence(lambda n: f"{n % 10}{ascii_uppercase[n // 10 % 26]}")
    iso3 = factory.LazyAttribute(lambda country: f"{country.iso2}X")
    name = factory.Sequence(lambda n: f"Country {n}")


class RegionalGroupFactory(factory.django.DjangoModelFactory):
    """A UN regional group; countries=[...] makes them its members."""

    class Meta:
        model = RegionalGroup
        django_get_or_create = ("code",)
        skip_postgeneration_save = True

    code = factory.Sequence(lambda n: f"GROUP{n}")
    name = factory.Sequence(lambda n: f"Regional group {n}")

    @factory.post_generation
    def countries(group, create, extracted, **kwargs):
        for country in extracted or ():
            RegionalGroupMembershipFactory(group=group, country=country)


class RegionalGroupMembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RegionalGroupMembership

    group = factory.SubFactory(RegionalGroupFactory)
    country = factory.SubFactory(CountryFactory)


class PartyStatusFactory(factory.django.DjangoModelFactory):
    """Where a country stands with a convention (the Basel Convention unless
    told): a signatory until given consent_on, a party after."""

    class Meta:
        model = PartyStatus

    country = factory.SubFactory(CountryFactory)
    instrument = factory.SubFactory(InstrumentFactory, code="BC")


class RegionalCentreFactory(factory.django.DjangoModelFactory):
    """A regional centre; conventions=["BC", "SC"] names those it serves.
    Saving one also opens its group (community)."""

    class Meta:
        model = RegionalCentre
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Regional centre {n}")
    slug = factory.LazyAttribute(lambda centre: slugify(centre.name))
    host_country = factory.SubFactory(CountryFactory)

    @factory.post_generation
    def conventions(centre, create, extracted, **kwargs):
        if create and extracted:
            centre.conventions.set(instruments(extracted))

    @factory.post_generation
    def countries_served(centre, create, extracted, **kwargs):
        if create and extracted:
            centre.countries_served.set(extracted)


class ThematicAreaFactory(factory.django.DjangoModelFactory):
    """A thematic area of the vocabulary, in the default language. The
    migrations load the vocabulary itself: thematic_areas(["e-waste"]) finds those."""

    class Meta:
        model = ThematicArea

    name = factory.Sequence(lambda n: f"Thematic area {n}")
    slug = factory.LazyAttribute(lambda area: slugify(area.name))
    locale = factory.LazyFunction(Locale.get_default)


class MeetingFactory(factory.django.DjangoModelFactory):
    """A one-day meeting; conventions=["BC"] names the conventions it is of."""

    class Meta:
        model = Meeting
        skip_postgeneration_save = True

    slug = factory.Sequence(lambda n: f"meeting-{n}")
    title = factory.Sequence(lambda n: f"Meeting {n}")
    kind = MeetingKind.WORKSHOP
    start_date = datetime.date(2030, 6, 3)
    end_date = factory.LazyAttribute(lambda meeting: meeting.start_date)

    @factory.post_generation
    def conventions(meeting, create, extracted, **kwargs):
        if create and extracted:
            meeting.conventions.set(instruments(extracted))


class DecisionFactory(factory.django.DjangoModelFactory):
    """A COP decision. Its convention, meeting and number come from its code:
    DecisionFactory(code="BC-14/12"); topics=["plastic-waste"] tags it."""

    class Meta:
        model = Decision
        skip_postgeneration_save = True

    class Params:
        parsed = factory.LazyAttribute(lambda decision: parse_decision_code(decision.code))

    code = factory.Sequence(lambda n: f"BC-99/{n % 999 + 1}")
    convention = factory.LazyAttribute(lambda decision: Instrument.objects.get(code=decision.parsed.convention))
    meeting_number = factory.LazyAttribute(lambda decision: decision.parsed.meeting)
    is_extraordinary = factory.LazyAttribute(lambda decision: decision.parsed.extraordinary)
    number = factory.LazyAttribute(lambda decision: decision.parsed.number)
    title = factory.Sequence(lambda n: f"Decision {n}")

    @factory.post_generation
    def topics(decision, create, extracted, **kwargs):
        if create and extracted:
            decision.thematic_areas.set(thematic_areas(extracted))


class ChemicalProfileFactory(factory.django.DjangoModelFactory):
    """A chemical (or, with kind="waste", a waste stream); topics=[...] tags it."""

    class Meta:
        model = ChemicalProfile
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Chemical {n}")
    slug = factory.LazyAttribute(lambda profile: slugify(profile.name))

    @factory.post_generation
    def topics(profile, create, extracted, **kwargs):
        if create and extracted:
            profile.thematic_areas.set(thematic_areas(extracted))


class ListingFactory(factory.django.DjangoModelFactory):
    """A chemical's listing, in Stockholm Annex A unless told."""

    class Meta:
        model = Listing

    profile = factory.SubFactory(ChemicalProfileFactory)
    annex = ListingAnnex.SC_A
    entry = factory.LazyAttribute(lambda listing: listing.profile.name)


class FocalPointFactory(factory.django.DjangoModelFactory):
    """A Basel focal point (unless told another kind), as the convention publishes it."""

    class Meta:
        model = FocalPoint

    country = factory.SubFactory(CountryFactory)
    kind = FocalPointKind.BC_FOCAL_POINT
    organisation = "Ministry of Environment"
