"""Pages in the reader's language, and pages that have no translation yet.

Wagtail keeps one page tree per locale and builds a page's address with the
page's own language prefix. A reader of the Arabic site would be sent to
/en/ by every link to an English-only page, and once an editor translates one
item into French the French tree holds only that item, so every other item's
/fr/ address answers 404. Here:

- a page of the default language's tree (originals, and members' items in
  any language) is linked under the reader's language prefix, so the
  interface stays in the reader's language; a translation keeps its own;
- an address is looked up in the reader's language's tree first, then in the
  default language's, then in the others; a page found in another language's
  tree is served as it is (its content marked with its own language) unless
  it has a translation the reader may read in their language, which the
  reader is sent to instead;
- listings show each item once: the reader's translation where one is live
  and public, the original otherwise.

"Translations the reader may read" are live and public everywhere: a
translation behind a login never hides, replaces or advertises a public page.
"""

from django.conf import settings
from django.db.models import Case, Exists, IntegerField, OuterRef, Q, QuerySet, Value, When
from django.db.models.functions import Length, Substr
from django.http import Http404
from django.shortcuts import redirect
from django.utils.functional import cached_property
from wagtail.models import Locale, Page, PageViewRestriction

from conventions.names import reader_language


def with_language_prefix(path: str, language: str) -> str:
    """/en/knowledge/x/ → /fr/knowledge/x/ (i18n_patterns puts the code first)."""
    codes = {code for code, _name in settings.LANGUAGES}
    parts = path.split("/", 2)
    if len(parts) >= 2 and parts[1] in codes and parts[1] != language:
        return "/".join(["", language, *parts[2:]])
    return path


_LOCALE_CODES: dict[int, str] = {}


def locale_code(locale_id: int) -> str:
    """A locale's language code by id without a query per page: the six
    locales are read once per process (again if an unknown id turns up)."""
    if locale_id not in _LOCALE_CODES:
        _LOCALE_CODES.update(Locale.objects.values_list("pk", "language_code"))
    return _LOCALE_CODES.get(locale_id, settings.LANGUAGE_CODE)


def live_and_public(pages: QuerySet) -> QuerySet:
    """Wagtail's `pages.live().public()`, the same rule (no view restriction
    on the page or any of its ancestors) as a subquery: `.public()` first
    reads every restriction in a query of its own, at each call, and a page
    asks several times (its listing, related items, the language switcher)."""
    # An ancestor's tree path is the start of the page's.
    restricted = PageViewRestriction.objects.filter(page__path=Substr(OuterRef("path"), 1, Length("page__path")))
    return pages.live().filter(~Exists(restricted))


def readable_translations(translation_key) -> QuerySet:
    """Every version of a page that anybody may read: live and public."""
    return live_and_public(Page.objects.filter(translation_key=translation_key))


def language_rank(language: str, field: str = "locale__language_code") -> Case:
    """0 for the reader's language, 1 for the default language, 2 otherwise."""
    return Case(
        When(**{field: language}, then=Value(0)),
        When(**{field: settings.LANGUAGE_CODE}, then=Value(1)),
        default=Value(2),
        output_field=IntegerField(),
    )


def one_per_translation(queryset: QuerySet, language: str | None = None) -> QuerySet:
    """Each item once: its version in the reader's language if a readable
    one exists, else the default language's, else the one with the lowest
    id. One EXISTS subquery, whatever the size of the list."""
    language = language or reader_language()
    better = (
        live_and_public(queryset.model.objects.filter(translation_key=OuterRef("translation_key")))
        .exclude(pk=OuterRef("pk"))
        .annotate(_rank=language_rank(language))
        .filter(Q(_rank__lt=OuterRef("_rank")) | Q(_rank=OuterRef("_rank"), pk__lt=OuterRef("pk")))
    )
    return queryset.alias(_rank=language_rank(language)).filter(~Exists(better))


