import pytest

from tests.conventions.factories import CountryFactory, RegionalGroupFactory


@pytest.fixture
def kenya(db):
    """Kenya, a state of a UN regional group: a country a member can be from."""
    kenya = CountryFactory(iso2="KE", iso3="KEN", numeric="404", name="Kenya")
    RegionalGroupFactory(code="AFRICAN", name="African States", countries=[kenya])
    return kenya
