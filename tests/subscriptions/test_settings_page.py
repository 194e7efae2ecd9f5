"""/<lang>/account/subscriptions/: everything a member follows, with
unfollow; how they hear of each kind of event; their digest; their address."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from taggit.models import Tag

from community.constants import GroupPrivacy, PostStatus
from community.models import Group, Question
from community.services import ask_question, leave_group
from conventions.models import ThematicArea
from subscriptions.constants import EVENT_KINDS, EmailStatus
from subscriptions.models import Follow, Preferences
from subscriptions.services import follow, set_email_status
from tests.community.factories import GroupFactory, QuestionFactory
from tests.conventions.factories import CountryFactory
from tests.profiles.factories import MemberFactory

URL = "/en/account/subscriptions/"


pytestmark = pytest.mark.usefixtures("established_members")


def text_of(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def unfollow_buttons(html: str) -> int:
    return html.count('name="action" value="unfollow"')


def selected(html: str, name: str) -> str | None:
    """The selected option of a <select name=…>."""
    select = re.search(rf'<select name="{re.escape(name)}"[^>]*>(.*?)</select>', html, re.S)
    assert select, name
    option = re.search(r'<option value="([^"]*)"[^>]*selected', select.group(1))
    return option.group(1) if option else None


def checked(html: str, name: str) -> bool:
    box = re.search(rf'<input type="checkbox" name="{re.escape(name)}"[^>]*>', html)
    assert box, name
    return " checked" in box.group(0)


@pytest.fixture
def followed(member):
    """The member follows one thing of each kind."""
    author = MemberFactory(display_name="Amina Diallo", profile__is_public=True)
    CountryFactory(iso2="KE", iso3="KEN", name="Kenya")
    group = GroupFactory(name="E-waste practitioners")
    question = ask_question(
        author, title="How do customs officers spot mislabelled e-waste?", body="Details.", tags=["customs"]
    )
    for kind, key in [
        ("topic", "e-waste"),
        ("tag", "customs"),
        ("group", group.slug),
        ("question", question.pk),
        ("member", author.handle),
        ("country", "KEN"),
        ("convention", "BC"),
        ("knowledge_type", "best_practice"),
    ]:
        follow(member, kind, str(key))
    return {"author": author, "group": group, "question": question}


@pytest.mark.django_db
def test_visitors_are_sent_to_sign_in(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith("/en/accounts/login/")


@pytest.mark.django_db
def test_lists_every_follow_by_kind_with_its_name_and_an_unfollow_button(client, member, followed):
    client.force_login(member)
    html = client.get(URL).content.decode()
    text = text_of(html)
    for heading, name in [
        ("Thematic areas", "E-waste"),
        ("Tags", "customs"),
        ("Groups", "E-waste practitioners"),
        ("Questions", "How do customs officers spot mislabelled e-waste?"),
        ("Members", "Amina Diallo"),
        ("Countries", "Kenya"),
        ("Conventions", "Basel Convention"),
        ("Kinds of knowledge item", "Best practices"),
    ]:
        assert f"{heading} {name} Unfollow" in text, heading
    assert unfollow_buttons(html) == 8
    assert f'href="{followed["question"].get_absolute_url()}"' in html
    assert 'href="/en/countries/KEN/"' in html
    assert 'href="/en/knowledge/best-practices/"' in html
    assert "No longer available" not in html


@pytest.mark.django_db
def test_unfollow_from_the_settings_page(client, member, followed):
    client.force_login(member)
    response = client.post(
        "/en/follow/", {"kind": "country", "key": "KEN", "action": "unfollow", "next": URL}, follow=True
    )
    assert response.redirect_chain == [(URL, 302)]
    html = response.content.decode()
    assert "You no longer follow Kenya." in html
    assert unfollow_buttons(html) == 7
    assert 'href="/en/countries/KEN/"' not in html
    assert not Follow.objects.filter(user=member, kind="country").exists()


@pytest.mark.django_db
def test_a_group_that_became_private_shows_as_no_longer_available(client, member, followed):
    group = followed["group"]
    question = ask_question(followed["author"], title="Who collects old batteries?", body="In Nairobi.", group=None)
    follow(member, "question", str(question.pk))
    # The group becomes private and its discussions with it; the question is deleted.
    Group.objects.filter(pk=group.pk).update(privacy=GroupPrivacy.PRIVATE)
    Question.objects.filter(pk=question.pk).update(status=PostStatus.DELETED)
    client.force_login(member)
    html = client.get(URL).content.decode()
    assert "E-waste practitioners" not in html
    assert "Who collects old batteries?" not in html
    assert text_of(html).count("No longer available") == 2
    assert unfollow_buttons(html) == 9

    response = client.post("/en/follow/", {"kind": "group", "key": group.slug, "action": "unfollow", "next": URL})
    assert response.status_code == 302
    assert not Follow.objects.filter(user=member, kind="group").exists()
    html = client.get(URL).content.decode()
    assert "E-waste practitioners" not in html
    assert text_of(html).count("No longer available") == 1


@pytest.mark.django_db
def test_a_private_group_left_shows_as_no_longer_available(client):
    insider = MemberFactory()
    group = GroupFactory(name="Bureau drafting team", privacy=GroupPrivacy.PRIVATE, members=[insider])
    question = ask_question(insider, title="Draft agenda for the bureau meeting", body="Confidential.", group=group)
    follow(insider, "group", group.slug)
    client.force_login(insider)
    html = client.get(URL).content.decode()
    assert "Bureau drafting team" in html
    assert "Draft agenda for the bureau meeting" in html

    leave_group(insider, group)
    html = client.get(URL).content.decode()
    assert "Bureau drafting team" not in html
    assert "Draft agenda for the bureau meeting" not in html
    assert group.slug not in text_of(html)
    assert text_of(html).count("No longer available") == 2
    assert unfollow_buttons(html) == 2
    assert question.pk  # still there: it is the member who may no longer see it


@pytest.mark.django_db
def test_delivery_settings_show_the_defaults_as_current(client, member):
    member.profile.timezone = "Africa/Nairobi"
    member.profile.save()
    client.force_login(member)
    response = client.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    for family in EVENT_KINDS:
        name = family.replace(".", "_")
        assert checked(html, f"{name}_in_app"), family
    assert selected(html, "mention_email") == "now"
    assert selected(html, "answer_accepted_email") == "now"
    assert selected(html, "question_published_email") == "digest"
    assert selected(html, "knowledge_published_email") == "digest"
    assert selected(html, "digest_frequency") == "weekly"
    assert selected(html, "digest_weekday") == "0"
    assert selected(html, "digest_hour") == "7"
    assert "Africa/Nairobi" in html
    assert 'href="/en/account/profile/"' in html
    assert "You do not follow anything yet." in html
    assert not Preferences.objects.filter(user=member).exists()  # looking writes nothing


def preferences_data(**changes) -> dict:
    """The form as the page sends it with every default in place."""
    data = {"action": "preferences", "digest_frequency": "weekly", "digest_weekday": "0", "digest_hour": "7"}
    for family, (audience, _label) in EVENT_KINDS.items():
        name = family.replace(".", "_")
        data[f"{name}_in_app"] = "on"
        data[f"{name}_email"] = "now" if audience == "addressed" else "digest"
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


@pytest.mark.django_db
def test_saving_stores_only_what_differs_from_the_defaults(client, member):
    client.force_login(member)
    data = preferences_data(
        mention_email="digest",
        moderation_in_app=None,  # unticked
        question_published_email="off",
        digest_frequency="daily",
        digest_weekday="4",
        digest_hour="18",
    )
    response = client.post(URL, data, follow=True)
    assert response.redirect_chain == [(URL, 302)]
    html = response.content.decode()
    assert "Your delivery settings are saved." in html
    preferences = Preferences.objects.get(user=member)
    assert preferences.channels == {
        "mention": {"email": "digest"},
        "moderation": {"in_app": False},
        "question.published": {"email": "off"},
    }
    assert (preferences.digest_frequency, preferences.digest_weekday, preferences.digest_hour) == ("daily", 4, 18)
    assert preferences.channel("mention") == {"in_app": True, "email": "digest"}
    # The page shows the choices as they now are.
    assert selected(html, "mention_email") == "digest"
    assert not checked(html, "moderation_in_app")
    assert checked(html, "mention_in_app")
    assert selected(html, "digest_hour") == "18"

    # Back to the defaults: nothing is left to store.
    client.post(URL, preferences_data())
    preferences.refresh_from_db()
    assert preferences.channels == {}
    assert preferences.digest_frequency == "weekly"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "change",
    [
        {"mention_email": "sometimes"},
        {"mention_email": None},
        {"digest_hour": "25"},
        {"digest_hour": "seven"},
        {"digest_weekday": "9"},
        {"digest_frequency": "hourly"},
    ],
)
def test_bad_values_answer_400_and_write_nothing(client, member, change):
    set_email_status(member, EmailStatus.OK)  # a stored row, to see that it does not change
    client.force_login(member)
    response = client.post(URL, preferences_data(mention_in_app=None, **change))
    assert response.status_code == 400
    html = response.content.decode()
    assert "Nothing was saved. Please correct the errors below." in html
    assert 'aria-invalid="true"' in html
    preferences = Preferences.objects.get(user=member)
    assert preferences.channels == {}
    assert (preferences.digest_frequency, preferences.digest_weekday, preferences.digest_hour) == ("weekly", 0, 7)


@pytest.mark.django_db
def test_an_unknown_action_is_refused(client, member):
    client.force_login(member)
    assert client.post(URL, {"action": "delete_everything"}).status_code == 400
    assert not Preferences.objects.filter(user=member).exists()


@pytest.mark.django_db
def test_a_bouncing_address_shows_why_and_can_be_turned_back_on(client, member):
    set_email_status(member, EmailStatus.BOUNCING, "550 5.1.1 mailbox unavailable")
    client.force_login(member)
    html = client.get(URL).content.decode()
    assert "Bouncing: messages to this address are returned" in html
    assert "550 5.1.1 mailbox unavailable" in html
    assert "Send email to this address again" in html
    assert member.email in html

    response = client.post(URL, {"action": "email"}, follow=True)
    assert response.redirect_chain == [(URL, 302)]
    html = response.content.decode()
    assert f"We will send email to {member.email} again." in html
    assert "Send email to this address again" not in html
    assert "550 5.1.1" not in html
    preferences = Preferences.objects.get(user=member)
    assert preferences.email_status == EmailStatus.OK
    assert preferences.receives_email


def follow_many(member, author, per_kind: int, prefix: str) -> None:
    """`per_kind` follows of each kind whose name needs a lookup, plus a
    convention and a kind of item."""
    areas = list(ThematicArea.objects.order_by("pk")[:per_kind])
    rows = [Follow(user=member, kind="topic", key=area.slug) for area in areas]
    for number in range(per_kind):
        tag = Tag.objects.create(name=f"tag {prefix}{number}", slug=f"tag-{prefix}{number}")
        country = CountryFactory(iso2=f"{prefix}{number}", iso3=f"Q{prefix}{number}", name=f"Country {number}")
        group = GroupFactory(name=f"Group {prefix}{number}")
        question = QuestionFactory(title=f"Question {number}", author=author)
        person = MemberFactory(profile__is_public=True)
        rows += [
            Follow(user=member, kind="tag", key=tag.slug),
            Follow(user=member, kind="country", key=country.iso3),
            Follow(user=member, kind="group", key=group.slug),
            Follow(user=member, kind="question", key=str(question.pk)),
            Follow(user=member, kind="member", key=str(person.pk)),
        ]
    rows += [
        Follow(user=member, kind="convention", key="SC"),
        Follow(user=member, kind="knowledge_type", key="best_practice"),
    ]
    Follow.objects.bulk_create(rows)


@pytest.mark.django_db
def test_query_count_does_not_grow_with_the_number_of_follows(client, django_assert_max_num_queries):
    author = MemberFactory()
    few, many = MemberFactory(), MemberFactory()
    follow_many(few, author, per_kind=1, prefix="A")  # 8 follows
    follow_many(many, author, per_kind=8, prefix="B")  # 50 follows
    assert Follow.objects.filter(user=many).count() == 50

    client.force_login(few)
    with CaptureQueriesContext(connection) as queries:
        html = client.get(URL).content.decode()
    assert unfollow_buttons(html) == 8

    client.force_login(many)
    with django_assert_max_num_queries(len(queries)):
        html = client.get(URL).content.decode()
    assert unfollow_buttons(html) == 50
    assert "No longer available" not in html
