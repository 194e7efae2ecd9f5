"""Group pages: centres and their staff, the members-only notice board,
knowledge shared with a group, the regional group offered to members of its
countries, removing members; nothing of a private group leaks."""

import pytest

from community.constants import GROUPS_PER_PAGE, GroupKind, GroupPrivacy, MembershipRole, MembershipStatus
from community.models import Group, Membership, ModerationLogEntry, Notice
from community.services import ask_question
from profiles.models import Verification
from tests.community.factories import GroupFactory
from tests.conventions.factories import CountryFactory, RegionalCentreFactory, RegionalGroupFactory
from tests.knowledge.factories import BestPracticeFactory
from tests.knowledge.sharing import share_data
from tests.mfa import with_totp
from tests.pages import html
from tests.profiles.factories import EditorFactory, MemberFactory


@pytest.fixture
def centre(db):
    senegal = CountryFactory(iso2="SN", iso3="SEN", numeric="686", name="Senegal")
    return RegionalCentreFactory(
        name="BCRC-SCRC Senegal", slug="bcrc-scrc-senegal", host_country=senegal, conventions=["BC", "SC"]
    )


@pytest.mark.django_db
def test_each_regional_centre_has_a_group_its_staff_moderate(client, member, centre):
    group = Group.objects.get(regional_centre=centre)
    assert group.kind == GroupKind.CENTRE and group.privacy == GroupPrivacy.OPEN
    page = client.get(group.get_absolute_url()).content.decode()
    assert f'href="/en/regional-centres/{centre.slug}/"' in page  # the group links its centre
    assert "BCRC-SCRC Senegal" in client.get("/en/groups/").content.decode()

    client.force_login(member)
    refused = client.post(f"/en/groups/{group.slug}/staff/", {"member": member.handle})
    assert refused.status_code == 403 and not Verification.objects.filter(role="centre_staff").exists()

    staff = MemberFactory()
    client.force_login(with_totp(EditorFactory()))
    unknown = client.post(f"/en/groups/{group.slug}/staff/", {"member": "nobody-at-all"})
    assert unknown.status_code == 404
    assert client.post(f"/en/groups/{group.slug}/staff/", {"member": staff.email}).status_code == 302
    verification = Verification.objects.get(user=staff, role="centre_staff")
    assert verification.status == "approved" and verification.regional_centre == centre
    membership = Membership.objects.get(group=group, user=staff)
    assert membership.role == MembershipRole.MODERATOR and membership.status == MembershipStatus.ACTIVE
    page = client.get(group.get_absolute_url()).content.decode()
    assert "Regional-centre staff" in page  # the badge beside the staff member's name

    # The staff member now moderates: posts a notice, removes a member.
    client.force_login(staff)
    response = client.post(
        f"/en/groups/{group.slug}/notices/", {"title": "Training in Dakar", "body": "Register by **May 1**."}
    )
    assert response.status_code == 302
    assert Notice.objects.get().body_html == "<p>Register by <strong>May 1</strong>.</p>"


@pytest.mark.django_db
def test_the_notice_board_is_for_members_only(client, member):
    moderator = MemberFactory()
    group = GroupFactory(name="E-waste network", members=[member], moderators=[moderator])
    client.force_login(member)
    refused = client.post(f"/en/groups/{group.slug}/notices/", {"title": "Hello", "body": "From a member."})
    assert refused.status_code == 403 and not Notice.objects.exists()

    client.force_login(moderator)
    empty = client.post(f"/en/groups/{group.slug}/notices/", {"title": " ", "body": ""})
    assert empty.status_code == 400 and not Notice.objects.exists()
    client.post(
        f"/en/groups/{group.slug}/notices/",
        {"title": "Call <script>alert(1)</script> on Friday", "body": "Dial in <img src=x onerror=alert(1)> at 10:00"},
    )
    notice = Notice.objects.get()
    for who in (member, moderator):
        client.force_login(who)
        page = client.get(group.get_absolute_url()).content.decode()
        assert "Call &lt;script&gt;alert(1)&lt;/script&gt; on Friday" in page
        # Shown as typed, as text: never an element.
        assert "<img src=x onerror" not in page and "<script>alert" not in page
    for who in (MemberFactory(), None):
        client.logout()
        if who:
            client.force_login(who)
        page = client.get(group.get_absolute_url()).content.decode()
        assert "Notice board" not in page and "on Friday" not in page, who

    client.force_login(member)
    assert (
        client.post(f"/en/groups/{group.slug}/notices/", {"action": "remove", "notice": notice.pk}).status_code == 403
    )
    client.force_login(moderator)
    client.post(f"/en/groups/{group.slug}/notices/", {"action": "remove", "notice": notice.pk})
    assert not Notice.objects.exists()


