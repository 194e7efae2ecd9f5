"""What a first visit costs a reader on a slow connection (#17): the page,
its stylesheets, scripts and icon, compressed as a browser gets them, under
60 KB for the home page in English and Arabic and 80 KB for the parties page
(its world map is inline SVG), in at most six requests, with no script
holding up the first paint.

Pages are compressed by config.middleware.CompressionMiddleware; static
files by whitenoise at collectstatic (Brotli at its default quality, kept
only when it saves 5 %), which whitenoise's own Compressor reproduces here,
since the finders serve the files uncompressed in tests. Bodies only: the
headers add a few hundred bytes a request."""

import io
import re
from functools import cache
from pathlib import Path

import brotli
import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.core.management import call_command
from django.db import transaction
from whitenoise.compress import Compressor

pytestmark = pytest.mark.django_db

KB = 1000
# The limits, in bytes transferred by a first visit.
MOST_BYTES = {"/en/": 60 * KB, "/ar/": 60 * KB, "/en/parties/": 80 * KB}
MOST_REQUESTS = 6
BROTLI = {"accept-encoding": "br"}
# What a browser runs: a <script> of another type (JSON-LD) is data.
JAVASCRIPT_TYPES = {"", "text/javascript", "application/javascript", "module"}
BUILT = settings.BASE_DIR / "build"


@pytest.fixture(scope="module")
def demo_site(django_db_setup, django_db_blocker):
    """The demo site (reference data, members, knowledge, forum), once for
    the module, so that pages weigh what they weigh with content; rolled
    back afterwards."""
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("import_reference_data", stdout=io.StringIO())
        call_command("seed_demo", "--force", stdout=io.StringIO())
        yield
        transaction.set_rollback(True)


def body(response) -> bytes:
    content = b"".join(response.streaming_content) if response.streaming else response.content
    return brotli.decompress(content) if response.get("Content-Encoding") == "br" else content


def static_weight(client, address: str) -> int:
    """Bytes a static file travels as: its .br when whitenoise would have
    written one at collectstatic, else the file itself."""
    response = client.get(address, headers=BROTLI)
    assert response.status_code == 200, address
    data = body(response)
    compressor = Compressor(quiet=True)
    if compressor.should_compress(address):
        compressed = compressor.compress_brotli(data)
        if compressor.is_compressed_effectively("Brotli", address, len(data), compressed):
            return len(compressed)
    return len(data)


def assets(page: BeautifulSoup) -> list[str]:
    """What a browser with JavaScript fetches for the page: stylesheets
    (those in <noscript> only without JavaScript), scripts and the icon."""
    links = [
        link["href"]
        for link in page.select("link[href]")
        if {"stylesheet", "icon"} & set(link.get("rel", [])) and not link.find_parent("noscript")
    ]
    return links + [script["src"] for script in page.select("script[src]")]


def first_visit(client, path: str) -> tuple[BeautifulSoup, dict[str, int]]:
    """The page as a reader sees it, and the bytes of each request it makes."""
    response = client.get(path, headers=BROTLI)
    assert response.status_code == 200
    assert response["Content-Encoding"] == "br"
    page = BeautifulSoup(body(response).decode(), "html.parser")
    weights = {path: len(response.content)}
    for address in assets(page):
        weights[address] = static_weight(client, address)
    return page, weights


@pytest.mark.usefixtures("demo_site")
@pytest.mark.parametrize("path", MOST_BYTES)
def test_a_first_visit_is_light_and_takes_few_requests(client, path):
    page, weights = first_visit(client, path)
    report = "\n".join(f"{weight:>8} {address}" for address, weight in weights.items())
    print(f"{path}: {sum(weights.values())} bytes in {len(weights)} requests\n{report}")

    assert sum(weights.values()) < MOST_BYTES[path], report
    assert len(weights) <= MOST_REQUESTS, report
    assert any("icon" in link.get("rel", []) for link in page.select("link[href]"))


@pytest.mark.usefixtures("demo_site")
@pytest.mark.parametrize("path", MOST_BYTES)
def test_no_script_holds_up_the_first_paint(client, path):
    page = BeautifulSoup(body(client.get(path)).decode(), "html.parser")

    for script in page.head.select("script"):
        if script.get("type", "").lower() not in JAVASCRIPT_TYPES:
            continue
        waits = script.has_attr("defer") or script.has_attr("async") or script.get("type") == "module"
        assert script.has_attr("src") and waits, f"a script in <head> blocks rendering: {script}"
    # At the end of <body>, the site's scripts still wait for the page.
    for script in page.body.select("script[src]"):
        assert script.has_attr("defer") or script.has_attr("async"), script


def test_each_direction_gets_its_own_build_of_bootstrap(client):
    def stylesheets(path):
        page = BeautifulSoup(body(client.get(path)).decode(), "html.parser")
        return [link["href"] for link in page.select("link[rel=stylesheet]") if not link.find_parent("noscript")]

    english, arabic = stylesheets("/en/"), stylesheets("/ar/")

    assert any(href.endswith("/bootstrap.min.css") for href in english), english
    assert not any("rtl" in href for href in english), english
    assert any(href.endswith("/bootstrap.rtl.min.css") for href in arabic), arabic
    # The RTL build is the LTR one mirrored: margins start on the right.
    ltr = body(client.get(next(href for href in english if href.endswith("/bootstrap.min.css")))).decode()
    rtl = body(client.get(next(href for href in arabic if href.endswith("/bootstrap.rtl.min.css")))).decode()
    assert re.search(r"\.ms-1\{margin-left:", ltr)
    assert re.search(r"\.ms-1\{margin-right:", rtl)


# Classes that code adds rather than a template: the form widgets'
# (profiles_tags.bootstrap_widget) and the scripts' (the menu, the search box).
CLASSES_SET_BY_CODE = {"form-control", "form-select", "form-check-input", "is-invalid", "show", "active"}


@cache
def classes_in(css: str) -> frozenset[str]:
    return frozenset(re.findall(r"\.(-?[_a-zA-Z][\w-]*)", re.sub(r"/\*.*?\*/", "", css, flags=re.S)))


def classes_in_templates() -> set[str]:
    """Every class name written in a template, the alternatives of {% if %}
    included (the template's tags are cut out)."""
    names = set(CLASSES_SET_BY_CODE)
    for path in [*settings.BASE_DIR.glob("templates/**/*.html"), *settings.BASE_DIR.glob("*/templates/**/*.html")]:
        for attribute in re.findall(r"""class=["']([^"']*)["']""", path.read_text()):
            names.update(re.sub(r"\{[%{].*?[%}]\}", " ", attribute).split())
    return names


def test_the_trimmed_bootstrap_keeps_every_class_the_templates_use():
    """The build (static/scss/hub.scss) leaves out the Bootstrap components
    and utilities no template uses; a template that starts using one fails
    here until it is added there."""
    built = BUILT / "bootstrap.min.css"
    assert built.exists(), f"{built} is missing: run `make install` (npm run build)"
    whole = Path(settings.BASE_DIR / "node_modules" / "bootstrap" / "dist" / "css" / "bootstrap.min.css")

    missing = (classes_in_templates() & classes_in(whole.read_text())) - classes_in(built.read_text())

    assert not missing, f"add these to static/scss/hub.scss: {sorted(missing)}"
    assert built.stat().st_size < whole.stat().st_size * 0.6
