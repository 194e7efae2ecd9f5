import re

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

COMMENT_MAX_LENGTH = 2000


class PageFeedback(models.Model):
    """An answer to "Was this page useful?": the satisfaction indicator of
    the mandate (#15). No account, no address, no cookie: only the page,
    the language it was read in, the answer and an optional comment (plain
    text, escaped wherever it is shown)."""

    path = models.CharField(_("page"), max_length=500, help_text=_("The page's address without its language prefix."))
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES)
    useful = models.BooleanField(_("useful"))
    comment = models.TextField(_("comment"), max_length=COMMENT_MAX_LENGTH, blank=True)
    created_at = models.DateTimeField(_("received"), auto_now_add=True, db_index=True)
    handled_at = models.DateTimeField(_("handled"), null=True, blank=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("handled by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["path", "created_at"])]
        verbose_name = _("page feedback")
        verbose_name_plural = _("page feedback")

    def __str__(self):
        return f"{self.path} ({'yes' if self.useful else 'no'})"


class PageView(models.Model):
    """Views of a page in a language on a day (packages.visits): no
    visitor, address or cookie behind it, only the count."""

    day = models.DateField(_("day"))
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES)
    path = models.CharField(_("page"), max_length=500)
    views = models.PositiveIntegerField(_("views"), default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["day", "language", "path"], name="one_count_per_page_and_day")]
        verbose_name = _("page views")
        verbose_name_plural = _("page views")

    def __str__(self):
        return f"{self.day} {self.language} {self.path}: {self.views}"


class DailyVisitors(models.Model):
    """Distinct visitors of a day, estimated from a salted hash that changes
    every day and is never kept past it."""

    day = models.DateField(_("day"), unique=True)
    visitors = models.PositiveIntegerField(_("visitors"), default=0)

    class Meta:
        verbose_name = _("visitors of a day")
        verbose_name_plural = _("visitors by day")

    def __str__(self):
        return f"{self.day}: {self.visitors}"


class MemberVisits(models.Model):
    """Signed-in members from a country who visited on a day: how "parties
    gaining access" counts the countries that visited, from the country on
    the member's own profile (no address, no geolocation)."""

    day = models.DateField(_("day"))
    country = models.ForeignKey("conventions.Country", verbose_name=_("country"), on_delete=models.CASCADE)
    members = models.PositiveIntegerField(_("members"), default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["day", "country"], name="one_member_count_per_country_and_day")]
        verbose_name = _("members' visits")
        verbose_name_plural = _("members' visits")

    def __str__(self):
        return f"{self.day} {self.country_id}: {self.members}"


class Indicator(models.TextChoices):
    """What an IndicatorFigure counts; `key` says which part of it."""

    EXCHANGED = "exchanged", _("Items exchanged")  # key: kind of item or post
    MEMBERS = "members", _("New members")
    MEMBER_VISITS = "member_visits", _("Members' visits")
    SHARED_COUNTRY = "shared_country", _("Visitors who named their country")
    QUESTIONS = "questions", _("Questions")  # key: asked, answered, accepted
    FIRST_ANSWER = "first_answer", _("Hours to the first answer")  # key: hours
    ACCEPTED_ANSWER = "accepted_answer", _("Hours to the accepted answer")  # key: hours
    VERIFIED = "verified", _("Verified roles")  # key: role
    FEEDBACK = "feedback", _("Was this page useful?")  # key: yes, no
    SURVEY = "survey", _("Survey answers")  # key: question:answer
    VIEWS = "views", _("Page views")  # key: language
    VISITORS = "visitors", _("Visitors")
    MOST_READ = "most_read", _("Most read")  # key: path, label: title
    NO_RESULT = "no_result", _("Searches with no result")  # key: the words (for the secretariat only)
    SEARCHES = "searches", _("Searches")  # key: all, none (found nothing)


