"""Reading a page as a person sees it."""

from bs4 import BeautifulSoup


def html(response) -> BeautifulSoup:
    return BeautifulSoup(response.content.decode(), "html.parser")
