import re

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from conventions.models import RegionalCentre
from packages.models import AgendaItem, OfficialDocument
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


@pytest.fixture
def debug(settings):
    """The development settings `make run` uses."""
    settings.DEBUG = True


@pytest.mark.django_db
def test_seed_demo_creates_members_of_every_role_and_their_content(debug, capsys):
    from community.models import Question
    from knowledge.models import KnowledgeItemPage
    from knowledge.services import ITEM_TYPES, submission_state

    call_command("import_reference_data")
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

    # knowledge items of every kind in every state of the review, reviewed by the demo editor
    items = KnowledgeItemPage.objects.all()
    assert items.count() >= 30
    assert {item.specific_class for item in items} == {item_type.model for item_type in ITEM_TYPES}
    states = {submission_state(item) for item in items}
    assert states == {"published", "in_review", "changes_requested", "declined", "draft"}
    assert KnowledgeItemPage.objects.published().count() >= 20
    # forum threads: answered, accepted, unanswered, voted, one held, one flagged until hidden
    from community.models import Answer, Group, Notice

    questions = Question.objects.all()
    assert questions.count() >= 25
    assert questions.exclude(accepted_answer=None).count() >= 10
    assert questions.filter(status="visible", answer_count=0).count() >= 5
    assert questions.filter(status="held").count() == 1
    hidden = Answer.objects.get(status="hidden")
    assert hidden.flags.count() == 3
    assert Answer.objects.filter(vote_count__gt=0).count() >= 10
    assert questions.exclude(group=None).count() >= 5
    assert f"knowledge items created: {items.count()}; forum questions created: {questions.count()}" in out
    # official documents: every one published, each language version a PDF naming its symbol
    documents = OfficialDocument.objects.all()
    assert f"official documents created: {documents.count()}." in out
    assert documents.count() >= 10 and not documents.filter(is_published=False).exists()
    assert documents.filter(kind="legal_text", instrument__code="BAN").exists()
    agenda = documents.get(symbol="UNEP/CHW.17/1")
    assert agenda.meeting.slug == "bc-cop-17"
    languages = sorted(code for code, _name in settings.LANGUAGES)
    assert sorted(agenda.files.values_list("language", flat=True)) == languages
    with agenda.files.get(language="fr").file.open_file() as pdf:
        assert pdf.read(5) == b"%PDF-"
    # the agenda of BC COP-17, its daily journal and its report
    assert list(AgendaItem.objects.filter(meeting=agenda.meeting).values_list("number", flat=True)) == [
        "1",
        "2",
        "4 (a)",
        "4 (b)",
        "5",
        "6",
        "7",
    ]
    assert documents.filter(meeting=agenda.meeting, kind__in=["journal", "report"]).count() == 2
    # groups: five regional, one per regional centre with its staff moderating, thematic ones
    assert Group.objects.filter(kind="regional").count() == 5
    assert Group.objects.filter(kind="centre").count() == RegionalCentre.objects.count() == 23
    senegal = Group.objects.get(regional_centre__host_country__iso2="SN")
    assert senegal.memberships.get(user__handle="fatou-ndiaye").role == "moderator"
    assert Notice.objects.filter(group=senegal).exists()

    # a second run with --if-empty changes nothing
    count = User.objects.count()
    call_command("seed_demo", "--if-empty")
    assert User.objects.count() == count
    assert KnowledgeItemPage.objects.count() == items.count()


@pytest.mark.django_db
def test_seed_demo_refuses_to_run_without_debug(countries, settings, capsys, monkeypatch):
    settings.DEBUG = False
    for arguments in ([], ["--if-empty"]):
        with pytest.raises(CommandError, match="runs only with DEBUG on"):
            call_command("seed_demo", *arguments)
    assert not User.objects.filter(is_superuser=True).exists()
    assert "clearing-house demo passphrase" not in capsys.readouterr().out
    # an operator who means it can still load the demo, on a demo server
    # (members only here: the content needs the full reference data)
    from demo.management.commands import seed_demo

    monkeypatch.setattr(seed_demo.Command, "_seed_knowledge", lambda self: 0)
    monkeypatch.setattr(seed_demo, "seed_forum", lambda editor: 0)
    call_command("seed_demo", "--force")
    assert User.objects.get(handle="mariana-costa").is_superuser


@pytest.mark.django_db
def test_seed_demo_refuses_a_database_with_real_members(countries, debug, monkeypatch):
    from demo.management.commands import seed_demo

    monkeypatch.setattr(seed_demo.Command, "_seed_knowledge", lambda self: 0)
    monkeypatch.setattr(seed_demo, "seed_forum", lambda editor: 0)
    MemberFactory(email="real.person@ministry.gov")
    with pytest.raises(CommandError, match="1 real members"):
        call_command("seed_demo")
    assert not User.objects.filter(email__endswith="@demo.brs-hub.example").exists()
    call_command("seed_demo", "--force")
    assert User.objects.filter(email__endswith="@demo.brs-hub.example").count() == 15


@pytest.mark.django_db
def test_experts_appear_on_the_roster_with_badges(countries, debug, client):
    call_command("seed_demo")
    page = client.get("/en/people/").content.decode()
    assert "Kwame Mensah" in page
    assert "Expert" in page
    assert "Sione Tupou" not in page  # only a pending request
    filtered = client.get("/en/people/?topic=pcbs").content.decode()
    assert "Priya Raman" in filtered
    assert "Kwame Mensah" not in filtered


@pytest.mark.django_db
def test_seed_demo_creates_the_regional_groups_with_their_members(debug):
    from community.models import Group

    call_command("import_reference_data")
    call_command("seed_demo")
    regional = Group.objects.filter(kind="regional")
    assert regional.count() == 5
    african = regional.get(regional_group__code="AFRICAN")
    assert african.memberships.filter(user__handle="wanjiru-kamau").exists()
    assert Group.objects.get(slug="bureau-preparations").privacy == "private"


@pytest.mark.django_db
def test_a_malformed_content_file_stops_seed_demo_with_its_name_and_nothing_written(
    countries, debug, monkeypatch, tmp_path
):
    from demo import content
    from demo.management.commands import seed_demo

    members = tmp_path / "members.yaml"
    members.write_text("domain: [demo.brs-hub.example\n", encoding="utf-8")
    monkeypatch.setattr(seed_demo, "load_members", lambda: content.load_members(tmp_path))

    with pytest.raises(CommandError, match=re.escape(f"{members}: not valid YAML on line 2")):
        call_command("seed_demo")
    assert not User.objects.exists()
