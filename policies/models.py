"""The service's own pages, which version of the terms each member accepted,
and what the secretariat sets for each site: its name, contact address and
footer links."""

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

from knowledge.models import BasePage

from .managers import ServicePageManager

RICH_TEXT_FEATURES = ["h2", "h3", "bold", "italic", "link", "ol", "ul", "blockquote"]

# The hub's name, in the reader's language, wherever the secretariat set none.
DEFAULT_SITE_NAME = _("BRS Clearing-House Hub")


class ServicePage(BasePage):
    """About, terms of use, privacy notice, community guidelines, contact:
    children of the home page, written by the secretariat, translated with
    wagtail-localize like every page."""

    intro = models.TextField(_("introduction"), blank=True, max_length=500)
    body = RichTextField(_("body"), blank=True, features=RICH_TEXT_FEATURES)
    # The version of the text. For the terms of use it is the version a
    # member accepts at sign-up (policies.services.current_terms_version):
    # change it when the change matters to members, not for a typo.
    last_updated = models.DateField(
        _("last updated"),
        null=True,
        blank=True,
        help_text=_(
            "The date of this version of the text, shown on the page. For the terms of use, "
            "new members are recorded as accepting the version of this date."
        ),
    )

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body"), FieldPanel("last_updated")]
    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("body")]

    parent_page_types = ["knowledge.HomePage"]
    subpage_types = []
    template = "pages/service_page.html"

    objects = ServicePageManager()

    class Meta:
        verbose_name = _("service page")
        verbose_name_plural = _("service pages")


class TermsAcceptance(models.Model):
    """A member accepted the terms of use: which version (the terms page's
    "last updated" date), read in which language, and when."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="terms_acceptances", verbose_name=_("member")
    )
    version = models.CharField(_("version"), max_length=40, blank=True)
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES, blank=True)
    accepted_at = models.DateTimeField(_("accepted at"), auto_now_add=True)

    class Meta:
        ordering = ["-accepted_at"]
        verbose_name = _("acceptance of the terms")
        verbose_name_plural = _("acceptances of the terms")

    def __str__(self):
        return f"{self.user_id}: {self.version or '-'} ({self.accepted_at:%Y-%m-%d})"


@register_setting(icon="site")
class SiteIdentity(ClusterableModel, BaseSiteSetting):
    """What the secretariat sets for a site (Settings in the admin; a
    regional node on another Site sets its own): the name in the header and
    the browser's title bar, the public contact address and the links it
    adds to the footer after the service pages. Read through the footer's
    cache (policies_tags.site_identity), emptied when it is saved."""

    site_name = models.CharField(
        _("site name"),
        max_length=100,
        blank=True,
        help_text=_(
            "In the header and the title of every page. Blank: the hub's name, in each reader's language. "
            "A name written here is shown as written in every language."
        ),
    )
    contact_email = models.EmailField(
        _("contact address"),
        blank=True,
        help_text=_("The public email address shown in the footer of every page. Blank: none is shown."),
    )

    panels = [
        FieldPanel("site_name"),
        FieldPanel("contact_email"),
        InlinePanel("footer_links", heading=_("Footer links"), label=_("Footer link")),
    ]

    class Meta:
        verbose_name = _("site name, contact and footer")
        verbose_name_plural = _("site names, contacts and footers")

    @property
    def name(self) -> str:
        """The site's name as a reader sees it, in the active language."""
        return self.site_name or str(DEFAULT_SITE_NAME)

    def links_for(self, language: str) -> list["FooterLink"]:
        """The footer links a reader of the language sees, in their order."""
        return [link for link in self.footer_links.all() if link.language in ("", language)]


class FooterLink(Orderable):
    """A link the secretariat adds to the footer: the conventions' website,
    a partner, an accessibility statement. For every language, or for one
    (then each language can have its own label and address)."""

    identity = ParentalKey(SiteIdentity, on_delete=models.CASCADE, related_name="footer_links")
    label = models.CharField(_("label"), max_length=80)
    # A path as well as a full address; no other scheme (javascript:) gets in.
    url = models.CharField(
        _("address"),
        max_length=500,
        validators=[
            RegexValidator(
                r"^(https?://\S+|/(?!/)\S*)$",
                _("Write a full address (https://…) or a path on this site (/en/data/)."),
            )
        ],
        help_text=_("A full address (https://…) or a path on this site (/en/data/)."),
    )
    language = models.CharField(
        _("language"),
        max_length=10,
        choices=settings.LANGUAGES,
        blank=True,
        help_text=_("Blank: shown in every language. A language: shown only to its readers."),
    )

    panels = [FieldPanel("label"), FieldPanel("url"), FieldPanel("language")]

    class Meta(Orderable.Meta):
        verbose_name = _("footer link")
        verbose_name_plural = _("footer links")

    def __str__(self):
        return self.label
