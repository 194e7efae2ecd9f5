from collections.abc import Iterable

from django.conf import settings
from django.db import models
from django.db.models.functions import Coalesce, ExtractYear, RowNumber
from django.utils import timezone

# The year of a decision: the one recorded for it, else the year its meeting
# began. The shipped decisions file records no years, and the importer links
# each decision to its conference; a year an editor records wins (BC-15
# met online in 2021 and face to face in 2022).
YEAR_ADOPTED = Coalesce("year", ExtractYear("meeting__start_date"), output_field=models.IntegerField())


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


class DecisionQuerySet(models.QuerySet):
    def with_year(self):
        """Each decision with `year_adopted`, its year (see YEAR_ADOPTED)."""
        return self.annotate(year_adopted=YEAR_ADOPTED)

    def adopted_in(self, year: int):
        """The decisions of `year` (an alias, not a column: the queryset can
        still be a subquery)."""
        return self.alias(year_adopted=YEAR_ADOPTED).filter(year_adopted=year)

    def years(self) -> list[int]:
        """The years that have decisions, newest first."""
        years = self.with_year().exclude(year_adopted=None)
        return list(years.values_list("year_adopted", flat=True).distinct().order_by("-year_adopted"))

    def recorded_codes(self, codes: Iterable[str]) -> set[str]:
        """Which of `codes` (as published: BC-14/12, BC.Ex-1/1) are decisions
        on this site, in one query (none when there is no code)."""
        codes = set(codes)
        if not codes:
            return set()
        return set(self.filter(code__in=codes).values_list("code", flat=True))

    def code_examples(self) -> list:
        """Decisions to give as examples of codes, so that every example
        leads to a decision: the first decision of the latest meeting of each
        convention, then of the latest extraordinary meeting, if any. One
        query."""
        latest = models.Window(
            RowNumber(),
            partition_by=[models.F("convention"), models.F("is_extraordinary")],
            order_by=[models.F("meeting_number").desc(), models.F("number").asc()],
        )
        firsts = list(
            self.annotate(rank=latest)
            .filter(rank=1)
            .select_related("convention")
            .order_by("is_extraordinary", "convention__sort_order", "-meeting_number")
        )
        ordinary = [decision for decision in firsts if not decision.is_extraordinary]
        extraordinary = [decision for decision in firsts if decision.is_extraordinary]
        return ordinary + extraordinary[:1]
