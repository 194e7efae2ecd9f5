"""Events reach followers and addressed members on the channels they chose,
once each; emails carry the unsubscribe headers; the one-click unsubscribe."""

import pytest
from django.core import mail, signing

from community.constants import GroupPrivacy
from community.services import ask_question, post_answer
from conventions.models import ThematicArea
from core.email import UNSUBSCRIBE_SALT, unsubscribe_token
from profiles.constants import VerificationStatus
from subscriptions.constants import EmailStatus, FollowKind
from subscriptions.emails import read_unsubscribe_token
from subscriptions.models import DigestItem, Preferences
from subscriptions.tasks import deliver_event
from tests.community.factories import GroupFactory
from tests.profiles.factories import MemberFactory, VerificationFactory
from tests.subscriptions.factories import FollowFactory, PreferencesFactory

pytestmark = pytest.mark.usefixtures("established_members")


def pcbs():
    return ThematicArea.objects.filter(slug="pcbs", locale__language_code="en")


@pytest.mark.django_db
def test_followers_hear_of_a_new_question_in_app_and_in_their_digest(member, django_capture_on_commit_callbacks):
    topic_follower, tag_follower, other = MemberFactory(), MemberFactory(), MemberFactory()
    FollowFactory(user=topic_follower, kind=FollowKind.TOPIC, key="pcbs")
    FollowFactory(user=tag_follower, kind=FollowKind.TAG, key="transformers")
    FollowFactory(user=other, kind=FollowKind.TOPIC, key="e-waste")
    with django_capture_on_commit_callbacks(execute=True):
        question = ask_question(
            member, title="How do you label PCB transformers?", body="Ours fade.", thematic_areas=pcbs(),
            tags=["transformers"],
        )  # fmt: skip
    for follower, (kind, key) in ((topic_follower, ("topic", "pcbs")), (tag_follower, ("tag", "transformers"))):
        assert follower.notifications.get().description == "New question: How do you label PCB transformers?"
        item = DigestItem.objects.get(user=follower)
        assert (item.follow_kind, item.follow_key) == (kind, key)
        assert item.url == question.get_absolute_url() and item.summary == "Ours fade."
    assert not other.notifications.exists() and not DigestItem.objects.filter(user=other).exists()
    assert not member.notifications.exists()  # nobody hears of their own post
    assert mail.outbox == []  # followed things go to the digest, not at once


@pytest.mark.django_db
def test_the_asker_gets_an_email_at_once_with_unsubscribe_headers(member, django_capture_on_commit_callbacks):
    question = ask_question(member, title="How do you inspect recyclers?", body="Details of it.")
    with django_capture_on_commit_callbacks(execute=True):
        post_answer(MemberFactory(), question, body="Unannounced visits twice a year.")
    (message,) = mail.outbox
    assert message.to == [member.email]
    assert message.subject == "[BRS Hub] New answer to “How do you inspect recyclers?”"
    link, mailto = message.extra_headers["List-Unsubscribe"].split(", ")
    assert link.startswith("<http://testserver/unsubscribe/") and mailto.startswith("<mailto:")
    token_url = link.strip("<>")
    assert read_unsubscribe_token(token_url.rstrip("/").rsplit("/", 1)[1]) == member
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    html = message.alternatives[0][0]
    # The link opens the page of the question that shows the answer, at the answer.
    answer = question.answers.get()
    assert answer.get_absolute_url() == f"/en/forum/answers/{answer.pk}/"
    assert answer.get_absolute_url() in html and token_url in html and "/en/account/subscriptions/" in html
    assert token_url in message.body


@pytest.mark.django_db
def test_choices_are_respected_and_nothing_is_delivered_twice(member, django_capture_on_commit_callbacks):
    PreferencesFactory(user=member, channels={"answer.posted": {"in_app": False, "email": "off"}})
    question = ask_question(member, title="How do you inspect recyclers?", body="Details of it.")
    with django_capture_on_commit_callbacks(execute=True):
        post_answer(MemberFactory(), question, body="Unannounced visits twice a year.")
    assert mail.outbox == [] and not member.notifications.exists()

    fan = MemberFactory()
    FollowFactory(user=fan, kind=FollowKind.QUESTION, key=str(question.pk))
    args = ("answer.posted", "answer:test:posted", None, None, [], "A new answer")
    # asking and answering followed the question: asker, answerer and the fan
    assert deliver_event(*args, follows=[["question", str(question.pk)]]) == 3
    assert deliver_event(*args, follows=[["question", str(question.pk)]]) == 0  # a redelivered task
    assert fan.notifications.count() == 1 and DigestItem.objects.filter(user=fan).count() == 1


@pytest.mark.django_db
def test_followers_outside_a_private_group_hear_nothing(member, django_capture_on_commit_callbacks):
    insider, outsider = MemberFactory(), MemberFactory()
    group = GroupFactory(name="Bureau", privacy=GroupPrivacy.PRIVATE, members=[member, insider])
    for user in (insider, outsider):
        FollowFactory(user=user, kind=FollowKind.TOPIC, key="pcbs")
        FollowFactory(user=user, kind=FollowKind.MEMBER, key=str(member.pk))
    with django_capture_on_commit_callbacks(execute=True):
        ask_question(member, title="Bureau: PCB figures", body="Confidential.", thematic_areas=pcbs(), group=group)
    assert insider.notifications.count() == 1
    assert not outsider.notifications.exists() and not DigestItem.objects.filter(user=outsider).exists()


