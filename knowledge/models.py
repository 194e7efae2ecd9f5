"""Wagtail pages: the home page, the knowledge index and the five kinds of
knowledge item members share, with the review task the secretariat uses."""

from django import forms
from django.conf import settings
from django.core.paginator import Paginator
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Count, Prefetch, prefetch_related_objects
from django.db.models.functions import Coalesce
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path, re_path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import AbstractGroupApprovalTask, Orderable, Page, PageViewRestriction
from wagtail.search import index

from conventions.vocabulary import localized_names
from profiles.models import Profile

from .blocks import KnowledgeStreamBlock
from .constants import (
    DECISION_CODE_PATTERN,
    TYPE_SLUGS,
    LegalInstrumentType,
    MaterialFormat,
    MechanismType,
    ProjectStatus,
)
from .locales import FallbackRoutingMixin, ReaderLanguageMixin, locale_code
from .managers import CARD_RELATIONS, KnowledgeItemManager

RICH_TEXT_FEATURES = ["h3", "bold", "italic", "link", "ol", "ul", "blockquote"]


class BasePage(ReaderLanguageMixin, Page):
    """What every page of the site shares: Wagtail's title, slug, SEO title,
    search description and promote panels, and the reader's language
    (knowledge.locales): addresses under the reader's prefix, pages found in
    the default language's tree when the reader's lacks them, the language
    the text is written in (`content_language`), "also available in", the
    review workflow of translations, and every language in the sitemap.

    Its fields are Wagtail's own: the pages' other fields differ in meaning
    (an item's required summary is not a page's optional introduction), so
    each page keeps its own. It lives here, the lowest app with pages, not
    in core: the reader's language comes from conventions, a layer above."""

    class Meta:
        abstract = True

    def get_view_restrictions(self):
        """Wagtail's rule, in one query where Wagtail reads the ancestors
        first: the restrictions on the page and each of its ancestors (their
        tree paths start the page's), an alias's taken from its original."""
        steplen = self.steplen
        paths = [self.path[:end] for end in range(steplen, len(self.path) + 1, steplen)]
        # Wagtail follows an alias to its original, through an alias of an
        # alias too: two steps here (wagtail-localize aliases originals).
        originals = Page.objects.filter(path__in=paths).values(
            original=Coalesce("alias_of__alias_of_id", "alias_of_id", "pk")
        )
        return PageViewRestriction.objects.filter(page_id__in=originals)


class HomePage(FallbackRoutingMixin, BasePage):
    """The site's front page: what the hub is and where to go next."""

    intro = models.TextField(_("introduction"), blank=True, max_length=500)
    body = RichTextField(_("body"), blank=True, features=["h2", "h3", "bold", "italic", "link", "ol", "ul"])

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        FieldPanel("body"),
        InlinePanel("featured_items", label=_("Featured knowledge items"), max_num=6),
    ]
    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("body")]

    template = "pages/home_page.html"
    max_count_per_parent = 1
    parent_page_types = ["wagtailcore.Page"]

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        from .services import knowledge_counts

        context = super().get_context(request, *args, **kwargs)
        published = KnowledgeItemPage.objects.for_readers()
        # In the editors' order, each card in the same few queries as the
        # latest ones (not two per card), and only what readers may see.
        featured_ids = list(self.featured_items.order_by("sort_order").values_list("page_id", flat=True))
        cards = {page.pk: page for page in published.filter(pk__in=featured_ids).for_links()}
        featured = [cards[pk] for pk in featured_ids if pk in cards]
        # "Latest shared" leaves out what "Featured" already shows.
        featured_keys = [page.translation_key for page in featured]
        latest = list(
            published.exclude(translation_key__in=featured_keys).for_links().order_by("-first_published_at")[:6]
        )
        # The two lists' cards share their countries' and conventions' queries.
        prefetch_related_objects([*featured, *latest], *CARD_RELATIONS)
        context["featured_items"] = featured
        context["latest_items"] = latest
        context["knowledge_index"] = KnowledgeIndexPage.objects.live().first()
        context.update(knowledge_counts())
        return context


