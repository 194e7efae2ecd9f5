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

    def members_can_be_from(self):
        """What a member can represent: a state in a UN regional group or
        with a status under a convention, or the European Union; not
        Antarctica, Bouvet Island and the other territories of ISO 3166."""
        return self.filter(
            models.Q(is_state=False)
            | models.Q(group_memberships__isnull=False)
            | models.Q(party_statuses__isnull=False)
        ).distinct()


class PartyStatusQuerySet(models.QuerySet):
    def parties(self):
        """Rows where consent to be bound was given: parties, not signatories only."""
        return self.exclude(consent_on=None)

    def signatories_only(self):
        return self.filter(consent_on=None).exclude(signature_on=None)
