import pytest

from tests.mfa import with_totp
from tests.profiles.factories import EditorFactory


@pytest.fixture
def reviewer(db):
    """A secretariat editor with an authenticator (so the admin lets them in)."""
    return with_totp(EditorFactory())


def share_data(**overrides):
    """A best practice as a member fills the share form."""
    from conventions.models import Instrument, ThematicArea

    data = {
        "title": "E-waste take-back through mobile phone retailers",
        "summary": "Retailers in Nairobi take back old phones at no cost to the owner.",
        "thematic_areas": [ThematicArea.objects.get(slug="e-waste").pk],
        "conventions": [Instrument.objects.get(code="BC").pk],
        "tags": "take-back, retailers",
        "decision_codes": "BC-14/12",
        "year_start": "2021",
        "year_end": "2023",
        "organisation": "Ministry of Environment",
        "problem": "Old phones were **burned** for copper at https://example.org/dumpsite",
        "approach": "- 40 shops\n- a deposit of 2 USD",
        "results": "1,200 t collected.",
        "lessons_learned": "",
        "replicability": "",
        "attachments-TOTAL_FORMS": "3",
        "attachments-INITIAL_FORMS": "0",
        "attachments-MIN_NUM_FORMS": "0",
        "attachments-MAX_NUM_FORMS": "5",
        "submit": "1",
    }
    data.update(overrides)
    return data