class HomeFeaturedItem(Orderable):
    home = ParentalKey(HomePage, on_delete=models.CASCADE, related_name="featured_items")
    page = models.ForeignKey(
        "knowledge.KnowledgeItemPage", verbose_name=_("item"), on_delete=models.CASCADE, related_name="+"
    )

    panels = [FieldPanel("page")]


class KnowledgeIndexPage(RoutablePageMixin, BasePage):
    """/knowledge/: every published item, filterable; one listing per type."""

    intro = models.TextField(_("introduction"), blank=True, max_length=500)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["knowledge.HomePage"]
    subpage_types = [
        "knowledge.BestPracticePage",
        "knowledge.ProjectSummaryPage",
        "knowledge.CoordinationMechanismPage",
        "knowledge.AwarenessMaterialPage",
        "knowledge.LegalInformationPage",
    ]
    max_count_per_parent = 1
    template = "pages/knowledge_index_page.html"

    class Meta:
        verbose_name = _("knowledge index")

    def serve(self, request, *args, **kwargs):
        # RoutablePageMixin hands the listing's addresses straight to their
        # views, past BasePage.serve: look for the reader's translation first.
        return self.serve_for_reader(KnowledgeIndexPage, request, *args, **kwargs)

    @path("")
    def all_items(self, request):
        return self.render_listing(request)

    @re_path(r"^(?P<type_slug>{})/$".format("|".join(TYPE_SLUGS.values())))
    def items_of_type(self, request, type_slug):
        from django.http import Http404

        from .services import item_type_by_slug

        item_type = item_type_by_slug(type_slug)
        if item_type is None:
            raise Http404
        return self.render_listing(request, item_type=item_type)

    def render_listing(self, request, item_type=None):
        from .forms import KnowledgeFilterForm
        from .services import ITEM_TYPES, filter_items

        form = KnowledgeFilterForm(request.GET or None, item_type=item_type)
        items = filter_items(KnowledgeItemPage.objects.for_readers(), form, item_type=item_type)
        page = Paginator(items.for_cards(), settings.KNOWLEDGE_PAGE_SIZE).get_page(request.GET.get("page"))
        return self.render(
            request,
            context_overrides={
                "filter_form": form,
                "page_obj": page,
                "item_type": item_type,
                "item_types": ITEM_TYPES,
            },
        )


class KnowledgeItemTag(TaggedItemBase):
    content_object = ParentalKey("knowledge.KnowledgeItemPage", on_delete=models.CASCADE, related_name="tagged_items")


