"""Who counts as the secretariat: one rule for the header, the login
redirect, MFA, profile visibility and the "Secretariat" badge.

The rule is a permission, not a group name or the ``is_staff`` flag:
Wagtail's user form cannot set ``is_staff``, and groups can be renamed or
added, but whoever may open the admin is the secretariat.
"""

from django.contrib.auth.models import Permission
from django.db.models import Exists, OuterRef, Q

ADMIN_ACCESS = "wagtailadmin.access_admin"


def is_secretariat(user) -> bool:
    """Superusers and anyone who may open the Wagtail admin (through any
    group or their own permissions)."""
    if not user.is_authenticated or not user.is_active:
        return False
    return user.is_superuser or user.has_perm(ADMIN_ACCESS)


def secretariat_exists(user_ref: str = "pk"):
    """The same rule as a subquery, for listings: ``Exists`` that is true
    when the user whose id is in ``user_ref`` (a field of the outer query)
    is secretariat, in one query for any number of members."""
    from .models import User

    app_label, codename = ADMIN_ACCESS.split(".")
    access = Permission.objects.filter(content_type__app_label=app_label, codename=codename)
    members = User.objects.filter(is_active=True).filter(
        Q(is_superuser=True) | Q(user_permissions__in=access) | Q(groups__permissions__in=access)
    )
    return Exists(members.filter(pk=OuterRef(user_ref)))


def has_verified_email(user) -> bool:
    """Members may share, post and ask for roles only with a confirmed address."""
    return user.is_authenticated and user.emailaddress_set.filter(verified=True).exists()