@pytest.mark.django_db
def test_one_click_unsubscribe_without_signing_in(client, member):
    url = f"/unsubscribe/{unsubscribe_token(member)}/"
    confirm = client.get(url)
    assert confirm.status_code == 200 and member.email in confirm.content.decode()
    assert not Preferences.objects.filter(user=member).exists()  # GET changes nothing
    done = client.post(url, {"List-Unsubscribe": "One-Click"})  # as a mail provider posts it (RFC 8058)
    assert done.status_code == 200 and "You are unsubscribed" in done.content.decode()
    assert Preferences.objects.get(user=member).email_status == EmailStatus.UNSUBSCRIBED


@pytest.mark.django_db
def test_tampered_expired_or_foreign_tokens_are_refused(client, member, settings):
    other = MemberFactory()
    tampered = unsubscribe_token(member)[:-2] + "xx"
    forged = signing.dumps({"u": other.pk}, salt="another purpose", compress=True)
    for token in (tampered, forged, "nonsense"):
        response = client.post(f"/unsubscribe/{token}/")
        assert response.status_code == 400 and "This link does not work" in response.content.decode()
    settings.UNSUBSCRIBE_TOKEN_MAX_AGE = -1  # every token has expired
    assert client.post(f"/unsubscribe/{unsubscribe_token(member)}/").status_code == 400
    assert not Preferences.objects.exists()
    assert signing.loads(unsubscribe_token(other), salt=UNSUBSCRIBE_SALT)["u"] == other.pk


@pytest.mark.django_db
def test_no_email_to_an_address_that_bounces(member, django_capture_on_commit_callbacks):
    PreferencesFactory(user=member, email_status=EmailStatus.BOUNCING)
    question = ask_question(member, title="How do you inspect recyclers?", body="Details of it.")
    with django_capture_on_commit_callbacks(execute=True):
        post_answer(MemberFactory(), question, body="Unannounced visits twice a year.")
    assert mail.outbox == [] and member.notifications.count() == 1  # in-app still works


@pytest.mark.django_db
def test_followers_hear_of_a_published_knowledge_item_once(member, django_capture_on_commit_callbacks):
    from tests.knowledge.factories import BestPracticeFactory

    topic_fan, type_fan, insider, outsider = (MemberFactory() for _ in range(4))
    FollowFactory(user=topic_fan, kind=FollowKind.TOPIC, key="e-waste")
    FollowFactory(user=type_fan, kind=FollowKind.KNOWLEDGE_TYPE, key="best_practice")
    secret = GroupFactory(name="Bureau", privacy=GroupPrivacy.PRIVATE, members=[insider])
    for user in (insider, outsider):
        FollowFactory(user=user, kind=FollowKind.GROUP, key="bureau")
    with django_capture_on_commit_callbacks(execute=True):
        item = BestPracticeFactory(title="Deposit refund for phones", live=False, topics=["e-waste"])
        item.groups.set([secret])
        item.save_revision().publish()
    for fan in (topic_fan, type_fan, insider):
        assert fan.notifications.get().description == "New in the knowledge base: Deposit refund for phones", fan
        assert DigestItem.objects.get(user=fan).url == item.url
    assert not outsider.notifications.exists() and not DigestItem.objects.filter(user=outsider).exists()
    with django_capture_on_commit_callbacks(execute=True):
        item.save_revision().publish()  # republishing tells nobody again
    assert topic_fan.notifications.count() == 1


@pytest.mark.django_db
def test_verification_decisions_follow_the_members_choice(editor, django_capture_on_commit_callbacks):
    from profiles.services import decide_verification

    quiet, usual = MemberFactory(), MemberFactory()
    PreferencesFactory(user=quiet, channels={"verification": {"in_app": False, "email": "digest"}})
    for member in (quiet, usual):
        request = VerificationFactory(user=member, status=VerificationStatus.PENDING, topics=["pcbs"])
        with django_capture_on_commit_callbacks(execute=True):
            decide_verification(request, editor=editor, approve=True)
    assert [message.to for message in mail.outbox] == [[usual.email]]
    assert usual.notifications.count() == 1 and not quiet.notifications.exists()
    assert DigestItem.objects.get(user=quiet).kind == "verification"


@pytest.mark.django_db
def test_submission_outcomes_follow_the_members_choice(member):
    from knowledge.tasks import notify_submission_outcome
    from tests.knowledge.factories import BestPracticeFactory

    PreferencesFactory(user=member, channels={"submission.outcome": {"in_app": True, "email": "off"}})
    page = BestPracticeFactory(title="Deposit refund for phones", submitter=member)
    notify_submission_outcome(page.pk, "published", "test-1")
    assert mail.outbox == []
    assert member.notifications.get().description == "Your submission “Deposit refund for phones” is published"


@pytest.mark.django_db
def test_digest_excerpts_are_plain_text_not_markdown(member, django_capture_on_commit_callbacks):
    follower = MemberFactory()
    FollowFactory(user=follower, kind=FollowKind.TOPIC, key="pcbs")
    with django_capture_on_commit_callbacks(execute=True):
        ask_question(
            member,
            title="Which code for PCB capacitors?",
            body="Is it **A3180** or _A1180_?\n\n- one\n- two &amp; three\n\nSee [the list](https://example.org/list).",
            thematic_areas=pcbs(),
        )
    summary = DigestItem.objects.get(user=follower).summary
    assert summary == "Is it A3180 or A1180? one two & three See the list."
