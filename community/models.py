"""Forums: questions, answers, votes and the accepted answer."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from taggit.managers import TaggableManager
from taggit.models import TaggedItemBase

from .constants import (
    POST_MAX_LENGTH,
    CloseReason,
    FlagReason,
    GroupKind,
    GroupPrivacy,
    MembershipRole,
    MembershipStatus,
    ModerationAction,
    PostStatus,
    SanctionKind,
)
from .managers import AnswerQuerySet, GroupQuerySet, QuestionQuerySet


class Group(models.Model):
    """A regional or thematic group of members, with its own discussions."""

    name = models.CharField(_("name"), max_length=150)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    description = models.TextField(_("about"), blank=True, max_length=3000)
    kind = models.CharField(_("kind"), max_length=20, choices=GroupKind.choices, default=GroupKind.THEMATIC)
    privacy = models.CharField(
        _("who can join"), max_length=10, choices=GroupPrivacy.choices, default=GroupPrivacy.OPEN
    )
    regional_group = models.OneToOneField(
        "conventions.RegionalGroup",
        verbose_name=_("UN regional group"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="community_group",
    )
    regional_centre = models.OneToOneField(
        "conventions.RegionalCentre",
        verbose_name=_("regional centre"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="community_group",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = GroupQuerySet.as_manager()

    class Meta:
        ordering = ["kind", "name"]
        verbose_name = _("group")
        verbose_name_plural = _("groups")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("community:group", kwargs={"slug": self.slug})

    @property
    def is_private(self) -> bool:
        """Only its members see it, its discussions and what is shared in it."""
        return self.privacy == GroupPrivacy.PRIVATE


class Membership(models.Model):
    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="group_memberships")
    status = models.CharField(_("status"), max_length=10, choices=MembershipStatus.choices)
    role = models.CharField(_("role"), max_length=10, choices=MembershipRole.choices, default=MembershipRole.MEMBER)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["group", "user"], name="one_membership_per_group")]
        verbose_name = _("membership")

    def __str__(self):
        return f"{self.user} in {self.group} ({self.status})"


class Notice(models.Model):
    """A message on a group's notice board: members only, posted by its moderators."""

    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="notices")
    title = models.CharField(_("title"), max_length=200)
    body_markdown = models.TextField(_("text"), max_length=5000)
    body_html = models.TextField(editable=False)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("notice")

    def __str__(self):
        return self.title


class QuestionTag(TaggedItemBase):
    content_object = models.ForeignKey("community.Question", on_delete=models.CASCADE, related_name="tagged_items")


class WrittenInLanguage:
    """Posts know the language they are written in, so pages in another
    language mark them (lang, dir) and search uses the right stemmer."""

    @property
    def content_language(self) -> str:
        return self.language


class Question(WrittenInLanguage, models.Model):
    title = models.CharField(_("title"), max_length=200)
    body_markdown = models.TextField(_("question"), max_length=POST_MAX_LENGTH)
    # Sanitized once on the way in (core.markup); templates output it as is.
    body_html = models.TextField(editable=False)
    language = models.CharField(
        _("language"),
        max_length=10,
        choices=settings.LANGUAGES,
        blank=True,
        help_text=_("The language the post is written in: detected from the text unless the author chose one."),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("asked by"), on_delete=models.PROTECT, related_name="questions"
    )
    thematic_areas = models.ManyToManyField(
        "conventions.ThematicArea", verbose_name=_("thematic areas"), blank=True, related_name="questions"
    )
    conventions = models.ManyToManyField(
        "conventions.Instrument", verbose_name=_("conventions"), blank=True, related_name="questions"
    )
    countries = models.ManyToManyField(
        "conventions.Country", verbose_name=_("countries"), blank=True, related_name="questions"
    )
    tags = TaggableManager(through=QuestionTag, blank=True, verbose_name=_("tags"))
    status = models.CharField(_("status"), max_length=10, choices=PostStatus.choices, default=PostStatus.VISIBLE)
    group = models.ForeignKey(
        Group, verbose_name=_("group"), null=True, blank=True, on_delete=models.SET_NULL, related_name="questions"
    )
    accepted_answer = models.OneToOneField(
        "community.Answer", null=True, blank=True, on_delete=models.SET_NULL, related_name="accepted_for"
    )
    answer_count = models.PositiveIntegerField(default=0, editable=False)
    # Up-votes on its visible answers, for the lists.
    vote_count = models.IntegerField(default=0, editable=False)
    view_count = models.PositiveIntegerField(default=0, editable=False)
    is_locked = models.BooleanField(_("locked"), default=False)
    is_pinned = models.BooleanField(_("pinned"), default=False)
    closed_reason = models.CharField(_("closed as"), max_length=20, choices=CloseReason.choices, blank=True)
    duplicate_of = models.ForeignKey(
        "self", verbose_name=_("duplicate of"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("asked at"), auto_now_add=True)
    edited_at = models.DateTimeField(_("edited at"), null=True, blank=True)
    last_activity_at = models.DateTimeField(_("last activity"), auto_now_add=True, db_index=True)
    # When what a reader sees of it last changed (its text, answers, status,
    # group): harvesters of /api/v1/questions/ sync by it (updated_since).
    updated_at = models.DateTimeField(_("updated"), auto_now=True, db_index=True)

    objects = QuestionQuerySet.as_manager()

    class Meta:
        ordering = ["-last_activity_at"]
        verbose_name = _("question")
        verbose_name_plural = _("questions")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("community:question", kwargs={"pk": self.pk, "slug": slugify(self.title)[:80] or "question"})

    @property
    def is_closed(self) -> bool:
        return bool(self.closed_reason)

    @property
    def takes_answers(self) -> bool:
        return not self.is_locked and not self.is_closed


class Answer(WrittenInLanguage, models.Model):
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="answers")
    body_markdown = models.TextField(_("answer"), max_length=POST_MAX_LENGTH)
    body_html = models.TextField(editable=False)
    language = models.CharField(
        _("language"),
        max_length=10,
        choices=settings.LANGUAGES,
        blank=True,
        help_text=_("The language the post is written in: detected from the text unless the author chose one."),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("answered by"), on_delete=models.PROTECT, related_name="answers"
    )
    status = models.CharField(_("status"), max_length=10, choices=PostStatus.choices, default=PostStatus.VISIBLE)
    vote_count = models.IntegerField(default=0, editable=False)
    created_at = models.DateTimeField(_("answered at"), auto_now_add=True)
    edited_at = models.DateTimeField(_("edited at"), null=True, blank=True)

    objects = AnswerQuerySet.as_manager()

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("answer")
        verbose_name_plural = _("answers")

    def __str__(self):
        return f"{self.author} on {self.question}"

    def get_absolute_url(self):
        # Sends to the page of the question that shows it (community.views.answer_link).
        return reverse("community:answer_link", kwargs={"pk": self.pk})


