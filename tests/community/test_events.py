"""Who is told what: experts on a question's topics, mentioned members, the
asker and the answerer; never someone outside a private group; once each."""

from datetime import timedelta

import pytest
from django.utils import timezone

from community.constants import GroupPrivacy, PostStatus
from community.models import Question
from community.services import accept_answer, ask_question, moderate, post_answer
from conventions.models import ThematicArea
from profiles.constants import VerificationStatus
from subscriptions.models import Delivery
from subscriptions.tasks import deliver_event
from tests.community.factories import GroupFactory, MembershipFactory
from tests.mfa import with_totp
from tests.profiles.factories import EditorFactory, MemberFactory, VerificationFactory


def expert_on(*slugs):
    return VerificationFactory(topics=slugs).user


def topics(*slugs):
    return ThematicArea.objects.filter(slug__in=slugs, locale__language_code="en")


def told(user, verb=None):
    notices = user.notifications.all()
    return [n.description for n in (notices.filter(verb=verb) if verb else notices)]


@pytest.mark.django_db
def test_experts_on_the_topics_are_told_of_a_new_question(member, django_capture_on_commit_callbacks):
    pcb_expert, ewaste_expert = expert_on("pcbs"), expert_on("e-waste")
    pending = MemberFactory()
    VerificationFactory(user=pending, status=VerificationStatus.PENDING)
    with django_capture_on_commit_callbacks(execute=True):
        question = ask_question(
            member, title="How do you keep a PCB inventory current?", body="Details.", thematic_areas=topics("pcbs")
        )
    assert told(pcb_expert, "question.published") == ["New question: How do you keep a PCB inventory current?"]
    notice = pcb_expert.notifications.get()
    assert notice.target == question and notice.actor == member
    assert told(ewaste_expert) == [] and told(pending) == [] and told(member) == []


@pytest.mark.django_db
def test_a_held_question_reaches_experts_only_once_approved(member, settings, django_capture_on_commit_callbacks):
    settings.FORUM_NEW_MEMBER_HELD_POSTS = 2
    expert = expert_on("pcbs")
    with django_capture_on_commit_callbacks(execute=True):
        question = ask_question(
            member, title="A newcomer asks on PCBs", body="Details.", thematic_areas=topics("pcbs")
        )
    assert question.status == PostStatus.HELD and told(expert) == []
    with django_capture_on_commit_callbacks(execute=True):
        moderate(with_totp(EditorFactory()), question, action="approve")
    assert told(expert, "question.published") == ["New question: A newcomer asks on PCBs"]


@pytest.mark.django_db
def test_private_group_questions_reach_only_its_members(member, django_capture_on_commit_callbacks):
    outsider_expert, insider_expert = expert_on("pcbs"), expert_on("pcbs")
    group = GroupFactory(name="Bureau", privacy=GroupPrivacy.PRIVATE, members=[member, insider_expert])
    with django_capture_on_commit_callbacks(execute=True):
        ask_question(
            member,
            title="Confidential: PCB figures for the bureau",
            body=f"Can you check these, @{insider_expert.handle} and @{outsider_expert.handle}?",
            thematic_areas=topics("pcbs"),
            group=group,
        )
    assert told(outsider_expert) == []
    assert sorted(n.verb for n in insider_expert.notifications.all()) == ["mention", "question.published"]


@pytest.mark.django_db
def test_mentions_link_the_profile_and_tell_the_member_once(client, member, django_capture_on_commit_callbacks):
    colleague = MemberFactory(handle="amina-diallo")
    question = ask_question(MemberFactory(), title="Who runs e-waste take-back?", body="Details of it.")
    body = "Ask @amina-diallo, she set it up. Not @nobody-here, nor me@example.org."
    with django_capture_on_commit_callbacks(execute=True):
        answer = post_answer(member, question, body=body)
    assert '<a href="/people/amina-diallo/" rel="noopener noreferrer nofollow">@amina-diallo</a>' in answer.body_html
    assert "@nobody-here" in answer.body_html and "/people/nobody-here/" not in answer.body_html
    assert "/people/example.org/" not in answer.body_html
    assert told(colleague, "mention") == [f"{member} mentioned you in “Who runs e-waste take-back?”"]
    # The link works for readers in any language.
    assert client.get("/people/amina-diallo/").status_code == 302
    # Running the delivery again (a retried task) tells nobody twice.
    delivery = Delivery.objects.get(recipient=colleague)
    again = deliver_event("mention", delivery.key, None, None, [colleague.pk], "again")
    assert again == 0 and colleague.notifications.count() == 1


