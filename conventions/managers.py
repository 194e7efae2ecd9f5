from django.conf import settings
from django.db import models
from django.utils import timezone


class ThematicAreaQuerySet(models.QuerySet):
    def originals(self):
        """The vocabulary itself: the areas in the site's default language
        (translations are linked to them by wagtail-localize)."""
        return self.filter(locale__language_code=settings.LANGUAGE_CODE)


class MeetingQuerySet(models.QuerySet):
    def upcoming(self, today=None):
        """The one definition, for the calendar, the information hub and
        digests: not over yet (ending today or later). Cancelled and
        postponed meetings are among them, marked as such where listed."""
        return self.filter(end_date__gte=today or timezone.localdate())

    def past(self, today=None):
        return self.filter(end_date__lt=today or timezone.localdate())


class CountryQuerySet(models.QuerySet):
    def states(self):
        """Countries that are states (not the European Union)."""
        return self.filter(is_state=True)


class PartyStatusQuerySet(models.QuerySet):
    def parties(self):
        """Rows where consent to be bound was given: parties, not signatories only."""
        return self.exclude(consent_on=None)

    def signatories_only(self):
        return self.filter(consent_on=None).exclude(signature_on=None)
