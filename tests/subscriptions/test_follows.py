"""Following: the button on every page that has one, with and without
JavaScript; every refusal (private, held, deleted, unknown, twice) writes
nothing; the topics pages."""

import re

import pytest
from django.utils.text import slugify

from community.constants import GroupPrivacy, PostStatus
from community.models import Question
from community.services import ask_question, leave_group, post_answer
from conventions.models import ThematicArea
from subscriptions.models import Follow
from subscriptions.services import follow
from tests.community.factories import GroupFactory
from tests.conventions.factories import CountryFactory
from tests.knowledge.factories import BestPracticeFactory
from tests.profiles.factories import MemberFactory
from tests.subscriptions.factories import FollowFactory

HTMX = {"HTTP_HX_REQUEST": "true"}


# Questions are published at once: the moderation rules have tests of their own.
pytestmark = pytest.mark.usefixtures("established_members")


def button_state(html: str, kind: str, key: str) -> str | None:
    """ "true" or "false" (aria-pressed of the follow button for kind/key), or None without one."""
    match = re.search(
        rf'<button[^>]*id="follow-{kind}-{re.escape(slugify(key, allow_unicode=True))}"[^>]*aria-pressed="(\w+)"', html
    )
    return match.group(1) if match else None


def follows_of(user) -> set:
    return set(Follow.objects.filter(user=user).values_list("kind", "key"))


@pytest.fixture
def world(db):
    """Something of each kind to follow, the page it is on and how it is named."""
    author = MemberFactory(display_name="Amina Diallo", profile__is_public=True)
    kenya = CountryFactory(iso2="KE", iso3="KEN", name="Kenya")
    group = GroupFactory(name="E-waste practitioners", members=[author])
    question = ask_question(
        author,
        title="How do customs officers spot mislabelled e-waste?",
        body="Shipments declared as second-hand goods.",
        thematic_areas=ThematicArea.objects.filter(slug="e-waste"),
        tags=["customs"],
    )
    return {
        "author": author,
        "question": question,
        "targets": {
            "topic": ("e-waste", "/en/topics/e-waste/", "E-waste"),
            "tag": ("customs", "/en/topics/customs/", "customs"),
            "group": (group.slug, f"/en/groups/{group.slug}/", "E-waste practitioners"),
            "question": (str(question.pk), question.get_absolute_url(), question.title),
            # Members are followed by id (a handle can change); the button sends it.
            "member": (str(author.pk), f"/en/people/{author.handle}/", "Amina Diallo"),
            "country": (kenya.iso3, "/en/countries/KEN/", "Kenya"),
            "convention": ("BC", "/en/information/", "Basel Convention"),
            "knowledge_type": ("best_practice", "/en/knowledge/best-practices/", "Best practices"),
        },
    }


KINDS = ["topic", "tag", "group", "question", "member", "country", "convention", "knowledge_type"]


@pytest.mark.django_db
@pytest.mark.parametrize("kind", KINDS)
def test_follow_and_unfollow_from_the_page_without_javascript(client, member, world, kind):
    key, page, label = world["targets"][kind]
    client.force_login(member)
    assert button_state(client.get(page).content.decode(), kind, key) == "false"

    response = client.post("/en/follow/", {"kind": kind, "key": key, "action": "follow", "next": page})
    assert response.status_code == 302
    assert response["Location"] == page
    assert follows_of(member) == {(kind, key)}
    html = client.get(page).content.decode()
    assert button_state(html, kind, key) == "true"
    assert f"You follow {label}." in html

    response = client.post("/en/follow/", {"kind": kind, "key": key, "action": "unfollow", "next": page})
    assert response.status_code == 302
    assert follows_of(member) == set()
    html = client.get(page).content.decode()
    assert button_state(html, kind, key) == "false"
    assert f"You no longer follow {label}." in html


@pytest.mark.django_db
@pytest.mark.parametrize("kind", KINDS)
def test_follow_and_unfollow_with_htmx_swaps_the_button(client, member, world, kind):
    key, page, label = world["targets"][kind]
    client.force_login(member)

    response = client.post("/en/follow/", {"kind": kind, "key": key, "action": "follow", "next": page}, **HTMX)
    assert response.status_code == 200
    html = response.content.decode()
    assert "<html" not in html  # just the button, for htmx to swap in
    assert button_state(html, kind, key) == "true"
    assert 'name="action" value="unfollow"' in html
    assert f'name="next" value="{page}"' in html
    assert label in html
    assert follows_of(member) == {(kind, key)}

    response = client.post("/en/follow/", {"kind": kind, "key": key, "action": "unfollow", "next": page}, **HTMX)
    assert response.status_code == 200
    html = response.content.decode()
    assert button_state(html, kind, key) == "false"
    assert 'name="action" value="follow"' in html
    assert follows_of(member) == set()


