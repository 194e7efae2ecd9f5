from django.db import models
from django.db.models import Exists, OuterRef, Q, Subquery

from .constants import GroupPrivacy, MembershipStatus, ModerationAction, PostStatus


def is_forum_editor(user) -> bool:
    """Editors moderate the forums: they see held, hidden and private content."""
    return user.is_authenticated and user.has_perm("community.change_question")


def _active_member_of(user, group_ref: str, statuses=(MembershipStatus.ACTIVE,)):
    """Exists: the user is a member (in one of `statuses`) of the group in `group_ref`."""
    from .models import Membership

    return Exists(Membership.objects.filter(group=OuterRef(group_ref), user=user.pk, status__in=statuses))


class GroupQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Private groups exist only for their members (and editors): not in
        listings, search, counts, feeds or by URL."""
        if is_forum_editor(user):
            return self
        if not user.is_authenticated:
            return self.exclude(privacy=GroupPrivacy.PRIVATE)
        # Someone invited sees the group, to accept; its discussions stay closed to them.
        invited_or_member = (MembershipStatus.ACTIVE, MembershipStatus.INVITED)
        return self.filter(~Q(privacy=GroupPrivacy.PRIVATE) | _active_member_of(user, "pk", invited_or_member))


def _readable(user) -> Q:
    """Posts a member who is not an editor may read: visible ones, and
    their own held ones (they see "awaiting review")."""
    visible = Q(status=PostStatus.VISIBLE)
    if user.is_authenticated:
        visible |= Q(author=user, status=PostStatus.HELD)
    return visible


def shows_text_to(user, post) -> bool:
    """Whether a post that a page lists (see on_page_for) shows this person
    its text, or only a line saying why it was taken down: a post hidden by
    flags keeps its text for its author and the editors; a removed one for
    nobody (the editors have the moderation queue)."""
    if post.status == PostStatus.DELETED:
        return False
    if post.status == PostStatus.HIDDEN:
        return is_forum_editor(user) or (user.is_authenticated and post.author_id == user.pk)
    return True


class QuestionQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The one rule for every listing, page and count: visible questions,
        plus the person's own held ones (they see "awaiting review"), never a
        private group's questions for someone outside it."""
        if is_forum_editor(user):
            return self.exclude(status=PostStatus.DELETED)
        return self.filter(_readable(user)).filter(self._in_reach(user))

    def on_page_for(self, user):
        """What a question's own page may show this person: the questions
        visible_to gives, and one hidden by members' flags, whose page keeps
        a line saying so (its text only for its author and the editors; see
        shows_text_to). Lists, search and counts use visible_to."""
        if is_forum_editor(user):
            return self.visible_to(user)
        return self.filter(_readable(user) | Q(status=PostStatus.HIDDEN)).filter(self._in_reach(user))

    @staticmethod
    def _in_reach(user) -> Q:
        """Never a private group's questions for someone outside it."""
        in_reach = Q(group__isnull=True) | ~Q(group__privacy=GroupPrivacy.PRIVATE)
        if user.is_authenticated:
            in_reach |= _active_member_of(user, "group")
        return in_reach

    def unanswered(self):
        return self.filter(answer_count=0)

    def for_list(self):
        return self.select_related("author__profile", "group").prefetch_related("thematic_areas", "tags")


def readers_of(question) -> Q:
    """The rule of QuestionQuerySet.visible_to seen from the other side: a Q
    on users for the members who may read `question` (not counting editors).
    Nobody while it is not published; only its members for a private group."""
    if question.status != PostStatus.VISIBLE:
        return Q(pk__in=[])
    if question.group_id and question.group.privacy == GroupPrivacy.PRIVATE:
        return Q(group_memberships__group=question.group_id, group_memberships__status=MembershipStatus.ACTIVE)
    return Q()


def unreadable_posts(posts: dict[int, list[tuple[int, str, int]]]) -> set[int]:
    """The rule of readers_of for a batch: of the (id, "question" | "answer",
    post id) each member (by id) was told about, the ids of those they may no
    longer read: deleted or hidden since, or in a private group they left.
    Three queries: posts, their questions and the memberships of private groups."""
    from .models import Answer, Membership, Question

    about = {ref: (kind, pk) for refs in posts.values() for ref, kind, pk in refs}
    if not about:
        return set()
    answer_ids = {pk for kind, pk in about.values() if kind == "answer"}
    answers = {
        pk: (question_id, status)
        for pk, question_id, status in Answer.objects.filter(pk__in=answer_ids).values_list(
            "pk", "question_id", "status"
        )
    }
    question_ids = {pk for kind, pk in about.values() if kind == "question"} | {
        question_id for question_id, _status in answers.values()
    }
    questions = {
        pk: (status, group_id if privacy == GroupPrivacy.PRIVATE else None)
        for pk, status, group_id, privacy in Question.objects.filter(pk__in=question_ids).values_list(
            "pk", "status", "group_id", "group__privacy"
        )
    }
    private_groups = {group_id for _status, group_id in questions.values() if group_id}
    memberships = set()
    if private_groups:
        memberships = set(
            Membership.objects.filter(
                group_id__in=private_groups, user_id__in=list(posts), status=MembershipStatus.ACTIVE
            ).values_list("user_id", "group_id")
        )

    def readable(user_id: int, kind: str, pk: int) -> bool:
        if kind == "answer":
            if pk not in answers or answers[pk][1] != PostStatus.VISIBLE:
                return False
            pk = answers[pk][0]
        if pk not in questions:
            return False
        status, private_group = questions[pk]
        return status == PostStatus.VISIBLE and (private_group is None or (user_id, private_group) in memberships)

    return {ref for user_id, refs in posts.items() for ref, kind, pk in refs if not readable(user_id, kind, pk)}


class AnswerQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Visible answers (and one's own held ones) to questions the person may see."""
        from .models import Question

        if is_forum_editor(user):
            return self.exclude(status=PostStatus.DELETED)
        return self.filter(_readable(user)).filter(question__in=Question.objects.visible_to(user))

    def on_page_for(self, user):
        """The answers a question's page lists for this person: those
        visible_to gives and, in their place, those taken down (hidden by
        members' flags, or removed by an editor who gave a reason): the page
        keeps a line saying why, as Discourse does (shows_text_to says who
        still reads the text). `removal_reason` carries the editor's reason."""
        from .models import ModerationLogEntry, Question

        # The reason of the latest removal only: an answer restored, then removed
        # again without a reason, must not show the earlier one.
        removal = ModerationLogEntry.objects.filter(answer=OuterRef("pk"), action=ModerationAction.DELETE)
        answers = self.annotate(removal_reason=Subquery(removal.order_by("-created_at", "-pk").values("reason")[:1]))
        readable = ~Q(status=PostStatus.DELETED) if is_forum_editor(user) else _readable(user)
        taken_down = Q(status=PostStatus.HIDDEN) | (
            Q(status=PostStatus.DELETED, removal_reason__isnull=False) & ~Q(removal_reason="")
        )
        return answers.filter(readable | taken_down).filter(question__in=Question.objects.on_page_for(user))
