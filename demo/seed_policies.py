"""Load the service pages (policies/data/service_pages.json) into the page
tree: the five pages in the default language under the home page, and their
translations. Idempotent: a page or translation that exists is left as the
secretariat may have edited it.

The texts stay with the policies app: they are the service's own terms,
privacy notice and guidelines, not demo content."""

import datetime
import json
from pathlib import Path

from django.apps import apps
from django.conf import settings
from wagtail.models import Locale

from knowledge.models import HomePage
from policies.constants import SERVICE_PAGE_SLUGS
from policies.models import ServicePage


def _fill(page: ServicePage, text: dict, language: str, last_updated: datetime.date) -> None:
    page.title = text["title"]
    page.intro = text["intro"]
    # Links between the pages and to the account pages, in the page's language.
    page.body = text["body"].replace("{lang}", language)
    page.last_updated = last_updated


def seed_service_pages() -> int:
    """Create the service pages and translations that do not exist yet;
    return how many pages were created."""
    path = Path(apps.get_app_config("policies").path) / "data" / "service_pages.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    last_updated = datetime.date.fromisoformat(data["last_updated"])
    default = settings.LANGUAGE_CODE
    home = HomePage.objects.get(locale__language_code=default)
    created = 0
    for slug in SERVICE_PAGE_SLUGS:
        original = ServicePage.objects.child_of(home).filter(slug=slug).first()
        if original is None:
            original = ServicePage(slug=slug)
            _fill(original, data["pages"][default][slug], default, last_updated)
            home.add_child(instance=original)
            original.save_revision().publish()
            created += 1
        for language, pages in data["pages"].items():
            if language == default:
                continue
            locale = Locale.objects.get(language_code=language)
            if original.get_translation_or_none(locale) is not None:
                continue
            # Copies the home page too (as an alias) where that language's tree has none yet.
            translated = original.copy_for_translation(locale, copy_parents=True)
            _fill(translated, pages[slug], language, last_updated)
            translated.save_revision().publish()
            created += 1
    return created
