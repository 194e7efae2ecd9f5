"""Every page of the site is a BasePage: linked under the reader's language
and marked with the language its text is written in, whatever its kind."""

import pytest
from bs4 import BeautifulSoup
from django.utils import translation
from wagtail.models import Page, get_page_models

from knowledge.models import BasePage
from tests.knowledge.factories import BestPracticeFactory, home_page, knowledge_index
from tests.policies.factories import ServicePageFactory


def test_every_kind_of_page_is_a_base_page():
    # A new kind of page that skipped it would send Arabic readers to /en/.
    assert [model for model in get_page_models() if model is not Page and not issubclass(model, BasePage)] == []


@pytest.mark.django_db
def test_each_kind_of_page_is_linked_and_served_in_the_readers_language(client):
    pages = [home_page(), knowledge_index(), BestPracticeFactory(), ServicePageFactory(slug="about")]
    for page in pages:
        with translation.override("ar"):
            url = page.get_url()
        assert url.startswith("/ar/"), page
        html = BeautifulSoup(client.get(url).content.decode(), "html.parser")
        assert html.html["lang"] == "ar", page
        # Its English text says it is English.
        assert html.select_one("main [lang='en']") is not None, page
