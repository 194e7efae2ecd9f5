"""Reference data in the reader's language and alphabetical order: countries,
conventions, UN regional groups, thematic areas, meeting types."""

from io import StringIO

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command
from django.utils.translation import override

from conventions.importers import DATA_DIRECTORY
from conventions.models import Country, Instrument, RegionalGroup, ThematicArea
from conventions.names import collation_key
from tests.conventions.factories import CountryFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def reference_data():
    call_command(
        "import_reference_data",
        *(DATA_DIRECTORY / name for name in ("un_regional_groups.csv", "parties_ecolex.csv")),
        stdout=StringIO(),
        stderr=StringIO(),
    )


def table_countries(client, url) -> list[str]:
    soup = BeautifulSoup(client.get(url).content, "html.parser")
    return [cell.get_text(strip=True) for cell in soup.select("table tbody th[scope=row]")]


@pytest.mark.parametrize(
    ("language", "iso3", "name"),
    [
        ("fr", "DEU", "Allemagne"),
        ("es", "DEU", "Alemania"),
        ("ar", "DEU", "ألمانيا"),
        ("ru", "DEU", "Германия"),
        ("zh-hans", "DEU", "德国"),
        ("fr", "EUE", "Union européenne"),
        ("en", "DEU", "Germany"),
    ],
)
def test_country_names_in_the_readers_language(client, reference_data, language, iso3, name):
    with override(language):
        assert str(Country.objects.get(iso3=iso3)) == name
    assert name in table_countries(client, f"/{language}/parties/")
    soup = BeautifulSoup(client.get(f"/{language}/countries/{iso3}/").content, "html.parser")
    assert soup.h1.get_text(strip=True) == name


def test_the_parties_table_is_in_the_readers_alphabetical_order(client, reference_data):
    french = table_countries(client, "/fr/parties/")
    # Égypte among the E's (not after Zimbabwe, where code-point order puts it).
    assert french.index("Égypte") < french.index("Érythrée") < french.index("Espagne") < french.index("Zimbabwe")
    for language in ("ar", "ru", "zh-hans"):
        names = table_countries(client, f"/{language}/parties/")
        assert names == sorted(names, key=collation_key)
    russian = table_countries(client, "/ru/parties/")
    assert russian[0].startswith("А") and russian.index("Австралия") < russian.index("Япония")


def test_country_choices_in_forms_follow_the_readers_language(client, member, reference_data):
    client.force_login(member)
    soup = BeautifulSoup(client.get("/fr/forum/ask/").content, "html.parser")
    options = [
        soup.find("label", attrs={"for": box["id"]}).get_text(strip=True)
        for box in soup.select("input[name=countries]")
    ]
    assert "Allemagne" in options and "Germany" not in options
    assert options.index("Égypte") < options.index("Espagne")
    assert options == sorted(options, key=collation_key)


def test_conventions_and_regional_groups_use_the_glossarys_words(client, reference_data):
    with override("fr"):
        assert Instrument.objects.get(code="BC").local_short_name == "Convention de Bâle"
        assert RegionalGroup.objects.get(code="AFRICAN").local_name == "États d'Afrique"
    with override("zh-hans"):
        assert str(Instrument.objects.get(code="SC")) == "斯德哥尔摩公约"
        assert str(RegionalGroup.objects.get(code="GRULAC")) == "拉丁美洲和加勒比国家"
    page = client.get("/es/countries/KEN/").content.decode()
    assert "Estados de África" in page and "Convenio de Basilea" in page


def test_thematic_areas_in_the_readers_language(client):
    area = ThematicArea.objects.get(slug="plastic-waste", locale__language_code="en")
    with override("fr"):
        assert str(area) != "Plastic waste"
        assert area.local_name == str(area)
    page = client.get("/ru/topics/").content.decode()
    assert "Plastic waste" not in page


def test_a_name_without_a_translation_is_shown_in_english_marked_as_english(client, reference_data):
    CountryFactory(iso2="XK", iso3="XKX", name="Kosovo", is_state=True)
    soup = BeautifulSoup(client.get("/ar/countries/XKX/").content, "html.parser")
    assert soup.h1.get_text(strip=True) == "Kosovo"
    assert (soup.h1["lang"], soup.h1["dir"]) == ("en", "ltr")
    # Türkiye, which ISO 3166's Arabic catalogue lacks, comes from ours.
    with override("ar"):
        assert str(Country.objects.get(iso3="TUR")) == "تركيا"
    soup = BeautifulSoup(client.get("/ar/countries/TUR/").content, "html.parser")
    assert soup.h1.get("lang") is None
    # French keeps a name that is the same word without marking it.
    soup = BeautifulSoup(client.get("/fr/countries/AGO/").content, "html.parser")
    assert soup.h1.get_text(strip=True) == "Angola" and soup.h1.get("lang") is None
