import datetime

import pytest

from community.services import ask_question, post_answer
from conventions.models import (
    Instrument,
    ThematicArea,
)
from search import services
from tests.community.factories import GroupFactory
from tests.conventions.factories import (
    ChemicalProfileFactory,
    CountryFactory,
    DecisionFactory,
    FocalPointFactory,
    ListingFactory,
    MeetingFactory,
    RegionalCentreFactory,
    RegionalGroupFactory,
)
from tests.knowledge.factories import BestPracticeFactory
from tests.profiles.factories import MemberFactory


@pytest.fixture(autouse=True)
def _established_members(established_members):
    """Forum posts appear at once (the trust rules have tests of their own)."""


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
    kenya = CountryFactory(iso2="KE", iso3="KEN", numeric="404", name="Kenya", official_name="Republic of Kenya")
    ghana = CountryFactory(iso2="GH", iso3="GHA", numeric="288", name="Ghana")
    fiji = CountryFactory(iso2="FJ", iso3="FJI", numeric="242", name="Fiji")
    africa = RegionalGroupFactory(code="AFRICAN", name="African States", countries=[kenya, ghana])
    asia = RegionalGroupFactory(code="APG", name="Asia-Pacific States", countries=[fiji])
    return {"kenya": kenya, "ghana": ghana, "fiji": fiji, "africa": africa, "asia": asia}


@pytest.fixture
def library(db, places):
    """One of every kind of searchable thing, each mentioning mercury."""
    basel = Instrument.objects.get(code="BC")
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
    meeting = MeetingFactory(
        slug="mercury-webinar",
        title="Webinar on mercury waste",
        kind="webinar",
        start_date=datetime.date(2025, 3, 4),
        country=places["fiji"],
        conventions=["BC"],
    )
    decision = DecisionFactory(
        code="BC-12/4",
        year=2015,
        title="Technical guidelines on mercury wastes",
        summary="Adopts the technical guidelines on the environmentally sound management of mercury wastes.",
        topics=["environmentally-sound-management"],
    )
    chemical = ChemicalProfileFactory(
        kind="chemical",
        name="Chlordecone",
        synonyms=["Kepone"],
        cas_numbers=["143-50-0"],
        summary="An insecticide once used on banana plantations; not a mercury compound.",
    )
    ListingFactory(profile=chemical, annex="SC-A", entry="Chlordecone")
    waste = ChemicalProfileFactory(kind="waste", name="Mercury wastes", summary="Wastes consisting of mercury.")
    ListingFactory(profile=waste, annex="BC", entry="Y29")
    centre = RegionalCentreFactory(
        name="Mercury centre of excellence Nairobi",
        slug="nairobi-centre",
        host_country=places["kenya"],
        city="Nairobi",
        conventions=["BC", "SC"],
    )
    focal_point = FocalPointFactory(
        country=places["kenya"], kind="bc_focal_point", organisation="Mercury desk, Ministry of Environment"
    )
    group = GroupFactory(name="Mercury working group", members=[asker])
    expert = MemberFactory(
        display_name="Tomas Mercury-Lind",
        profile__is_public=True,
        profile__bio="Twenty years on mercury in artisanal gold mining.",
    )
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
