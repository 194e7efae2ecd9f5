"""The forums and groups. Tests about posting use community.services
(ask_question, post_answer), which apply the trust rules and raise events;
these make the rows directly, for tests about what is shown of them."""

import datetime

import factory
from django.utils import timezone
from django.utils.text import slugify

from community.constants import (
    FlagReason,
    GroupPrivacy,
    MembershipRole,
    MembershipStatus,
    ModerationAction,
    SanctionKind,
)
from community.models import (
    Answer,
    Flag,
    Group,
    Membership,
    ModerationLogEntry,
    Notice,
    Question,
    Revision,
    Sanction,
    Vote,
)
from core.markup import render_markdown
from tests.conventions.factories import instruments, thematic_areas
from tests.profiles.factories import EditorFactory, MemberFactory


class GroupFactory(factory.django.DjangoModelFactory):
    """An open thematic group. members=[...] join it, moderators=[...]
    moderate it: GroupFactory(name="Bureau", privacy=GroupPrivacy.PRIVATE, members=[amina])."""

    class Meta:
        model = Group
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Working group {n}")
    slug = factory.LazyAttribute(lambda group: slugify(group.name))
    privacy = GroupPrivacy.OPEN

    @factory.post_generation
    def members(group, create, extracted, **kwargs):
        for user in extracted or ():
            MembershipFactory(group=group, user=user)

    @factory.post_generation
    def moderators(group, create, extracted, **kwargs):
        for user in extracted or ():
            MembershipFactory(group=group, user=user, role=MembershipRole.MODERATOR)


class MembershipFactory(factory.django.DjangoModelFactory):
    """An active member of a group (status=MembershipStatus.REQUESTED for a request)."""

    class Meta:
        model = Membership

    group = factory.SubFactory(GroupFactory)
    user = factory.SubFactory(MemberFactory)
    status = MembershipStatus.ACTIVE
    role = MembershipRole.MEMBER


class NoticeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Notice

    group = factory.SubFactory(GroupFactory)
    title = factory.Sequence(lambda n: f"Notice {n}")
    body_markdown = "The next call is on **Monday**."
    body_html = factory.LazyAttribute(lambda notice: render_markdown(notice.body_markdown))
    author = factory.SubFactory(MemberFactory)


class QuestionFactory(factory.django.DjangoModelFactory):
    """A visible question. Unlike ask_question it raises no event and leaves
    the author's trust and rate limits alone; topics=["pcbs"] and
    conventions=["BC"] tag it."""

    class Meta:
        model = Question
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"How do you keep a PCB inventory current? ({n})")
    body_markdown = "We surveyed every transformer once."
    body_html = factory.LazyAttribute(lambda question: render_markdown(question.body_markdown))
    author = factory.SubFactory(MemberFactory)

    @factory.post_generation
    def topics(question, create, extracted, **kwargs):
        if create and extracted:
            question.thematic_areas.set(thematic_areas(extracted))

    @factory.post_generation
    def conventions(question, create, extracted, **kwargs):
        if create and extracted:
            question.conventions.set(instruments(extracted))


class AnswerFactory(factory.django.DjangoModelFactory):
    """A visible answer. The question's answer_count is post_answer's to keep."""

    class Meta:
        model = Answer

    question = factory.SubFactory(QuestionFactory)
    body_markdown = "We re-test each transformer when it is serviced."
    body_html = factory.LazyAttribute(lambda answer: render_markdown(answer.body_markdown))
    author = factory.SubFactory(MemberFactory)


class RevisionFactory(factory.django.DjangoModelFactory):
    """A version of a question (answer=... and question=None for an answer's)."""

    class Meta:
        model = Revision

    question = factory.SubFactory(QuestionFactory)
    title = factory.LazyAttribute(lambda revision: revision.question.title if revision.question else "")
    body_markdown = "The first version."
    body_html = factory.LazyAttribute(lambda revision: render_markdown(revision.body_markdown))
    editor = factory.SubFactory(MemberFactory)
    created_at = factory.LazyFunction(timezone.now)


class VoteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Vote

    answer = factory.SubFactory(AnswerFactory)
    voter = factory.SubFactory(MemberFactory)


class FlagFactory(factory.django.DjangoModelFactory):
    """A flag on a question (answer=... and question=None for an answer)."""

    class Meta:
        model = Flag

    question = factory.SubFactory(QuestionFactory)
    flagger = factory.SubFactory(MemberFactory)
    reason = FlagReason.SPAM


class ModerationLogEntryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ModerationLogEntry

    question = factory.SubFactory(QuestionFactory)
    action = ModerationAction.LOCK
    moderator = factory.SubFactory(EditorFactory)


class SanctionFactory(factory.django.DjangoModelFactory):
    """A member silenced for a week. sanction_member also logs it and tells them."""

    class Meta:
        model = Sanction

    user = factory.SubFactory(MemberFactory)
    kind = SanctionKind.SILENCE
    until = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=7))
    reason = "Repeated advertising."
    decided_by = factory.SubFactory(EditorFactory)
