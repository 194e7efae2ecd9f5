"""The three conventions' codes and names, declared once for every app.

The Ban Amendment (BAN) is an instrument of the Basel Convention: listed
beside the conventions (party status, the parties page), counted as Basel
(search facets, "party to all three")."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Convention(models.TextChoices):
    BC = "BC", _("Basel")
    RC = "RC", _("Rotterdam")
    SC = "SC", _("Stockholm")


CONVENTION_CODES = tuple(Convention.values)
# Short names, as facets, filters and table headings show them.
CONVENTION_NAMES = dict(Convention.choices)
# Full names, as headings and choices show them.
CONVENTION_FULL_NAMES = {
    "BC": _("Basel Convention"),
    "RC": _("Rotterdam Convention"),
    "SC": _("Stockholm Convention"),
}
BAN = "BAN"
INSTRUMENT_CODES = ("BC", BAN, "RC", "SC")
INSTRUMENT_NAMES = {**CONVENTION_NAMES, BAN: _("Ban Amendment")}
INSTRUMENT_FULL_NAMES = {**CONVENTION_FULL_NAMES, BAN: _("Basel Ban Amendment")}
# The convention an instrument belongs to.
CONVENTION_OF_INSTRUMENT = {"BC": "BC", BAN: "BC", "RC": "RC", "SC": "SC"}