@pytest.mark.django_db
def test_moderators_remove_members_and_members_cannot(client, member):
    moderator, other = MemberFactory(), MemberFactory()
    group = GroupFactory(
        name="Customs officers", privacy=GroupPrivacy.CLOSED, members=[member, other], moderators=[moderator]
    )
    target = Membership.objects.get(group=group, user=other)
    client.force_login(member)
    refused = client.post(f"/en/groups/{group.slug}/membership/", {"action": "remove", "membership": target.pk})
    assert refused.status_code == 403 and Membership.objects.filter(pk=target.pk).exists()

    client.force_login(moderator)
    page = client.get(group.get_absolute_url()).content.decode()
    assert f'name="membership" value="{target.pk}"' in page  # a Remove button per member
    client.post(f"/en/groups/{group.slug}/membership/", {"action": "remove", "membership": target.pk})
    assert not Membership.objects.filter(pk=target.pk).exists()
    entry = ModerationLogEntry.objects.get(action="remove_member")
    assert entry.member == other and entry.moderator == moderator


@pytest.mark.django_db
def test_members_are_offered_their_countrys_regional_group(client, member):
    kenya = CountryFactory(iso2="KE", iso3="KEN", numeric="404", name="Kenya")
    africa = RegionalGroupFactory(code="AFRICA", name="African States", countries=[kenya])
    group = GroupFactory(name="African States", slug="africa", kind=GroupKind.REGIONAL, regional_group=africa)
    member.profile.country = kenya
    member.profile.save()
    client.force_login(member)
    assert "Join your regional group" in client.get("/en/groups/").content.decode()
    assert "Your country is in this regional group" in client.get("/en/groups/africa/").content.decode()
    client.post("/en/groups/africa/membership/", {"action": "join"})
    assert Membership.objects.get(group=group, user=member).status == MembershipStatus.ACTIVE
    assert "Join your regional group" not in client.get("/en/groups/").content.decode()
    client.force_login(MemberFactory())  # no country: nothing offered
    assert "Join your regional group" not in client.get("/en/groups/").content.decode()


@pytest.mark.django_db
def test_knowledge_shared_with_a_group_is_listed_on_it(client, member, secret):
    open_group = GroupFactory(name="Plastic waste network", members=[member])
    item = BestPracticeFactory(title="Deposit refund for PET bottles")
    item.groups.set([open_group, secret["group"]])
    item.save_revision().publish()
    draft = BestPracticeFactory(title="An unpublished draft practice", live=False)
    draft.groups.set([open_group])
    draft.save_revision()
    page = client.get(open_group.get_absolute_url()).content.decode()
    assert "Deposit refund for PET bottles" in page and "An unpublished draft practice" not in page
    # The item page names the open group, never the private one, to outsiders.
    item_page = client.get(item.url).content.decode()
    assert "Plastic waste network" in item_page and "Bureau drafting team" not in item_page
    client.force_login(secret["insider"])
    assert "Bureau drafting team" in client.get(item.url).content.decode()

    # The share form offers the groups the member belongs to, and only those.
    client.force_login(member)
    form = client.get("/en/knowledge/share/best_practice/").content.decode()
    assert "Plastic waste network" in form and "Bureau drafting team" not in form


@pytest.mark.django_db
def test_xss_in_group_names_and_descriptions_is_inert(client, member):
    group = GroupFactory(
        name="<script>alert('name')</script> Group",
        slug="xss-group",
        description="About <img src=x onerror=alert(1)> us",
        members=[member],
    )
    ask_question(member, title="A discussion in the group", body="Body text here.", group=group)
    client.force_login(member)
    for url in ("/en/groups/", "/en/groups/xss-group/", "/en/forum/", "/en/forum/?group=xss-group"):
        html = client.get(url).content.decode()
        assert "<script>alert('name')" not in html and "<img src=x" not in html, url
        assert "&lt;script&gt;alert(&#x27;name&#x27;)&lt;/script&gt; Group" in html, url