class ReaderLanguageMixin:
    """For every page model of the site (knowledge.models.BasePage): addresses
    in the reader's language, and routing that finds pages the reader's tree
    lacks."""

    def get_url_parts(self, request=None):
        parts = super().get_url_parts(request=request)
        if not parts or parts[2] is None:
            return parts
        site_id, root_url, page_path = parts
        if locale_code(self.locale_id) != settings.LANGUAGE_CODE:
            # A translation: under another prefix the same slug could lead to
            # the original, so it keeps its own language's address.
            return parts
        return site_id, root_url, with_language_prefix(page_path, reader_language())

    @property
    def content_language(self) -> str:
        """The language the page's own text is written in. An alias (the
        copies wagtail-localize makes of untranslated parent pages) shows its
        original's text (select_related("alias_of") saves a query)."""
        if self.alias_of_id:
            return locale_code(self.alias_of.locale_id)
        return locale_code(self.locale_id)

    @cached_property
    def readable_versions(self) -> dict[str, Page]:
        """Each readable version of this page (itself too, if readable) by
        its language, as Wagtail's Page: read once for the routing, the
        language switcher and "also available in"."""
        return {locale_code(version.locale_id): version for version in readable_translations(self.translation_key)}

    def translations_for_readers(self) -> list[Page]:
        """The readable versions of this page in other languages, in the
        order of LANGUAGES, for "also available in"."""
        return [
            self.readable_versions[code]
            for code, _name in settings.LANGUAGES
            if code in self.readable_versions and self.readable_versions[code].pk != self.pk
        ]

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

    def serve(self, request, *args, **kwargs):
        return self.serve_for_reader(ReaderLanguageMixin, request, *args, **kwargs)

    def serve_for_reader(self, layer: type, request, *args, **kwargs):
        """Serve the page, or send the reader to their language's version.
        What comes after `layer` (the class whose serve() calls this) in the
        page's classes does the serving. A page with Wagtail's
        RoutablePageMixin, which hands a listing's addresses straight to
        its views, calls this from its own serve()."""
        # Found in another language's tree: when the reader's language has a
        # readable translation after all (under another slug), go there,
        # keeping the rest of the address (a listing's sub-page, its filters).
        language = reader_language()
        if locale_code(self.locale_id) != language:
            translated = self.readable_versions.get(language)
            if translated is not None:
                own = self.get_url(request) or ""
                rest = request.path[len(own) :] if request.path.startswith(own) else ""
                target = (translated.get_url(request) or "") + rest
                if target and target != request.path:
                    query = request.META.get("QUERY_STRING", "")
                    return redirect(f"{target}?{query}" if query else target)
                # The reader's address already names the translation, but the
                # route reached the original (its tree's root is a draft).
                return super(layer, translated.specific).serve(request, *args, **kwargs)
        return super(layer, self).serve(request, *args, **kwargs)


class FallbackRoutingMixin(ReaderLanguageMixin):
    """For the root page of each language's tree: an address is looked up in
    the reader's language's tree first (even while that tree's root is still
    a draft in review), then in the default language's, then the others'."""

    def route(self, request, path_components):
        language, default = reader_language(), settings.LANGUAGE_CODE

        def rank(root: Page) -> tuple[bool, bool]:
            code = locale_code(root.locale_id)
            return code != language, code != default

        if rank(self)[0]:
            roots = sorted([self, *self.other_roots()], key=rank)
        else:
            # The reader's own tree comes first whatever the others are: they
            # are read only when the address is not in it.
            try:
                return super().route(request, path_components)
            except Http404:
                roots = sorted(self.other_roots(), key=rank)
        for root in roots:
            try:
                return super(FallbackRoutingMixin, root).route(request, path_components)
            except Http404:
                continue
        raise Http404

    def other_roots(self) -> list[Page]:
        """The roots of the other languages' trees: translations of this
        page, so of its own class (one query, not one per class)."""
        return list(type(self).objects.filter(translation_key=self.translation_key).exclude(pk=self.pk))
