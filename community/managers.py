from django.db import models
from django.db.models import Exists, OuterRef, Q

from .constants import GroupPrivacy, MembershipStatus, PostStatus


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


class QuestionQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The one rule for every listing, page and count: visible questions,
        plus the person's own held ones (they see "awaiting review"), never a
        private group's questions for someone outside it."""
        if is_forum_editor(user):
            return self.exclude(status=PostStatus.DELETED)
        visible = Q(status=PostStatus.VISIBLE)
        if user.is_authenticated:
            visible |= Q(author=user, status=PostStatus.HELD)
        in_reach = Q(group__isnull=True) | ~Q(group__privacy=GroupPrivacy.PRIVATE)
        if user.is_authenticated:
            in_reach |= _active_member_of(user, "group")
        return self.filter(visible).filter(in_reach)

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


class AnswerQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Visible answers (and one's own held ones) to questions the person may see."""
        from .models import Question

        if is_forum_editor(user):
            return self.exclude(status=PostStatus.DELETED)
        visible = Q(status=PostStatus.VISIBLE)
        if user.is_authenticated:
            visible |= Q(author=user, status=PostStatus.HELD)
        return self.filter(visible).filter(question__in=Question.objects.visible_to(user))
