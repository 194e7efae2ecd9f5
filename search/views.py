from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.utils.translation import get_language
from django.views.decorators.http import require_safe

from .constants import Facet, Kind, Sort
from .results import read_request, run_search, shortcut_for, suggest
from .services import log_search


@require_safe
def search(request):
    """One box for everything: /<lang>/search/?q=…&type=…&convention=…"""
    language = get_language()
    asked = read_request(request.GET)
    shortcut = None
    if asked.q and not asked.facets and asked.page == 1:
        shortcut = shortcut_for(request.user, asked.q)
        if shortcut and shortcut.jump:
            return HttpResponseRedirect(shortcut.url)
    outcome = run_search(request.user, asked, language)
    if asked.q.strip() and asked.page == 1:
        log_search(asked.q, language, outcome.total)
    context = {
        "outcome": outcome,
        "asked": asked,
        "shortcut": shortcut,
        "facet_labels": {facet.value: facet.label for facet in Facet},
        "kind_labels": dict(Kind.choices),
        "sorts": Sort.choices,
    }
    return render(request, "search/search.html", context)


@require_safe
def suggestions(request):
    """The header box's listbox of titles, for htmx (and a plain list without it)."""
    text = request.GET.get("q", "")
    matches = suggest(request.user, text, get_language())
    return render(
        request, "search/suggestions.html", {"matches": matches, "q": text, "kind_labels": dict(Kind.choices)}
    )