@pytest.mark.django_db
def test_country_and_convention_keys_are_stored_in_capitals(client, member, world):
    client.force_login(member)
    client.post("/en/follow/", {"kind": "country", "key": "ken", "action": "follow"})
    client.post("/en/follow/", {"kind": "convention", "key": "sc", "action": "follow"})
    client.post("/en/follow/", {"kind": "question", "key": f"00{world['question'].pk}", "action": "follow"})
    assert follows_of(member) == {("country", "KEN"), ("convention", "SC"), ("question", str(world["question"].pk))}


@pytest.fixture
def private(db):
    """A private group, its discussion, and the insider who belongs to it."""
    insider, colleague = MemberFactory(), MemberFactory()
    group = GroupFactory(name="Bureau drafting team", privacy=GroupPrivacy.PRIVATE, members=[insider, colleague])
    question = ask_question(insider, title="Draft agenda for the bureau meeting", body="Confidential.", group=group)
    return {"insider": insider, "colleague": colleague, "group": group, "question": question}


@pytest.mark.django_db
def test_private_held_deleted_and_unknown_things_cannot_be_followed(client, member, world, private):
    other = MemberFactory()
    held = ask_question(other, title="A question awaiting review", body="Not yet approved.")
    deleted = ask_question(other, title="A question the secretariat deleted", body="Spam.")
    Question.objects.filter(pk=held.pk).update(status=PostStatus.HELD)
    Question.objects.filter(pk=deleted.pk).update(status=PostStatus.DELETED)
    hidden_member = MemberFactory(display_name="Private Person")  # profiles are private by default
    refused = [
        ("group", private["group"].slug),
        ("question", str(private["question"].pk)),
        ("question", str(held.pk)),
        ("question", str(deleted.pk)),
        ("question", "999999"),
        ("member", hidden_member.handle),
        ("member", "nobody-by-that-name"),
        ("topic", "no-such-area"),
        ("tag", "no-such-tag"),
        ("group", "no-such-group"),
        ("country", "XXX"),
        ("convention", "BAN"),  # an amendment, not a convention
        ("knowledge_type", "recipes"),
    ]
    client.force_login(member)
    for kind, key in refused:
        for headers in ({}, HTMX):
            response = client.post("/en/follow/", {"kind": kind, "key": key, "action": "follow"}, **headers)
            assert response.status_code == 404, (kind, key)
            assert "There is nothing to follow here." in response.content.decode()
            assert "Bureau drafting team" not in response.content.decode()
    assert follows_of(member) == set()

    # The same requests succeed for those who may see them: the refusals are about visibility.
    client.force_login(private["colleague"])
    for kind, key in refused[:2]:
        assert client.post("/en/follow/", {"kind": kind, "key": key, "action": "follow"}).status_code == 302
    assert follows_of(private["colleague"]) == set(refused[:2])


