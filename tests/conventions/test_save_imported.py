"""An import keeps what the secretariat edited, unless told to overwrite."""

import pytest

from conventions.models import RegionalCentre
from conventions.services import Change, save_imported
from tests.conventions.factories import CountryFactory


@pytest.mark.django_db
def test_a_later_import_keeps_editor_edits_unless_overwrite():
    senegal = CountryFactory(iso2="SN", iso3="SEN", numeric="686", name="Senegal")
    values = {"name": "BCRC Senegal", "host_country": senegal, "city": "Dakar", "latitude": 14.7}
    centre, change = save_imported(RegionalCentre, {"slug": "bcrc-senegal"}, values)
    assert change is Change.CREATED and centre.imported_values["host_country"] == senegal.pk
    assert save_imported(RegionalCentre, {"slug": "bcrc-senegal"}, values)[1] is Change.UNCHANGED

    # An editor corrects the city in the admin; the next file still says Dakar and brings a new latitude.
    RegionalCentre.objects.filter(pk=centre.pk).update(city="Dakar-Plateau")
    newer = {**values, "latitude": 14.69}
    centre, change = save_imported(RegionalCentre, {"slug": "bcrc-senegal"}, newer)
    centre.refresh_from_db()
    assert change is Change.UPDATED and centre.city == "Dakar-Plateau" and centre.latitude == 14.69

    # A file that changes the city still leaves the editor's value; --overwrite takes the file's.
    newest = {**newer, "city": "Rufisque"}
    save_imported(RegionalCentre, {"slug": "bcrc-senegal"}, newest)
    centre.refresh_from_db()
    assert centre.city == "Dakar-Plateau"
    save_imported(RegionalCentre, {"slug": "bcrc-senegal"}, newest, overwrite=True)
    centre.refresh_from_db()
    assert centre.city == "Rufisque" and centre.imported_values["city"] == "Rufisque"
