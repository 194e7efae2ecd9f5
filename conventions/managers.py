from django.db import models


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
