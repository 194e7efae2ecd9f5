import datetime

import pytest

from community.constants import GroupPrivacy
from community.services import ask_question, post_answer
from conventions.models import (
    ChemicalProfile,
    Country,
    Decision,
    FocalPoint,
    Instrument,
    Listing,
    Meeting,
    RegionalCentre,
    RegionalGroup,
    RegionalGroupMembership,
    ThematicArea,
)
from search import services
from tests.community.conftest import make_group
from tests.knowledge.factories import BestPracticeFactory
from tests.profiles.factories import MemberFactory


@pytest.fixture(autouse=True)
def _established_members(settings):
    """Forum posts appear at once (the trust rules have tests of their own)."""
    settings.FORUM_NEW_MEMBER_HELD_POSTS = 0
    settings.FORUM_TRUSTED_AFTER_POSTS = 0
    settings.FORUM_RATE_LIMITS = {"question": 1000, "answer": 1000, "flag": 1000}


@pytest.fixture
def reindex(db):
    """Rebuild the whole index from what the database holds now, as
    `manage.py update_index` does."""
    return services.rebuild


def topic(slug: str) -> ThematicArea:
    return ThematicArea.objects.originals().get(slug=slug)


@pytest.fixture
def places(db):
    """Kenya and Ghana in the African States group, Fiji in Asia-Pacific."""
    africa = RegionalGroup.objects.create(code="AFRICAN", name="African States")
    asia = RegionalGroup.objects.create(code="APG", name="Asia-Pacific States")
    kenya = Country.objects.create(
        iso2="KE", iso3="KEN", numeric="404", name="Kenya", official_name="Republic of Kenya"
    )
    ghana = Country.objects.create(iso2="GH", iso3="GHA", numeric="288", name="Ghana")
    fiji = Country.objects.create(iso2="FJ", iso3="FJI", numeric="242", name="Fiji")
    for country, group in [(kenya, africa), (ghana, africa), (fiji, asia)]:
        RegionalGroupMembership.objects.create(group=group, country=country)
    return {"kenya": kenya, "ghana": ghana, "fiji": fiji, "africa": africa, "asia": asia}


@pytest.fixture
def library(db, places):
    """One of every kind of searchable thing, each mentioning mercury."""
    basel, stockholm = Instrument.objects.get(code="BC"), Instrument.objects.get(code="SC")
    practice = BestPracticeFactory(
        title="Mercury thermometer take-back in Kenyan hospitals",
        summary="Hospitals swapped mercury thermometers for digital ones and returned the old ones.",
        year_start=2022,
        topics=["environmentally-sound-management"],
        conventions=["BC"],
        countries=[places["kenya"]],
    )
    asker = MemberFactory(display_name="Amina Odhiambo")
    question = ask_question(
        asker,
        title="Where can we store collected mercury lamps?",
        body="Our collection points fill up with broken fluorescent lamps.",
        thematic_areas=[topic("environmentally-sound-management")],
        conventions=[basel],
        countries=[places["ghana"]],
    )
    post_answer(MemberFactory(), question, body="We use sealed drums in a ventilated store.")
    meeting = Meeting.objects.create(
        slug="mercury-webinar",
        title="Webinar on mercury waste",
        kind="webinar",
        start_date=datetime.date(2025, 3, 4),
        end_date=datetime.date(2025, 3, 4),
        country=places["fiji"],
    )
    meeting.conventions.set([basel])
    decision = Decision.objects.create(
        code="BC-12/4",
        convention=basel,
        meeting_number=12,
        number=4,
        year=2015,
        title="Technical guidelines on mercury wastes",
        summary="Adopts the technical guidelines on the environmentally sound management of mercury wastes.",
    )
    decision.thematic_areas.set([topic("environmentally-sound-management")])
    chemical = ChemicalProfile.objects.create(
        kind="chemical",
        name="Chlordecone",
        slug="chlordecone",
        synonyms=["Kepone"],
        cas_numbers=["143-50-0"],
        summary="An insecticide once used on banana plantations; not a mercury compound.",
    )
    Listing.objects.create(profile=chemical, annex="SC-A", entry="Chlordecone")
    waste = ChemicalProfile.objects.create(
        kind="waste", name="Mercury wastes", slug="mercury-wastes", summary="Wastes consisting of mercury."
    )
    Listing.objects.create(profile=waste, annex="BC", entry="Y29")
    centre = RegionalCentre.objects.create(
        name="Mercury centre of excellence Nairobi",
        slug="nairobi-centre",
        host_country=places["kenya"],
        city="Nairobi",
    )
    centre.conventions.set([basel, stockholm])
    focal_point = FocalPoint.objects.create(
        country=places["kenya"], kind="bc_focal_point", organisation="Mercury desk, Ministry of Environment"
    )
    group = make_group("Mercury working group", GroupPrivacy.OPEN, asker)
    expert = MemberFactory(display_name="Tomas Mercury-Lind")
    expert.profile.is_public = True
    expert.profile.bio = "Twenty years on mercury in artisanal gold mining."
    expert.profile.save()
    return {
        "practice": practice,
        "question": question,
        "meeting": meeting,
        "decision": decision,
        "chemical": chemical,
        "waste": waste,
        "centre": centre,
        "focal_point": focal_point,
        "group": group,
        "expert": expert,
        "asker": asker,
    }
