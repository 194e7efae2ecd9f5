"""Sentences written now and read later, by someone else, in their own
language: a notification raised while a moderator works in English reaches
a French member in French.

A message is its English text (marked with gettext_noop where it is written,
so that makemessages finds it) and its parameters, kept as data (JSON, so it
travels through a task queue); `render` translates it in the reader's
language and time zone. A parameter is plain text, a number, another message
(rendered in the same language) or a moment (shown as a date).
"""

from contextlib import nullcontext
from datetime import datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext


def message(msgid: str, **params) -> dict:
    """A sentence to translate when it is read: message(gettext_noop("Hello %(name)s"), name=…)."""
    return {"msgid": str(msgid), "params": params}


def moment(value: datetime) -> dict:
    """A point in time, shown as a date in the reader's language and time zone."""
    return {"moment": value.isoformat()}


def render(description, language: str | None = None, time_zone: str | None = None) -> str:
    """The text of `description` (a message, or text already written) in
    `language` and `time_zone` (those active when not given)."""
    if not isinstance(description, dict):
        return str(description)
    with translation.override(language) if language else nullcontext():
        return _render(description, _zone(time_zone))


def _zone(name: str | None):
    if not name:
        return None
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return None


def _render(spec: dict, zone) -> str:
    params = {name: _value(value, zone) for name, value in (spec.get("params") or {}).items()}
    text = gettext(spec["msgid"])
    return text % params if params else text


def _value(value, zone):
    if isinstance(value, dict) and "msgid" in value:
        return _render(value, zone)
    if isinstance(value, dict) and "moment" in value:
        when = datetime.fromisoformat(value["moment"])
        return date_format(timezone.localtime(when, zone) if zone else timezone.localtime(when), "DATE_FORMAT")
    return value
