"""Pages in the reader's language, and pages that have no translation yet.

Wagtail keeps one page tree per locale and builds a page's address with the
page's own language prefix. A reader of the Arabic site would be sent to
/en/ by every link to an English-only page, and once an editor translates one
item into French the French tree holds only that item, so every other item's
/fr/ address answers 404. Here:

- a page's address always carries the reader's language prefix, so the
  interface stays in the reader's language;
- a French address that the French tree does not have is looked up in the
  other languages' trees, and the page found there is served as it is (its
  content marked with its own language) unless it has a live translation in
  the reader's language, which the reader is sent to instead;
- listings show each item once: the reader's translation where one is live,
  the original otherwise.
"""

from django.conf import settings
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404
from django.shortcuts import redirect
from django.utils import translation
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale, Page


def reader_language() -> str:
    """The active language as one of WAGTAIL_CONTENT_LANGUAGES' codes."""
    try:
        return get_supported_content_language_variant(translation.get_language() or settings.LANGUAGE_CODE)
    except LookupError:
        return settings.LANGUAGE_CODE


def with_language_prefix(path: str, language: str) -> str:
    """/en/knowledge/x/ → /fr/knowledge/x/ (i18n_patterns puts the code first)."""
    codes = {code for code, _name in settings.LANGUAGES}
    parts = path.split("/", 2)
    if len(parts) >= 2 and parts[1] in codes and parts[1] != language:
        return "/".join(["", language, *parts[2:]])
    return path


def one_per_translation(queryset: QuerySet, language: str | None = None) -> QuerySet:
    """Each item once: its live version in the reader's language if there is
    one, else the version in the default language, else the one in the first
    other language (by locale id). Three EXISTS subqueries, whatever the size
    of the list."""
    language = language or reader_language()
    model = queryset.model
    live = model.objects.live().filter(translation_key=OuterRef("translation_key")).exclude(pk=OuterRef("pk"))
    default = settings.LANGUAGE_CODE
    in_reader_language = Q(locale__language_code=language)
    in_default = Q(locale__language_code=default)
    return queryset.alias(
        _has_reader=Exists(live.filter(locale__language_code=language)),
        _has_default=Exists(live.filter(locale__language_code=default)),
        _has_earlier=Exists(
            live.exclude(locale__language_code__in=[language, default]).filter(locale_id__lt=OuterRef("locale_id"))
        ),
    ).filter(
        in_reader_language
        | (~in_reader_language & Q(_has_reader=False) & in_default)
        | (~in_reader_language & ~in_default & Q(_has_reader=False, _has_default=False, _has_earlier=False))
    )


def live_translation(page: Page, language: str) -> Page | None:
    """The live version of the page in the language, or None."""
    if page.locale.language_code == language:
        return page
    return (
        Page.objects.live()
        .filter(translation_key=page.translation_key, locale__language_code=language)
        .exclude(pk=page.pk)
        .first()
    )


class ReaderLanguageMixin:
    """For every page model of the site: addresses in the reader's language,
    and routing that finds pages the reader's tree lacks."""

    def get_url_parts(self, request=None):
        parts = super().get_url_parts(request=request)
        if not parts or parts[2] is None:
            return parts
        site_id, root_url, page_path = parts
        return site_id, root_url, with_language_prefix(page_path, reader_language())

    @property
    def content_language(self) -> str:
        """The language the page's own text is written in. An alias (the
        copies wagtail-localize makes of untranslated parent pages) shows its
        original's text."""
        if self.alias_of_id:
            return Page.objects.filter(pk=self.alias_of_id).values_list("locale__language_code", flat=True).first()
        return self.locale.language_code

    def translations_for_readers(self) -> list[Page]:
        """The live versions of this page in other languages, in the order of
        LANGUAGES, for "also available in"."""
        order = [code for code, _name in settings.LANGUAGES]
        found = list(
            Page.objects.live()
            .filter(translation_key=self.translation_key)
            .exclude(pk=self.pk)
            .select_related("locale")
        )
        return sorted(found, key=lambda page: order.index(page.locale.language_code))

    def get_workflow(self):
        """A translation goes through the same review as its original: the
        secretariat assigns "Secretariat review" in the default language's
        tree, while the trees wagtail-localize builds later fall under
        Wagtail's site-wide default workflow."""
        if self.translation_key and self.locale.language_code != settings.LANGUAGE_CODE:
            original = (
                Page.objects.filter(translation_key=self.translation_key, locale__language_code=settings.LANGUAGE_CODE)
                .exclude(pk=self.pk)
                .first()
            )
            if original is not None:
                return original.get_workflow()
        return super().get_workflow()

    def get_sitemap_urls(self, request=None):
        """Every language version: the live translation where there is one,
        else this page under that language's prefix; each entry names the
        others (hreflang alternates). The sitemap walks the default
        language's tree, so translations are listed here, once."""
        live = Page.objects.live().public().filter(translation_key=self.translation_key)
        translations = {page.locale.language_code: page for page in live.select_related("locale")}
        versions = []
        for code, _name in settings.LANGUAGES:
            page = translations.get(code, self)
            with translation.override(code):
                location = page.get_full_url(request)
            versions.append((code, location, page.last_published_at or page.latest_revision_created_at))
        alternates = [{"lang_code": code, "location": location} for code, location, _lastmod in versions]
        return [
            {"location": location, "lastmod": lastmod, "alternates": alternates}
            for _code, location, lastmod in versions
        ]

    def serve(self, request, *args, **kwargs):
        # Reached by an address in the reader's language but found in another
        # language's tree (see HomePage.route): when the reader's language has
        # a live translation after all (under another slug), go there.
        language = reader_language()
        if self.locale.language_code != language:
            translated = live_translation(self, language)
            if translated is not None and translated.pk != self.pk:
                return redirect(translated.get_url(request))
        return super().serve(request, *args, **kwargs)


class FallbackRoutingMixin(ReaderLanguageMixin):
    """For the root page of each language's tree: a path the tree does not
    have is looked up in the other languages' trees."""

    def route(self, request, path_components):
        try:
            return super().route(request, path_components)
        except Http404:
            if not path_components:
                raise
            roots = Page.objects.live().filter(translation_key=self.translation_key).exclude(pk=self.pk)
            default = Locale.get_default()
            # The default language's tree first: it is where originals live.
            for root in sorted(roots.specific(), key=lambda page: page.locale_id != default.pk):
                try:
                    return super(FallbackRoutingMixin, root).route(request, path_components)
                except Http404:
                    continue
            raise
