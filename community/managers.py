from django.db import models
from django.db.models import Q

from .constants import PostStatus


class QuestionQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The one rule for every listing, page and count: visible questions,
        plus the person's own held ones (they see "awaiting review")."""
        if user.is_authenticated and user.has_perm("community.change_question"):
            return self.exclude(status=PostStatus.DELETED)
        visible = Q(status=PostStatus.VISIBLE)
        if user.is_authenticated:
            visible |= Q(author=user, status=PostStatus.HELD)
        return self.filter(visible)

    def unanswered(self):
        return self.filter(answer_count=0)

    def for_list(self):
        return self.select_related("author__profile", "accepted_answer").prefetch_related("thematic_areas")


class AnswerQuerySet(models.QuerySet):
    def visible_to(self, user):
        if user.is_authenticated and user.has_perm("community.change_question"):
            return self.exclude(status=PostStatus.DELETED)
        visible = Q(status=PostStatus.VISIBLE)
        if user.is_authenticated:
            visible |= Q(author=user, status=PostStatus.HELD)
        return self.filter(visible)
