"""The service's own pages, and which version of the terms each member accepted."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from knowledge.locales import ReaderLanguageMixin

from .managers import ServicePageManager

RICH_TEXT_FEATURES = ["h2", "h3", "bold", "italic", "link", "ol", "ul", "blockquote"]


class ServicePage(ReaderLanguageMixin, Page):
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
