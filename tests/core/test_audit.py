"""The audit trail (#18): sign-ins and failed sign-ins, role grants and
removals, sanctions, data exports, account deletions, API keys issued and
revoked, each recorded with who, to whom and from where; read (and only
read) in the admin by the Administrators group; kept AUDIT_RETENTION_DAYS."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.db.models import Q
from django.utils import timezone

from community.services import sanction_member
from core.audit import prune
from core.models import AuditEvent, AuditKind
from policies.services import delete_account
from profiles.constants import ADMINISTRATORS_GROUP, EDITORS_GROUP
from tests.mfa import with_totp
from tests.profiles.factories import PASSWORD, EditorFactory, MemberFactory

pytestmark = pytest.mark.django_db


def events(kind) -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(kind=kind).order_by("pk"))


def administrator():
    admin = with_totp(MemberFactory(is_staff=True))
    admin.groups.add(Group.objects.get(name=ADMINISTRATORS_GROUP))
    return admin


def test_sign_ins_and_failed_sign_ins_are_recorded_with_the_address(client):
    member = MemberFactory(email="amina@example.org")
    client.post("/en/accounts/login/", {"login": "amina@example.org", "password": "not the password"})
    client.post(
        "/en/accounts/login/", {"login": "amina@example.org", "password": PASSWORD}, REMOTE_ADDR="198.51.100.7"
    )
    (failed,) = events(AuditKind.SIGN_IN_FAILED)
    assert failed.subject_label == "amina@example.org"
    assert failed.address == "127.0.0.1"
    assert not AuditEvent.objects.filter(
        Q(detail__contains="not the password")
        | Q(subject_label__contains="not the password")
        | Q(actor_label__contains="not the password")
    ).exists()
    (signed_in,) = events(AuditKind.SIGNED_IN)
    assert signed_in.subject == member and signed_in.actor == member
    assert signed_in.address == "198.51.100.7"
    assert signed_in.subject_label == f"#{member.pk} @{member.handle}"


def test_roles_granted_and_removed_are_recorded_whichever_side_changes(client):
    member = MemberFactory()
    editors = Group.objects.get(name=EDITORS_GROUP)
    member.groups.add(editors)
    editors.user_set.remove(member)
    (granted,) = events(AuditKind.ROLE_GRANTED)
    (removed,) = events(AuditKind.ROLE_REMOVED)
    assert granted.subject == member and granted.detail == EDITORS_GROUP
    assert removed.subject == member and removed.detail == EDITORS_GROUP


def test_a_role_granted_while_serving_a_request_names_who_granted_it_and_from_where(rf):
    """As the admin's user form does: within the administrator's request."""
    from core.audit import AuditContextMiddleware

    admin, member = administrator(), MemberFactory()
    editors = Group.objects.get(name=EDITORS_GROUP)
    request = rf.post("/admin/users/", REMOTE_ADDR="203.0.113.9")
    request.user = admin

    def admin_user_form(request):
        member.groups.add(editors)

    AuditContextMiddleware(admin_user_form)(request)
    granted = AuditEvent.objects.get(kind=AuditKind.ROLE_GRANTED, subject=member)
    assert granted.actor == admin and granted.address == "203.0.113.9"
    assert granted.actor_label == f"#{admin.pk} @{admin.handle}"


def test_sanctions_exports_and_deletions_are_recorded(client):
    editor, member = with_totp(EditorFactory()), MemberFactory()
    sanction_member(editor, member, kind="silence", days=7, reason="Advertising in three groups.")
    (sanctioned,) = events(AuditKind.SANCTIONED)
    assert sanctioned.actor == editor and sanctioned.subject == member
    assert sanctioned.detail == "silence, 7 days: Advertising in three groups."

    client.force_login(member)
    assert client.get("/en/account/export/").status_code == 200
    (exported,) = events(AuditKind.DATA_EXPORTED)
    assert exported.actor == member and exported.subject == member

    number, handle = member.pk, member.handle
    # The member deletes their own account, within their own request.
    from core.audit import AuditContextMiddleware

    request = client.get("/en/").wsgi_request
    request.user = member
    AuditContextMiddleware(lambda request: delete_account(member))(request)
    (deleted,) = events(AuditKind.ACCOUNT_DELETED)
    assert deleted.subject_label == f"#{number}"
    # What stays of the account in the trail is its number: the handle went with it.
    assert not AuditEvent.objects.filter(subject_label__contains=handle).exists()
    assert not AuditEvent.objects.filter(actor_label__contains=handle).exists()
    assert AuditEvent.objects.filter(subject_id=number).count() == 0


def test_api_keys_issued_and_revoked_in_the_admin_are_recorded(client):
    from api.models import ApiKey

    admin = with_totp(MemberFactory(is_superuser=True, is_staff=True))
    client.force_login(admin)
    client.post("/admin/api_keys/new/", {"partner": "Regional node of Senegal", "contact": "node@example.sn"})
    key = ApiKey.objects.get()
    client.post(
        f"/admin/api_keys/edit/{key.pk}/",
        {"partner": key.partner, "contact": key.contact, "note": "", "revoke": "on"},
    )
    (issued,) = events(AuditKind.API_KEY_ISSUED)
    (revoked,) = events(AuditKind.API_KEY_REVOKED)
    assert issued.actor == admin and issued.detail == f"Regional node of Senegal ({key.prefix}…)"
    assert revoked.actor == admin


def test_administrators_read_the_trail_and_nobody_writes_it(client):
    member = MemberFactory()
    sanction_member(with_totp(EditorFactory()), member, kind="suspend", days=None, reason="Threats.")
    admin = administrator()
    client.force_login(admin)
    listing = client.get("/admin/audit_trail/")
    assert listing.status_code == 200
    page = listing.content.decode()
    assert "Member sanctioned" in page and "suspend, until lifted: Threats." in page
    assert "/admin/audit_trail/new/" not in page
    event = AuditEvent.objects.get(kind=AuditKind.SANCTIONED)
    assert client.get(f"/admin/audit_trail/inspect/{event.pk}/").status_code == 200
    for path in ("/admin/audit_trail/new/", f"/admin/audit_trail/edit/{event.pk}/"):
        assert client.get(path).status_code in (302, 403), path
    assert client.post(f"/admin/audit_trail/delete/{event.pk}/").status_code in (302, 403)
    assert AuditEvent.objects.filter(pk=event.pk).exists()
    # A superuser may read it, and still not change it.
    superuser = with_totp(MemberFactory(is_superuser=True, is_staff=True))
    client.force_login(superuser)
    assert client.get(f"/admin/audit_trail/edit/{event.pk}/").status_code in (302, 403)
    # Secretariat editors moderate, but do not read the trail.
    client.force_login(with_totp(EditorFactory()))
    assert client.get("/admin/audit_trail/").status_code in (302, 403)


def test_events_older_than_the_retention_are_removed(settings):
    settings.AUDIT_RETENTION_DAYS = 30
    member = MemberFactory()
    old = AuditEvent.objects.create(kind=AuditKind.SIGNED_IN, subject=member)
    recent = AuditEvent.objects.create(kind=AuditKind.SIGNED_IN, subject=member)
    AuditEvent.objects.filter(pk=old.pk).update(at=timezone.now() - timedelta(days=31))
    assert prune() == 1
    assert list(AuditEvent.objects.values_list("pk", flat=True)) == [recent.pk]
    from config.celery import app as celery_app

    assert celery_app.conf.beat_schedule["prune-audit-trail"]["task"] == "core.tasks.prune_audit_trail"