class IndicatorFigure(models.Model):
    """One figure behind the indicators dashboard: a count for a month,
    broken down by convention, country and UN region where the indicator
    is. Computed from the rest of the hub by packages.indicators.refresh
    (a Celery beat task), so the dashboard reads a few hundred rows
    whatever the size of the site.

    `convention` is blank on the row that counts everything once; a thing
    about two conventions also has a row under each, so a filtered figure
    never counts it twice."""

    indicator = models.CharField(max_length=20, choices=Indicator.choices)
    month = models.DateField(help_text="The first day of the month.")
    convention = models.CharField(max_length=10, blank=True)
    country = models.CharField(max_length=3, blank=True, help_text="ISO alpha-3")
    region = models.CharField(max_length=20, blank=True, help_text="UN regional group code")
    key = models.CharField(max_length=300, blank=True)
    label = models.CharField(max_length=500, blank=True)
    label_language = models.CharField(max_length=10, blank=True)
    value = models.BigIntegerField(default=0)

    class Meta:
        indexes = [models.Index(fields=["indicator", "convention", "month"])]
        verbose_name = _("indicator figure")
        verbose_name_plural = _("indicator figures")

    def __str__(self):
        return f"{self.indicator} {self.month:%Y-%m} {self.convention}{self.country}{self.key}: {self.value}"


class IndicatorRefresh(models.Model):
    """When the figures were last computed, shown on the dashboard."""

    finished_at = models.DateTimeField()
    figures = models.PositiveIntegerField(default=0)
    seconds = models.FloatField(default=0)

    class Meta:
        get_latest_by = "finished_at"

    def __str__(self):
        return f"{self.finished_at:%Y-%m-%d %H:%M}: {self.figures}"


class SurveyStatus(models.TextChoices):
    DRAFT = "draft", _("Not yet open")
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")


SURVEY_USES = [
    ("knowledge", _("Best practices and other knowledge items")),
    ("forum", _("Questions and answers")),
    ("groups", _("Groups")),
    ("decisions", _("Decisions")),
    ("reference", _("Parties, focal points and regional centres")),
    ("calendar", _("The calendar of meetings")),
    ("digests", _("Email digests")),
    ("data", _("Open data")),
]
SURVEY_ROLES = [
    ("focal_point", _("Focal point or designated national authority")),
    ("government", _("Other government official")),
    ("regional_centre", _("Regional centre")),
    ("expert", _("Expert or researcher")),
    ("civil_society", _("Civil society or industry")),
    ("other", _("Other")),
]
SATISFACTION_SCALE = [(number, str(number)) for number in range(1, 6)]


class Survey(models.Model):
    """A short satisfaction survey the secretariat opens and closes in the
    admin. Its answers are only ever shown added up."""

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("address"), unique=True, help_text=_("The survey's link: /survey/<address>/"))
    status = models.CharField(_("status"), max_length=10, choices=SurveyStatus.choices, default=SurveyStatus.DRAFT)
    opened_at = models.DateTimeField(_("opened"), null=True, blank=True, editable=False)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("satisfaction survey")
        verbose_name_plural = _("satisfaction surveys")

    def __str__(self):
        return self.title

    @property
    def is_open(self) -> bool:
        return self.status == SurveyStatus.OPEN


class SurveyResponse(models.Model):
    """One person's answers. A member answers once (by account); anyone
    else once per browser and address, recognised by `respondent`, a keyed
    hash that cannot be turned back into either."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="responses")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    respondent = models.CharField(max_length=64, blank=True, editable=False)
    satisfaction = models.PositiveSmallIntegerField(_("overall satisfaction"), choices=SATISFACTION_SCALE)
    uses = models.JSONField(_("what you use"), default=list, blank=True)
    missing = models.TextField(_("what is missing"), max_length=COMMENT_MAX_LENGTH, blank=True)
    role = models.CharField(_("your role"), max_length=20, choices=SURVEY_ROLES, blank=True)
    region = models.ForeignKey(
        "conventions.RegionalGroup", verbose_name=_("your region"), null=True, blank=True, on_delete=models.SET_NULL
    )
    country = models.ForeignKey(
        "conventions.Country", verbose_name=_("your country"), null=True, blank=True, on_delete=models.SET_NULL
    )
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES)
    created_at = models.DateTimeField(_("received"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["survey", "user"], condition=models.Q(user__isnull=False), name="one_response_per_member"
            ),
            models.UniqueConstraint(
                fields=["survey", "respondent"], condition=~models.Q(respondent=""), name="one_response_per_respondent"
            ),
        ]
        verbose_name = _("survey response")
        verbose_name_plural = _("survey responses")

    def __str__(self):
        return f"{self.survey}: {self.satisfaction}"


class SurveyOffer(models.Model):
    """A member was offered the survey (once, while it is open)."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="offers")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    offered_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["survey", "user"], name="survey_offered_once")]

    def __str__(self):
        return f"{self.survey} → {self.user_id}"


