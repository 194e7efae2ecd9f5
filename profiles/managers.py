from django.contrib.auth.base_user import BaseUserManager
from django.db import models
from django.db.models import Prefetch, Q

from .constants import VerificationStatus


class UserManager(BaseUserManager):
    """Members log in with their email address; there is no username."""

    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra_fields)


class ProfileQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Profiles a person may see: public ones of active members, their
        own, and all of them for the secretariat. The one rule for every listing."""
        from .permissions import is_secretariat

        if is_secretariat(user):
            return self.filter(user__is_active=True)
        visible = Q(is_public=True, user__is_active=True)
        if user.is_authenticated:
            visible |= Q(user=user)
        return self.filter(visible)

    def with_badges(self):
        """Fetch what badges need in a constant number of queries."""
        from .models import Verification
        from .permissions import secretariat_exists

        return (
            self.select_related("user", "country")
            .annotate(in_secretariat=secretariat_exists("user_id"))
            .prefetch_related(
                Prefetch(
                    "user__verifications",
                    queryset=Verification.objects.approved().select_related("country", "instrument"),
                    to_attr="approved_verifications",
                ),
            )
        )


class VerificationQuerySet(models.QuerySet):
    def approved(self):
        return self.filter(status=VerificationStatus.APPROVED)

    def pending(self):
        return self.filter(status=VerificationStatus.PENDING)