class KnowledgeItemPage(BasePage):
    """What every kind of knowledge item shares. Not created on its own."""

    summary = models.TextField(
        _("summary"), max_length=500, help_text=_("One or two sentences: what was done and what it achieved.")
    )
    body = StreamField(KnowledgeStreamBlock(), verbose_name=_("more details"), blank=True)
    conventions = ParentalManyToManyField(
        "conventions.Instrument", verbose_name=_("conventions"), blank=True, related_name="knowledge_items"
    )
    countries = ParentalManyToManyField(
        "conventions.Country", verbose_name=_("countries"), blank=True, related_name="knowledge_items"
    )
    regions = ParentalManyToManyField(
        "conventions.RegionalGroup", verbose_name=_("UN regions"), blank=True, related_name="knowledge_items"
    )
    thematic_areas = ParentalManyToManyField(
        "conventions.ThematicArea", verbose_name=_("thematic areas"), blank=True, related_name="knowledge_items"
    )
    tags = ClusterTaggableManager(through=KnowledgeItemTag, blank=True, verbose_name=_("tags"))
    groups = ParentalManyToManyField(
        "community.Group",
        verbose_name=_("groups"),
        blank=True,
        related_name="knowledge_items",
        help_text=_("The groups whose pages list this item."),
    )
    year_start = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(1980), MaxValueValidator(2100)], null=True, blank=True
    )
    year_end = models.PositiveSmallIntegerField(
        _("until"),
        validators=[MinValueValidator(1980), MaxValueValidator(2100)],
        null=True,
        blank=True,
        help_text=_("For a period: the last year."),
    )
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    language = models.CharField(
        _("language of the text"),
        max_length=10,
        choices=settings.LANGUAGES,
        blank=True,
        help_text=_(
            "What a member wrote it in (detected unless they chose). Blank: the language of the page's locale."
        ),
    )
    contact_name = models.CharField(_("contact name"), max_length=150, blank=True)
    contact_email = models.EmailField(
        _("contact email"), blank=True, help_text=_("Shown publicly on the item, if given.")
    )
    submitter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("shared by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="knowledge_submissions",
    )
    declined_at = models.DateTimeField(_("declined at"), null=True, blank=True, editable=False)
    # The member's Markdown, kept so they can edit what they wrote.
    submitted_markdown = models.JSONField(default=dict, blank=True, editable=False)

    objects = KnowledgeItemManager()

    is_creatable = False
    parent_page_types = ["knowledge.KnowledgeIndexPage"]
    subpage_types = []
    template = "pages/knowledge_item_page.html"

    metadata_panels = [
        MultiFieldPanel(
            [
                FieldPanel("conventions", widget=forms.CheckboxSelectMultiple),
                FieldPanel("thematic_areas"),
                FieldPanel("countries"),
                FieldPanel("regions"),
                FieldPanel("tags"),
                FieldPanel("groups"),
                InlinePanel("decision_references", label=_("COP decisions it implements")),
                FieldRowPanel([FieldPanel("year_start"), FieldPanel("year_end")]),
                FieldPanel("organisation"),
                FieldRowPanel([FieldPanel("contact_name"), FieldPanel("contact_email")]),
                FieldPanel("submitter"),
                FieldPanel("language"),
            ],
            heading=_("About this item"),
        ),
        InlinePanel("attachments", label=_("Attachments")),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("body"),
        index.SearchField("organisation"),
        index.FilterField("year_start"),
    ]

    class Meta:
        verbose_name = _("knowledge item")

    # The fields of each kind, in the order a reader meets them.
    detail_fields: list[str] = []

    @property
    def type_label(self) -> str:
        """The kind of item ('best practice'), without loading the specific page."""
        return str(self.specific_class._meta.verbose_name)

    @cached_property
    def year_label(self) -> str:
        if self.year_start and self.year_end and self.year_end != self.year_start:
            return f"{self.year_start}–{self.year_end}"
        return str(self.year_start or "")

    @property
    def content_language(self) -> str:
        """Members share in any language, into the default language's tree:
        there the item's own language field says what it is written in.
        A translation (another locale's tree) is in its locale's language."""
        if self.language and locale_code(self.locale_id) == settings.LANGUAGE_CODE:
            return self.language
        return super().content_language

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        self.read_what_the_page_shows()
        context["related_items"] = self.related_items()
        # The topics' names in the active language, in one query.
        context["topic_names"] = localized_names(self.thematic_areas.all())
        # A private group's name shows only to its members (the rule of the groups' own manager).
        groups = self.groups.model.objects
        context["shared_in_groups"] = groups.visible_to(request.user).filter(knowledge_items=self)
        context["detail_values"] = [
            (self._meta.get_field(name).verbose_name, getattr(self, name), name) for name in self.detail_fields
        ]
        return context

    def read_what_the_page_shows(self) -> None:
        """Read once what the page, its related items and its structured
        data all use: the countries and topics, the attachments with their
        files (not a query per file), and the member who shared it with their
        badges (components/member_name.html) in two queries, not five."""
        prefetch_related_objects(
            [self],
            "countries",
            "thematic_areas",
            Prefetch("attachments", queryset=KnowledgeAttachment.objects.select_related("document")),
        )
        if self.submitter_id is not None:
            profile = Profile.objects.with_badges().filter(user_id=self.submitter_id).first()
            if profile is not None:
                self.submitter = profile.user

    def related_items(self, limit: int = 4):
        """Published items sharing the most topics and countries with this one."""
        topics = [topic.pk for topic in self.thematic_areas.all()]
        countries = [country.pk for country in self.countries.all()]
        if not topics and not countries:
            return KnowledgeItemPage.objects.none()
        return (
            KnowledgeItemPage.objects.for_readers()
            .exclude(translation_key=self.translation_key)
            .filter(models.Q(thematic_areas__in=topics) | models.Q(countries__in=countries))
            .annotate(shared=Count("pk"))
            .order_by("-shared", "-first_published_at")
            .for_links()[:limit]
        )


