"""What every journey's tabs watch for: a script error, a missing stylesheet
or script (Bootstrap, htmx), and anything the Content Security Policy
refused (Chromium says so in the console). Each breaks what a person sees
or uses, so every journey fails on one."""

from urllib.parse import urlsplit

from django.conf import settings


def watch(tab) -> list[str]:
    """Start watching `tab`; the list returned fills with what went wrong."""
    problems = []

    def note_broken_asset(response):
        if response.status >= 400 and urlsplit(response.url).path.startswith(settings.STATIC_URL):
            problems.append(f"{response.status} for {response.url}")

    def note_refused(message):
        if message.type == "error" and "Content Security Policy" in message.text:
            problems.append(f"refused by the Content Security Policy on {tab.url}: {message.text}")

    tab.on("pageerror", lambda error: problems.append(f"script error on {tab.url}: {error}"))
    tab.on("response", note_broken_asset)
    tab.on("console", note_refused)
    return problems