@pytest.mark.django_db
def test_a_private_groups_discussions_leak_through_no_filter_count_or_tool(client, secret, member):
    question, group = secret["question"], secret["group"]
    question.tags.set(["bureau-secret"])
    question.thematic_areas.set([1])
    client.force_login(member)
    for url in (
        f"/en/forum/?group={group.slug}",
        "/en/forum/?tag=bureau-secret",
        f"/en/forum/?topic={question.thematic_areas.get().slug}",
    ):
        html = client.get(url).content.decode()
        assert "Draft agenda" not in html and "Bureau drafting team" not in html, url
    # The categories count only what the person may read.
    assert (
        f"?view=latest&amp;topic={question.thematic_areas.get().slug}" not in client.get("/en/forum/").content.decode()
    )
    for url in (
        f"/en/forum/question/{question.pk}/edit/",
        f"/en/forum/question/{question.pk}/history/",
    ):
        assert client.get(url).status_code == 404, url
    for url in (f"/en/groups/{group.slug}/notices/", f"/en/groups/{group.slug}/staff/"):
        assert client.post(url, {"title": "x", "body": "y", "member": member.handle}).status_code == 404, url
    assert not Notice.objects.exists()


@pytest.mark.django_db
def test_editing_a_draft_keeps_groups_the_member_cannot_choose(member):
    from knowledge.services import ITEM_TYPES_BY_KEY, save_submission

    mine = GroupFactory(name="Plastic waste network", members=[member])
    theirs = GroupFactory(name="Customs officers", privacy=GroupPrivacy.CLOSED, members=[MemberFactory()])
    item_type = ITEM_TYPES_BY_KEY["best_practice"]
    data = share_data()
    from knowledge.forms import ShareForm

    form = ShareForm({**data, "groups": [mine.pk]}, item_type=item_type, user=member)
    assert form.is_valid(), form.errors
    page = save_submission(member, item_type, dict(form.cleaned_data), markdown_fields=form.markdown_fields)
    page.groups.add(theirs)  # an editor adds a group in the admin
    form = ShareForm({**data, "groups": []}, item_type=item_type, user=member)
    assert form.is_valid(), form.errors
    save_submission(member, item_type, dict(form.cleaned_data), markdown_fields=form.markdown_fields, page=page)
    assert set(page.groups.all()) == {theirs}  # the member took their group off; the editor's stays


@pytest.mark.django_db
def test_a_private_regional_group_is_never_offered(client, member):
    kenya = CountryFactory(iso2="KE", iso3="KEN", numeric="404", name="Kenya")
    africa = RegionalGroupFactory(code="AFRICA", name="African States", countries=[kenya])
    GroupFactory(
        name="Secret African caucus", slug="caucus", kind=GroupKind.REGIONAL, regional_group=africa, privacy="private"
    )
    member.profile.country = kenya
    member.profile.save()
    client.force_login(member)
    page = client.get("/en/groups/").content.decode()
    assert "Secret African caucus" not in page and "Join your regional group" not in page


@pytest.mark.django_db
def test_ids_that_are_not_numbers_are_404_not_500(client, member):
    moderator = MemberFactory()
    group = GroupFactory(name="Customs officers", members=[member], moderators=[moderator])
    client.force_login(moderator)
    for action, field in (("remove", "notice"), ("remove", "membership")):
        url = f"/en/groups/{group.slug}/{'notices' if field == 'notice' else 'membership'}/"
        assert client.post(url, {"action": action, field: "abc"}).status_code == 404, field
    question = ask_question(member, title="A question to merge somewhere", body="Details of it.")
    client.force_login(with_totp(EditorFactory()))
    response = client.post(f"/en/forum/questions/{question.pk}/moderate/", {"action": "merge", "into": "abc"})
    assert response.status_code == 404


@pytest.mark.django_db
def test_the_groups_list_comes_in_pages_and_by_kind(client, django_assert_max_num_queries):
    GroupFactory.create_batch(GROUPS_PER_PAGE + 2, kind=GroupKind.THEMATIC)
    GroupFactory(kind=GroupKind.CENTRE, name="BCRC-SCRC Senegal")
    GroupFactory(kind=GroupKind.THEMATIC, privacy=GroupPrivacy.PRIVATE, name="Bureau drafting team")
    first = html(client.get("/en/groups/"))
    assert len(first.select(".card h3")) == GROUPS_PER_PAGE
    assert first.select_one("a[rel=next]")["href"] == "?page=2"
    second = html(client.get("/en/groups/", {"page": 2}))
    names = [each.get_text(strip=True) for each in second.select(".card h3")]
    assert len(names) == 3  # 27 groups that anyone may see, the private one left out
    assert "Bureau drafting team" not in names
    centres = html(client.get("/en/groups/", {"kind": GroupKind.CENTRE}))
    assert [each.get_text(strip=True) for each in centres.select(".card h3")] == ["BCRC-SCRC Senegal"]
    assert centres.select_one('nav[aria-label="Kinds of group"] [aria-current=page]').get_text(strip=True) == (
        "Regional centre"
    )
    with django_assert_max_num_queries(8):
        client.get("/en/groups/", {"page": 2})