@pytest.mark.django_db
def test_the_asker_hears_of_answers_and_the_answerer_of_acceptance(member, django_capture_on_commit_callbacks):
    answerer = MemberFactory()
    question = ask_question(member, title="How do you inspect recyclers?", body="Details of it.")
    with django_capture_on_commit_callbacks(execute=True):
        answer = post_answer(answerer, question, body="Unannounced visits twice a year.")
    assert told(member, "answer.posted") == ["New answer to “How do you inspect recyclers?”"]
    with django_capture_on_commit_callbacks(execute=True):
        accept_answer(member, answer)
    assert told(answerer, "answer.accepted") == ["Your answer was accepted: How do you inspect recyclers?"]


@pytest.mark.django_db
def test_editors_see_questions_unanswered_after_seven_days(client, member, settings):
    settings.FORUM_UNANSWERED_AFTER_DAYS = 7
    old = ask_question(member, title="An old question nobody answered", body="Details of it.")
    recent = ask_question(member, title="A recent question nobody answered yet", body="Details of it.")
    answered = ask_question(member, title="An old question with an answer", body="Details of it.")
    post_answer(MemberFactory(), answered, body="Here is how we did it.")
    Question.objects.filter(pk__in=[old.pk, answered.pk]).update(created_at=timezone.now() - timedelta(days=8))
    client.force_login(member)
    assert client.get("/admin/forum-moderation/?queue=unanswered").status_code in (302, 403)
    client.force_login(with_totp(EditorFactory()))
    page = client.get("/admin/forum-moderation/?queue=unanswered").content.decode()
    assert "An old question nobody answered" in page
    assert recent.title not in page and answered.title not in page


@pytest.mark.django_db
def test_members_who_left_a_private_group_hear_nothing_more_of_it(member, django_capture_on_commit_callbacks):
    from community.services import leave_group

    answerer = MemberFactory()
    group = GroupFactory(name="Bureau", privacy=GroupPrivacy.PRIVATE, members=[member, answerer])
    question = ask_question(member, title="Confidential: bureau figures", body="Details of it.", group=group)
    answer = post_answer(answerer, question, body="A first answer from inside.")
    leave_group(member, group)
    with django_capture_on_commit_callbacks(execute=True):
        post_answer(answerer, question, body="Another answer after the asker left.")
    assert told(member) == []
    MembershipFactory(group=group, user=member)
    leave_group(answerer, group)
    with django_capture_on_commit_callbacks(execute=True):
        accept_answer(member, answer)
    assert told(answerer) == []


@pytest.mark.django_db
def test_nobody_is_told_of_a_question_they_cannot_read(member, settings, django_capture_on_commit_callbacks):
    from community.services import ForumError

    settings.FORUM_TRUSTED_AFTER_POSTS = 10
    colleague = MemberFactory(handle="bob-ndlovu")
    question = ask_question(member, title="A question that goes back to review", body="Details of it.")
    Question.objects.filter(pk=question.pk).update(status=PostStatus.HELD)
    with pytest.raises(ForumError, match="Answers open once the question is published."):
        post_answer(member, question, body="Answering my own held question, @bob-ndlovu.")
    assert told(colleague) == [] and question.answers.count() == 0


@pytest.mark.django_db
def test_the_author_hears_their_post_awaits_review(member, settings, django_capture_on_commit_callbacks):
    settings.FORUM_NEW_MEMBER_HELD_POSTS = 2
    with django_capture_on_commit_callbacks(execute=True):
        question = ask_question(member, title="A newcomer asks on PCBs", body="Details.")
    assert question.status == PostStatus.HELD
    assert told(member, "moderation.held") == [
        "Your question “A newcomer asks on PCBs” is awaiting review by the secretariat; others will see it "
        "once it is approved. You will hear when it is."
    ]
