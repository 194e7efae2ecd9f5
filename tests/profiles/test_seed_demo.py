import pytest
from django.core.management import CommandError, call_command

from profiles.constants import ADMINISTRATORS_GROUP, EDITORS_GROUP, VerificationStatus
from profiles.models import User, Verification
from tests.profiles.factories import MemberFactory


@pytest.fixture
def countries(db):
    from conventions.models import Country

    for iso2, iso3, name in [
        ("CH", "CHE", "Switzerland"),
        ("KE", "KEN", "Kenya"),
        ("CO", "COL", "Colombia"),
        ("VN", "VNM", "Viet Nam"),
        ("GE", "GEO", "Georgia"),
        ("SN", "SEN", "Senegal"),
        ("JO", "JOR", "Jordan"),
        ("GH", "GHA", "Ghana"),
        ("IN", "IND", "India"),
        ("AR", "ARG", "Argentina"),
        ("RU", "RUS", "Russian Federation"),
        ("CN", "CHN", "China"),
        ("FJ", "FJI", "Fiji"),
        ("FR", "FRA", "France"),
    ]:
        Country.objects.create(iso2=iso2, iso3=iso3, name=name)


@pytest.mark.django_db
def test_seed_demo_creates_members_of_every_role(countries, capsys):
    call_command("seed_demo")
    out = capsys.readouterr().out
    assert "mariana-costa@demo.brs-hub.example" in out
    administrator = User.objects.get(handle="mariana-costa")
    assert administrator.groups.filter(name=ADMINISTRATORS_GROUP).exists()
    assert User.objects.get(handle="jonas-lindqvist").groups.filter(name=EDITORS_GROUP).exists()
    approved = Verification.objects.filter(status=VerificationStatus.APPROVED)
    assert approved.filter(role="focal_point").count() == 6
    assert approved.filter(role="expert").count() == 5
    assert set(approved.filter(role="focal_point").values_list("country__iso3", flat=True)) >= {"KEN", "COL", "VNM"}
    assert Verification.objects.filter(status=VerificationStatus.PENDING).count() == 1

    # a second run with --if-empty changes nothing
    count = User.objects.count()
    call_command("seed_demo", "--if-empty")
    assert User.objects.count() == count


@pytest.mark.django_db
def test_seed_demo_refuses_a_database_with_real_members(countries):
    MemberFactory(email="real.person@ministry.gov")
    with pytest.raises(CommandError, match="1 real members"):
        call_command("seed_demo")
    assert not User.objects.filter(email__endswith="@demo.brs-hub.example").exists()
    call_command("seed_demo", "--force")
    assert User.objects.filter(email__endswith="@demo.brs-hub.example").count() == 15


@pytest.mark.django_db
def test_experts_appear_on_the_roster_with_badges(countries, client):
    call_command("seed_demo")
    page = client.get("/en/people/").content.decode()
    assert "Kwame Mensah" in page
    assert "Expert" in page
    assert "Sione Tupou" not in page  # only a pending request
    filtered = client.get("/en/people/?topic=pcbs").content.decode()
    assert "Priya Raman" in filtered
    assert "Kwame Mensah" not in filtered
