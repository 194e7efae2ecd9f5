from django.conf import settings
from wagtail.models import PageManager
from wagtail.query import PageQuerySet

from .constants import SERVICE_PAGE_SLUGS, TERMS_SLUG


class ServicePageQuerySet(PageQuerySet):
    def for_footer(self, language: str) -> list:
        """The live, public service pages, one per slug in the order of
        SERVICE_PAGE_SLUGS: the reader's translation where there is one,
        else the default language's page. One query."""
        found = {}
        pages = (
            self.live()
            .public()
            .filter(slug__in=SERVICE_PAGE_SLUGS, locale__language_code__in=[language, settings.LANGUAGE_CODE])
            .select_related("locale")
        )
        for page in pages:
            if page.slug not in found or page.locale.language_code == language:
                found[page.slug] = page
        return [found[slug] for slug in SERVICE_PAGE_SLUGS if slug in found]

    def terms(self):
        """The terms of use in the default language: the version of record."""
        return self.live().filter(slug=TERMS_SLUG, locale__language_code=settings.LANGUAGE_CODE).first()


ServicePageManager = PageManager.from_queryset(ServicePageQuerySet)
