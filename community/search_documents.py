"""The forum in the one search (core.indexing): visible questions with their
visible answers, and groups; rows of a private group are for its members,
by the rule of community.managers. Registered in CommunityConfig.ready()."""

from django.db.models import Prefetch

from conventions.search_documents import places
from core.indexing import (
    Batch,
    Document,
    Facet,
    IndexSource,
    Kind,
    Related,
    join,
    neutral_path,
    plain,
    register_audience,
    register_source,
)

from .constants import GroupPrivacy, MembershipStatus, PostStatus
from .managers import is_forum_editor
from .models import Answer, Group, Membership, Question


def _questions():
    return (
        Question.objects.filter(status=PostStatus.VISIBLE)
        .select_related("group")
        .prefetch_related(
            "thematic_areas",
            "conventions",
            "countries",
            "tags",
            Prefetch("answers", queryset=Answer.objects.filter(status=PostStatus.VISIBLE), to_attr="visible_answers"),
        )
    )


def _question_indexable(question) -> bool:
    return question.status == PostStatus.VISIBLE


def _question_documents(question, batch: Batch) -> list[Document]:
    answers = getattr(question, "visible_answers", None)
    if answers is None:
        answers = list(question.answers.filter(status=PostStatus.VISIBLE))
    private = question.group_id and question.group.privacy == GroupPrivacy.PRIVATE
    document = Document(
        kind=Kind.QUESTION,
        title=question.title,
        url=neutral_path("community:question_short", pk=question.pk),
        # Indexed with its language's stemmer; a post from before posts had
        # a language counts as written in every language.
        language=question.language or "",
        keywords=" ".join(tag.name for tag in question.tags.all()),
        body=join(plain(question.body_html), *(plain(answer.body_html) for answer in answers)),
        date=question.created_at.date(),
        metadata={"answers": len(answers), "accepted": bool(question.accepted_answer_id)},
        private_group_id=question.group_id if private else None,
    )
    document.add_conventions(instrument.code for instrument in question.conventions.all())
    document.add_topics(question.thematic_areas.all())
    places(document, question.countries.all(), batch)
    document.add(Facet.YEAR, [document.date.year])
    return [document]


def _group_documents(group, batch: Batch) -> list[Document]:
    document = Document(
        kind=Kind.GROUP,
        title=group.name,
        url=neutral_path("community:group", slug=group.slug),
        body=group.description,
        metadata={"privacy": group.privacy},
        private_group_id=group.pk if group.privacy == GroupPrivacy.PRIVATE else None,
    )
    if group.regional_group_id:
        document.add(Facet.REGION, [group.regional_group.code])
    return [document]


def _private_groups_of(user):
    """The private groups whose discussions `user` reads: those they are an active member of."""
    return Membership.objects.filter(
        user=user, status=MembershipStatus.ACTIVE, group__privacy=GroupPrivacy.PRIVATE
    ).values_list("group_id", flat=True)


def register() -> None:
    register_source(
        IndexSource(
            "question",
            "community.Question",
            _questions,
            _question_documents,
            indexable=_question_indexable,
            related=[
                # A hidden or removed answer's text leaves the question's row at once.
                Related("community.Answer", "question_id", leaves=lambda answer: answer.status != PostStatus.VISIBLE),
                Related("community.QuestionTag", "content_object_id"),
            ],
            relations=["thematic_areas", "conventions", "countries"],
        )
    )
    register_source(
        IndexSource(
            "group",
            "community.Group",
            lambda: Group.objects.select_related("regional_group"),
            _group_documents,
            dependents=lambda group: {
                "question": Question.objects.filter(group_id=group.pk).values_list("pk", flat=True)
            },
            private_audience=lambda group: group.pk if group.privacy == GroupPrivacy.PRIVATE else None,
        )
    )
    register_audience(reads_everything=is_forum_editor, private_groups_of=_private_groups_of)