class DocumentKind(models.TextChoices):
    WORKING = "working", _("Working document")
    INFORMATION = "information", _("Information document")
    IN_SESSION = "in_session", _("In-session document")
    REPORT = "report", _("Report")
    DECISION = "decision", _("Decision")
    STATEMENT = "statement", _("Statement")
    LEGAL_TEXT = "legal_text", _("Legal text")
    JOURNAL = "journal", _("Daily journal")


def text_in_language(texts: dict | None, language: str) -> tuple[str, str]:
    """(text, its language) of texts by language code: the reader's
    language, else English, else the first there is."""
    texts = texts or {}
    for code in (language, settings.LANGUAGE_CODE, *texts):
        if texts.get(code):
            return texts[code], code
    return "", ""


class OfficialDocumentQuerySet(models.QuerySet):
    def published(self):
        """What a reader may see: published documents (a draft's files are
        reachable only from the admin)."""
        return self.filter(is_published=True)


class OfficialDocument(models.Model):
    """An official text of the conventions with a symbol (UNEP/CHW.16/1),
    a title and summary per language, and a file per language version
    (DocumentFile). Nothing is overwritten: a corrected text is a new file."""

    symbol = models.CharField(
        _("symbol"), max_length=100, unique=True, help_text=_("As printed on the document, e.g. UNEP/CHW.16/1.")
    )
    # The symbol as an address (packages.documents.symbol_slug): letters, digits, dots and hyphens.
    slug = models.CharField(_("address"), max_length=120, unique=True, editable=False)
    kind = models.CharField(_("type"), max_length=20, choices=DocumentKind.choices)
    meeting = models.ForeignKey(
        "conventions.Meeting",
        verbose_name=_("meeting"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="official_documents",
    )
    conventions = models.ManyToManyField(
        "conventions.Instrument", verbose_name=_("conventions"), blank=True, related_name="official_documents"
    )
    agenda_item = models.CharField(
        _("agenda item"), max_length=20, blank=True, help_text=_("As numbered in the agenda, e.g. 4 (b).")
    )
    # For a legal text: the convention or amendment it is the text of, and
    # the decision that adopted it (an amendment, an annex listing).
    instrument = models.ForeignKey(
        "conventions.Instrument",
        verbose_name=_("text of"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="legal_texts",
        help_text=_("For a legal text: the convention or amendment it is the text of."),
    )
    adopted_by = models.CharField(
        _("adopted by decision"), max_length=30, blank=True, help_text=_("For an amendment, e.g. BC-14/12.")
    )
    # A statement: the country it speaks for and the focal point who sent it
    # (published once the secretariat accepts it).
    country = models.ForeignKey(
        "conventions.Country",
        verbose_name=_("country"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="statements",
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("sent by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="statements",
    )
    issued_on = models.DateField(_("date"))
    # {language code: text}; the page shows the reader's language, else English, else any.
    titles = models.JSONField(_("titles"), default=dict)
    summaries = models.JSONField(_("summaries"), default=dict, blank=True)
    # Symbol, titles and summaries as one text, for the library's search box.
    search_text = models.TextField(editable=False, blank=True)
    is_published = models.BooleanField(_("published"), default=False)
    # When readers first could see it ("new since your last visit").
    published_at = models.DateTimeField(_("published at"), null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = OfficialDocumentQuerySet.as_manager()

    class Meta:
        ordering = ["-issued_on", "symbol"]
        verbose_name = _("official document")
        verbose_name_plural = _("official documents")

    def __str__(self):
        return self.symbol

    def get_absolute_url(self):
        return reverse("packages:document", args=[self.slug])

    def text_in(self, field: str, language: str) -> tuple[str, str]:
        """(text, its language) of `titles` or `summaries` (see text_in_language)."""
        return text_in_language(getattr(self, field), language)


class DocumentFileQuerySet(models.QuerySet):
    def published(self):
        """The files of published documents (OfficialDocument.objects.published)."""
        return self.filter(document__is_published=True)


class DocumentFile(models.Model):
    """One language version of an official document: the original, or a
    revision, corrigendum or addendum, each a file of its own that is never
    replaced, with its SHA-256 checksum."""

    document = models.ForeignKey(OfficialDocument, on_delete=models.CASCADE, related_name="files")
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES)
    version = models.CharField(
        _("version"), max_length=20, blank=True, help_text=_("Empty for the original; Rev.1, Corr.1 or Add.1 after.")
    )
    file = models.ForeignKey(
        "wagtaildocs.Document", verbose_name=_("file"), on_delete=models.PROTECT, related_name="+"
    )
    sha256 = models.CharField(_("SHA-256"), max_length=64, editable=False)
    size = models.PositiveBigIntegerField(_("size"), editable=False)
    # Where the file was stored: Wagtail's Documents admin can replace a
    # file, which stores it under another name; such a file is not served.
    stored_name = models.CharField(max_length=255, editable=False)
    issued_on = models.DateField(_("date"))
    uploaded_at = models.DateTimeField(auto_now_add=True)

    objects = DocumentFileQuerySet.as_manager()

    class Meta:
        ordering = ["language", "uploaded_at"]
        constraints = [
            models.UniqueConstraint(fields=["document", "language", "version"], name="one_file_per_language_version"),
            models.UniqueConstraint(fields=["document", "sha256"], name="a_file_once_per_document"),
        ]
        verbose_name = _("language version")
        verbose_name_plural = _("language versions")

    def __str__(self):
        return f"{self.document} {self.language} {self.version}".strip()


def agenda_sort_key(number: str) -> str:
    """4 (b) before 10: each run of digits zero-padded, for the database to order by."""
    return re.sub(r"\d+", lambda match: match[0].zfill(4), number.strip().lower())


class AgendaItem(models.Model):
    """An item of a meeting's agenda, numbered as the agenda numbers it
    ("4 (b)"), with its title in each language there is."""

    meeting = models.ForeignKey(
        "conventions.Meeting", verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="agenda_items"
    )
    number = models.CharField(_("number"), max_length=20, help_text=_("As numbered in the agenda, e.g. 4 (b)."))
    titles = models.JSONField(_("titles"), default=dict)
    sort_key = models.CharField(max_length=80, editable=False)

    class Meta:
        ordering = ["meeting", "sort_key"]
        constraints = [models.UniqueConstraint(fields=["meeting", "number"], name="one_agenda_item_per_number")]
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")

    def __str__(self):
        return f"{self.number} {self.text_in(settings.LANGUAGE_CODE)[0]}".strip()

    def save(self, *args, **kwargs):
        self.number = " ".join(self.number.split())
        self.sort_key = agenda_sort_key(self.number)
        super().save(*args, **kwargs)

    def text_in(self, language: str) -> tuple[str, str]:
        """(title, its language) (see text_in_language)."""
        return text_in_language(self.titles, language)


class MeetingVisit(models.Model):
    """When a member last opened a meeting's page: what was published since
    is marked new on their next visit."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    meeting = models.ForeignKey("conventions.Meeting", on_delete=models.CASCADE, related_name="+")
    seen_at = models.DateTimeField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "meeting"], name="one_visit_per_member_and_meeting")]

    def __str__(self):
        return f"{self.user_id} {self.meeting_id} {self.seen_at:%Y-%m-%d %H:%M}"