class DecisionReference(Orderable):
    """A COP decision an item implements, by its code (BC-14/12)."""

    item = ParentalKey(KnowledgeItemPage, on_delete=models.CASCADE, related_name="decision_references")
    code = models.CharField(
        _("decision code"),
        max_length=20,
        validators=[RegexValidator(DECISION_CODE_PATTERN, _("Write the code like BC-14/12 or BC.Ex-1/1."))],
    )

    panels = [FieldPanel("code")]

    class Meta(Orderable.Meta):
        verbose_name = _("COP decision")

    def __str__(self):
        return self.code


class KnowledgeAttachment(Orderable):
    """A file attached to an item, served through Wagtail's document view."""

    item = ParentalKey(KnowledgeItemPage, on_delete=models.CASCADE, related_name="attachments")
    document = models.ForeignKey(
        "wagtaildocs.Document", verbose_name=_("file"), on_delete=models.CASCADE, related_name="+"
    )
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES, blank=True)

    panels = [FieldPanel("document"), FieldPanel("language")]

    class Meta(Orderable.Meta):
        verbose_name = _("attachment")


def long_text(label):
    return RichTextField(label, blank=True, features=RICH_TEXT_FEATURES)


class BestPracticePage(KnowledgeItemPage):
    template = "pages/knowledge_item_page.html"
    problem = long_text(_("problem addressed"))
    approach = long_text(_("approach"))
    results = long_text(_("results"))
    lessons_learned = long_text(_("lessons learned"))
    replicability = long_text(_("replicability"))

    detail_fields = ["problem", "approach", "results", "lessons_learned", "replicability"]
    content_panels = (
        Page.content_panels
        + [FieldPanel("summary")]
        + [FieldPanel(name) for name in detail_fields]
        + [FieldPanel("body")]
        + KnowledgeItemPage.metadata_panels
    )
    parent_page_types = ["knowledge.KnowledgeIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("best practice")
        verbose_name_plural = _("best practices")


class ProjectSummaryPage(KnowledgeItemPage):
    template = "pages/knowledge_item_page.html"
    status = models.CharField(_("status"), max_length=20, choices=ProjectStatus.choices, default=ProjectStatus.ONGOING)
    start_date = models.DateField(_("start"), null=True, blank=True)
    end_date = models.DateField(_("end"), null=True, blank=True)
    funding_source = models.CharField(_("funding source"), max_length=200, blank=True)
    funding_amount = models.DecimalField(_("funding amount"), max_digits=14, decimal_places=2, null=True, blank=True)
    funding_currency = models.CharField(_("currency"), max_length=3, blank=True, default="USD")
    partners = models.TextField(_("partners"), blank=True, max_length=2000)
    results = long_text(_("results"))

    detail_fields = ["results"]
    content_panels = (
        Page.content_panels
        + [
            FieldPanel("summary"),
            FieldRowPanel([FieldPanel("status"), FieldPanel("start_date"), FieldPanel("end_date")]),
            FieldRowPanel(
                [FieldPanel("funding_source"), FieldPanel("funding_amount"), FieldPanel("funding_currency")]
            ),
            FieldPanel("partners"),
            FieldPanel("results"),
            FieldPanel("body"),
        ]
        + KnowledgeItemPage.metadata_panels
    )
    parent_page_types = ["knowledge.KnowledgeIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("project summary")
        verbose_name_plural = _("project summaries")


class CoordinationMechanismPage(KnowledgeItemPage):
    template = "pages/knowledge_item_page.html"
    mechanism_type = models.CharField(_("kind of mechanism"), max_length=40, choices=MechanismType.choices)
    agencies_involved = long_text(_("agencies involved"))
    legal_basis = models.TextField(_("legal basis"), blank=True, max_length=1000)
    how_it_works = long_text(_("how it works"))
    results = long_text(_("results"))

    detail_fields = ["agencies_involved", "how_it_works", "results"]
    content_panels = (
        Page.content_panels
        + [
            FieldPanel("summary"),
            FieldPanel("mechanism_type"),
            FieldPanel("agencies_involved"),
            FieldPanel("legal_basis"),
            FieldPanel("how_it_works"),
            FieldPanel("results"),
            FieldPanel("body"),
        ]
        + KnowledgeItemPage.metadata_panels
    )
    parent_page_types = ["knowledge.KnowledgeIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("coordination-mechanism example")
        verbose_name_plural = _("coordination-mechanism examples")


class AwarenessMaterialPage(KnowledgeItemPage):
    template = "pages/knowledge_item_page.html"
    audience = models.CharField(_("audience"), max_length=200, blank=True)
    material_format = models.CharField(_("format"), max_length=20, choices=MaterialFormat.choices)
    description = long_text(_("description"))

    detail_fields = ["description"]
    content_panels = (
        Page.content_panels
        + [
            FieldPanel("summary"),
            FieldRowPanel([FieldPanel("audience"), FieldPanel("material_format")]),
            FieldPanel("description"),
            FieldPanel("body"),
        ]
        + KnowledgeItemPage.metadata_panels
    )
    parent_page_types = ["knowledge.KnowledgeIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("public awareness material")
        verbose_name_plural = _("public awareness materials")


class LegalInformationPage(KnowledgeItemPage):
    template = "pages/knowledge_item_page.html"
    instrument_type = models.CharField(_("kind of instrument"), max_length=30, choices=LegalInstrumentType.choices)
    jurisdiction = models.ForeignKey(
        "conventions.Country",
        verbose_name=_("jurisdiction"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    convention_articles = models.CharField(_("convention articles"), max_length=300, blank=True)
    description = long_text(_("description"))

    detail_fields = ["description"]
    content_panels = (
        Page.content_panels
        + [
            FieldPanel("summary"),
            FieldRowPanel([FieldPanel("instrument_type"), FieldPanel("jurisdiction")]),
            FieldPanel("convention_articles"),
            FieldPanel("description"),
            FieldPanel("body"),
        ]
        + KnowledgeItemPage.metadata_panels
    )
    parent_page_types = ["knowledge.KnowledgeIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("legal information")
        verbose_name_plural = _("legal information")


class ReviewCommentRequiredForm(forms.Form):
    """Requesting changes or declining needs words the member can act on."""

    comment = forms.CharField(
        label=_("Comment to the member"),
        widget=forms.Textarea({"rows": 3}),
        help_text=_("The member reads this in the email and on their submissions page."),
    )


class SecretariatReviewTask(AbstractGroupApprovalTask):
    """The secretariat's review: approve (publishes), request changes, or
    decline, each with a comment the member reads."""

    def get_actions(self, obj, user):
        actions = super().get_actions(obj, user)
        if actions:
            actions.append(("decline", _("Decline"), True))
        return actions

    def get_form_for_action(self, action):
        if action in ("decline", "reject"):
            return ReviewCommentRequiredForm
        return super().get_form_for_action(action)

    def on_action(self, task_state, user, action_name, **kwargs):
        if action_name == "decline":
            from .services import decline_submission

            decline_submission(task_state, user=user, comment=kwargs.get("comment", ""))
            return
        super().on_action(task_state, user, action_name, **kwargs)

    @classmethod
    def get_description(cls):
        return _("Secretariat editors approve, request changes to, or decline a member's submission.")

    class Meta:
        verbose_name = _("secretariat review")
        verbose_name_plural = _("secretariat reviews")


class SubmissionNotice(models.Model):
    """One row per message sent to a submitter, so a retried task never
    sends the same news twice."""

    page = models.ForeignKey(KnowledgeItemPage, on_delete=models.CASCADE, related_name="notices")
    outcome = models.CharField(max_length=20)
    key = models.CharField(max_length=100, unique=True)
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("submission notice")

    def __str__(self):
        return f"{self.page_id}: {self.outcome}"
