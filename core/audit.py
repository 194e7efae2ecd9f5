"""The audit trail: sign-ins and failed sign-ins, roles granted and removed,
sanctions, data exports, account deletions, API keys issued and revoked
(core.models.AuditEvent), read by the secretariat in the admin (Settings →
Audit trail) and kept AUDIT_RETENTION_DAYS (365 unless set).

Apps call `record`; who acts and from where comes from the request being
served (AuditContextMiddleware), or is given. Sign-ins and role changes are
recorded here from Django's own signals, whichever path made them (allauth,
the admin, a shell).
"""

import contextvars
import logging
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.db.models.signals import m2m_changed
from django.utils import timezone

from .models import AuditEvent, AuditKind

logger = logging.getLogger(__name__)

_request = contextvars.ContextVar("audit_request", default=None)


class AuditContextMiddleware:
    """Makes the request being served known to `record` (who, from where)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _request.set(request)
        try:
            return self.get_response(request)
        finally:
            _request.reset(token)


def label(user) -> str:
    """How the trail names a member: account number and handle (never the email)."""
    if user is None or not getattr(user, "pk", None):
        return ""
    handle = getattr(user, "handle", "") or ""
    return f"#{user.pk} @{handle}" if handle else f"#{user.pk}"


def _client_address(request) -> str | None:
    if request is None:
        return None
    from allauth.account.adapter import get_adapter

    try:
        return get_adapter(request).get_client_ip(request)
    except Exception:  # noqa: BLE001 - an address is a detail; the event is recorded without it
        return None


def record(kind: str, *, subject=None, subject_label: str = "", detail: str = "", actor=None, request=None):
    """Add an event to the trail. `actor` defaults to the member making the
    current request; the address is the request's client address."""
    request = request or _request.get()
    if actor is None and request is not None and getattr(request, "user", None) is not None:
        actor = request.user if request.user.is_authenticated else None
    return AuditEvent.objects.create(
        kind=kind,
        actor=actor,
        actor_label=label(actor),
        subject=subject if getattr(subject, "pk", None) else None,
        subject_label=subject_label or label(subject),
        address=_client_address(request),
        detail=detail[:500],
    )


def forget(user) -> None:
    """A deleted account keeps only its number in the trail: its handle and
    the email typed in failed sign-ins are replaced (policies.services)."""
    number = f"#{user.pk}"
    AuditEvent.objects.filter(subject=user).update(subject_label=number)
    AuditEvent.objects.filter(actor=user).update(actor_label=number)
    from allauth.account.models import EmailAddress

    emails = {user.email, *EmailAddress.objects.filter(user=user).values_list("email", flat=True)} - {""}
    for email in emails:  # failed sign-ins under any address the account had
        AuditEvent.objects.filter(subject_label__iexact=email).update(subject_label=number)


def prune(now=None) -> int:
    """Remove events older than AUDIT_RETENTION_DAYS; how many went."""
    now = now or timezone.now()
    cutoff = now - timedelta(days=settings.AUDIT_RETENTION_DAYS)
    deleted, _by_model = AuditEvent.objects.filter(at__lt=cutoff).delete()
    return deleted


# From Django's signals


def _signed_in(sender, request, user, **kwargs):
    record(AuditKind.SIGNED_IN, subject=user, actor=user, request=request)


def _sign_in_failed(sender, credentials, request=None, **kwargs):
    # The identifier as typed (never the password), to see who is being tried.
    tried = str(credentials.get("email") or credentials.get("login") or credentials.get("username") or "")
    record(AuditKind.SIGN_IN_FAILED, subject_label=tried[:200], request=request)


def _roles_changed(sender, instance, action, reverse, model, pk_set, **kwargs):
    if action not in ("post_add", "post_remove") or not pk_set:
        return
    kind = AuditKind.ROLE_GRANTED if action == "post_add" else AuditKind.ROLE_REMOVED
    user_model = get_user_model()
    if reverse:  # group.user_set.add(...): instance is the group
        names, members = [instance.name], user_model.objects.filter(pk__in=pk_set)
    else:
        names, members = sorted(model.objects.filter(pk__in=pk_set).values_list("name", flat=True)), [instance]
    for member in members:
        record(kind, subject=member, detail=", ".join(names))


def connect() -> None:
    """Called once from CoreConfig.ready()."""
    user_logged_in.connect(_signed_in, dispatch_uid="core.audit.signed_in")
    user_login_failed.connect(_sign_in_failed, dispatch_uid="core.audit.sign_in_failed")
    m2m_changed.connect(
        _roles_changed, sender=get_user_model().groups.through, dispatch_uid="core.audit.roles_changed"
    )