@pytest.mark.django_db
def test_following_twice_is_refused_with_409(client, member, world):
    client.force_login(member)
    data = {"kind": "topic", "key": "e-waste", "action": "follow"}
    assert client.post("/en/follow/", data).status_code == 302
    response = client.post("/en/follow/", data, **HTMX)
    assert response.status_code == 409
    assert "You already follow this." in response.content.decode()
    assert Follow.objects.filter(user=member).count() == 1


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"kind": "planet", "key": "mars", "action": "follow"}, "This cannot be followed."),
        ({"kind": "topic", "key": "e-waste", "action": "like"}, "Choose to follow or to unfollow."),
        ({"kind": "topic", "key": "", "action": "follow"}, "Say what to follow."),
        ({"kind": "question", "key": "²", "action": "follow"}, "Questions are followed by their number."),
        ({"kind": "topic", "key": "x" * 101, "action": "follow"}, "at most 100 characters"),
    ],
)
def test_bad_input_answers_400_and_writes_nothing(client, member, world, data, message):
    client.force_login(member)
    response = client.post("/en/follow/", data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert follows_of(member) == set()


@pytest.mark.django_db
def test_following_yourself_is_refused(client, world):
    author = world["author"]
    client.force_login(author)
    response = client.post("/en/follow/", {"kind": "member", "key": author.handle, "action": "follow"})
    assert response.status_code == 400
    assert "You cannot follow yourself." in response.content.decode()
    # and their own profile page offers no button
    assert button_state(client.get(f"/en/people/{author.handle}/").content.decode(), "member", str(author.pk)) is None
    assert not Follow.objects.filter(kind="member").exists()


@pytest.mark.django_db
def test_visitors_are_sent_to_sign_in_and_nothing_is_written(client, world):
    data = {"kind": "topic", "key": "e-waste", "action": "follow", "next": "/en/topics/e-waste/"}
    response = client.post("/en/follow/", data)
    assert response.status_code == 302
    assert response["Location"].startswith("/en/accounts/login/?next=/en/topics/e-waste/")
    # htmx cannot follow a redirect to a full page: it is told to load the sign-in page.
    response = client.post("/en/follow/", data, **HTMX)
    assert response.status_code == 401
    assert response["HX-Redirect"].startswith("/en/accounts/login/")
    assert not Follow.objects.filter(kind="topic").exists()
    # Pages offer visitors a link to sign in, not a form.
    html = client.get("/en/topics/e-waste/").content.decode()
    assert "Sign in to follow" in html
    assert button_state(html, "topic", "e-waste") is None


@pytest.mark.django_db
def test_the_button_only_takes_posts_and_comes_back_only_to_this_site(client, member, world):
    client.force_login(member)
    assert client.get("/en/follow/").status_code == 405
    response = client.post(
        "/en/follow/", {"kind": "topic", "key": "e-waste", "action": "follow", "next": "https://evil.example/"}
    )
    assert response.status_code == 302
    assert response["Location"] == "/en/account/subscriptions/"


@pytest.mark.django_db
def test_asking_or_answering_follows_the_question(client, member, world):
    question = world["question"]
    answer_author = MemberFactory()
    post_answer(answer_author, question, body="Check the HS codes against the declared weight.")
    assert ("question", str(question.pk)) in follows_of(world["author"])
    assert ("question", str(question.pk)) in follows_of(answer_author)
    client.force_login(answer_author)
    html = client.get(question.get_absolute_url()).content.decode()
    assert button_state(html, "question", str(question.pk)) == "true"


@pytest.mark.django_db
def test_a_member_who_left_a_private_group_can_still_unfollow_it_without_seeing_its_name(client, private):
    insider, group = private["insider"], private["group"]
    follow(insider, "group", group.slug)
    leave_group(insider, group)
    client.force_login(insider)
    response = client.post("/en/follow/", {"kind": "group", "key": group.slug, "action": "unfollow"}, follow=True)
    assert response.status_code == 200
    html = response.content.decode()
    assert "You no longer follow it." in html
    assert "Bureau drafting team" not in html
    assert ("group", group.slug) not in follows_of(insider)


# ---------------------------------------------------------------- topics pages


@pytest.fixture
def topics(world, private):
    """Visible, private, held and unpublished content about e-waste."""
    question = world["question"]
    private["question"].thematic_areas.set(ThematicArea.objects.filter(slug="e-waste"))
    private["question"].tags.set(["bureau-confidential"])
    held = ask_question(
        MemberFactory(),
        title="Held question about e-waste",
        body="Awaiting review.",
        thematic_areas=ThematicArea.objects.filter(slug="e-waste"),
        tags=["customs"],
    )
    Question.objects.filter(pk=held.pk).update(status=PostStatus.HELD)
    item = BestPracticeFactory(title="E-waste take-back in Kenya", topics=["e-waste"])
    item.tags.add("customs", "take-back")
    item.save()
    draft = BestPracticeFactory(title="Unpublished e-waste draft", topics=["e-waste"], live=False)
    draft.tags.add("customs")
    draft.save()
    area = ThematicArea.objects.get(slug="e-waste")
    area.description = "Collection, repair and recycling of electrical and electronic equipment."
    area.save()
    return {"question": question, "item": item}


def row_of(html: str, name: str) -> str:
    """The text of the list item that links to `name`."""
    match = re.search(rf"<li[^>]*>(?:(?!</li>).)*>{re.escape(name)}</a>(?:(?!</li>).)*</li>", html, re.S)
    assert match, name
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", match.group(0)))


@pytest.mark.django_db
def test_topics_index_counts_only_what_the_person_may_see(client, member, topics, private):
    client.force_login(member)
    html = client.get("/en/topics/").content.decode()
    assert "1 question · 1 knowledge item" in row_of(html, "E-waste")
    assert "0 questions · 0 knowledge items" in row_of(html, "Pesticides")
    # customs: the visible question and the published item; not the held question or the draft
    assert "(2 uses)" in row_of(html, "#customs")
    assert "(1 use)" in row_of(html, "#take-back")
    assert "bureau-confidential" not in html
    assert button_state(html, "topic", "e-waste") == "false"
    assert button_state(html, "tag", "customs") == "false"

    # The insider counts their group's discussion and sees its tag.
    client.force_login(private["insider"])
    html = client.get("/en/topics/").content.decode()
    assert "2 questions · 1 knowledge item" in row_of(html, "E-waste")
    assert "#bureau-confidential" in html


@pytest.mark.django_db
def test_topics_index_shows_what_the_member_follows_and_visitors_no_buttons(client, member, topics):
    FollowFactory(user=member, kind="tag", key="take-back")
    client.force_login(member)
    html = client.get("/en/topics/").content.decode()
    assert button_state(html, "tag", "take-back") == "true"
    assert button_state(html, "tag", "customs") == "false"
    client.logout()
    html = client.get("/en/topics/").content.decode()
    assert "E-waste" in html
    assert 'name="kind"' not in html
    assert "Sign in to follow topics" in html


@pytest.mark.django_db
def test_topics_index_query_count_does_not_grow_with_tags(client, member, world, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(member)
    with CaptureQueriesContext(connection) as few:
        assert client.get("/en/topics/").status_code == 200
    author = world["author"]
    for number in range(30):
        ask_question(author, title=f"Question number {number} about tags", body="Body.", tags=[f"tag-{number}"])
        FollowFactory(user=member, kind="tag", key=f"tag-{number}")
    with django_assert_max_num_queries(len(few)):
        html = client.get("/en/topics/").content.decode()
    assert html.count('aria-pressed="true"') == 30


@pytest.mark.django_db
def test_thematic_area_page_lists_visible_questions_and_published_items(client, member, topics, private):
    client.force_login(member)
    response = client.get("/en/topics/e-waste/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1" in html and "E-waste" in html
    assert "Collection, repair and recycling" in html
    assert topics["question"].title in html
    assert "E-waste take-back in Kenya" in html
    assert "Draft agenda for the bureau meeting" not in html
    assert "Held question about e-waste" not in html
    assert "Unpublished e-waste draft" not in html
    assert 'href="/en/knowledge/?topic=e-waste"' in html
    assert 'href="/en/forum/?topic=e-waste"' in html
    assert button_state(html, "topic", "e-waste") == "false"

    client.force_login(private["insider"])
    assert "Draft agenda for the bureau meeting" in client.get("/en/topics/e-waste/").content.decode()


@pytest.mark.django_db
def test_tag_page_and_unknown_slugs(client, member, topics, private):
    client.force_login(member)
    html = client.get("/en/topics/customs/").content.decode()
    assert "#customs" in html
    assert topics["question"].title in html
    assert "E-waste take-back in Kenya" in html
    assert "Held question about e-waste" not in html
    assert 'href="/en/forum/?tag=customs"' in html
    assert 'href="/en/knowledge/?tag=customs"' in html
    assert button_state(html, "tag", "customs") == "false"

    assert client.get("/en/topics/no-such-thing/").status_code == 404
    # A tag only a private group uses is as unknown as the group to outsiders.
    assert client.get("/en/topics/bureau-confidential/").status_code == 404
    client.force_login(private["insider"])
    assert client.get("/en/topics/bureau-confidential/").status_code == 200


@pytest.mark.django_db
def test_a_tag_used_only_where_the_member_cannot_read_is_as_unknown_as_no_tag(client, member, world, private):
    """Found by the outside test (#18): the button answered 302 for any
    existing tag and 404 otherwise, telling outsiders which tags a private
    group or a held post uses."""
    private["question"].tags.set(["bureau-confidential"])
    held = ask_question(MemberFactory(), title="A question awaiting review", body="Not yet approved.")
    held.tags.set(["held-only"])
    Question.objects.filter(pk=held.pk).update(status=PostStatus.HELD)
    client.force_login(member)
    answers = {
        key: client.post("/en/follow/", {"kind": "tag", "key": key, "action": "follow"})
        for key in ("bureau-confidential", "held-only", "no-such-tag")
    }
    assert {key: response.status_code for key, response in answers.items()} == dict.fromkeys(answers, 404)
    assert len({response.content for response in answers.values()}) == 1
    # Used on what the member may read (a public question, a live knowledge item): followed.
    assert client.post("/en/follow/", {"kind": "tag", "key": "customs", "action": "follow"}).status_code == 302
    client.force_login(private["colleague"])
    assert (
        client.post("/en/follow/", {"kind": "tag", "key": "bureau-confidential", "action": "follow"}).status_code
        == 302
    )
    assert follows_of(member) == {("tag", "customs")}


@pytest.mark.django_db
def test_a_tag_used_only_on_a_restricted_knowledge_item_is_unknown_too(client, member):
    from wagtail.models import PageViewRestriction

    item = BestPracticeFactory(title="Internal review of the Bureau", tags=["bureau-only"])
    PageViewRestriction.objects.create(page=item, restriction_type=PageViewRestriction.LOGIN)
    client.force_login(member)
    response = client.post("/en/follow/", {"kind": "tag", "key": "bureau-only", "action": "follow"})
    assert response.status_code == 404
    assert follows_of(member) == set()