def post_model(kind: str):
    """The model behind a URL's post kind ("question" or "answer"), or None."""
    return {"question": Question, "answer": Answer}.get(kind)


class Revision(models.Model):
    """One version of a question or an answer. The first edit also stores
    the original, so the history shows every version, oldest first."""

    question = models.ForeignKey(Question, null=True, blank=True, on_delete=models.CASCADE, related_name="revisions")
    answer = models.ForeignKey(Answer, null=True, blank=True, on_delete=models.CASCADE, related_name="revisions")
    title = models.CharField(_("title"), max_length=200, blank=True)
    body_markdown = models.TextField(_("text"))
    body_html = models.TextField(editable=False)
    editor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    summary = models.CharField(_("what changed"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("at"))

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(question__isnull=True) ^ models.Q(answer__isnull=True), name="revision_one_target"
            ),
        ]
        verbose_name = _("revision")

    def __str__(self):
        return f"{self.question or self.answer} at {self.created_at:%Y-%m-%d %H:%M}"


class Vote(models.Model):
    """One member's up-vote on an answer; withdrawing deletes it."""

    answer = models.ForeignKey(Answer, on_delete=models.CASCADE, related_name="votes")
    voter = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="votes")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["answer", "voter"], name="one_vote_per_member")]
        verbose_name = _("vote")

    def __str__(self):
        return f"{self.voter} +1 {self.answer_id}"


class Flag(models.Model):
    """A member's report that a post breaks the rules. One per member and post."""

    question = models.ForeignKey(Question, null=True, blank=True, on_delete=models.CASCADE, related_name="flags")
    answer = models.ForeignKey(Answer, null=True, blank=True, on_delete=models.CASCADE, related_name="flags")
    flagger = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="flags")
    reason = models.CharField(_("reason"), max_length=20, choices=FlagReason.choices)
    text = models.CharField(_("details"), max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["question", "flagger"], name="one_flag_per_question"),
            models.UniqueConstraint(fields=["answer", "flagger"], name="one_flag_per_answer"),
            models.CheckConstraint(
                condition=models.Q(question__isnull=True) ^ models.Q(answer__isnull=True), name="flag_one_target"
            ),
        ]
        verbose_name = _("flag")

    def __str__(self):
        return f"{self.flagger}: {self.reason}"


class ModerationLogEntry(models.Model):
    """Every moderation decision: what, on which post, by whom, why, when."""

    question = models.ForeignKey(Question, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    answer = models.ForeignKey(Answer, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    action = models.CharField(_("action"), max_length=20, choices=ModerationAction.choices)
    moderator = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reason = models.TextField(_("reason"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("moderation log entry")
        verbose_name_plural = _("moderation log")

    def __str__(self):
        return f"{self.get_action_display()} by {self.moderator}"


class Sanction(models.Model):
    """An editor's decision that a member may not post for a while."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="sanctions")
    kind = models.CharField(_("kind"), max_length=10, choices=SanctionKind.choices)
    until = models.DateTimeField(_("until"), null=True, blank=True, help_text=_("Empty: until lifted."))
    reason = models.TextField(_("reason"))
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("by")
    )
    created_at = models.DateTimeField(auto_now_add=True)
    lifted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("sanction")

    def __str__(self):
        return f"{self.get_kind_display()}: {self.user}"
