import pytest
from django.core import mail

from conventions.models import ThematicArea
from profiles.constants import VerificationStatus
from profiles.models import Verification
from tests.mfa import with_totp
from tests.profiles.factories import EditorFactory, MemberFactory

ASK = "/en/account/verification/"


@pytest.mark.django_db
def test_member_asks_to_be_a_focal_point_and_an_editor_approves_it(
    client, member, editor, kenya, django_capture_on_commit_callbacks
):
    client.force_login(member)
    response = client.post(
        ASK,
        {
            "role": "focal_point",
            "focal_point_kind": "bc_focal_point",
            "country": kenya.pk,
            "justification": "Appointed by the Cabinet Secretary, letter of 3 March.",
        },
    )
    assert response.status_code == 302
    verification = Verification.objects.get(user=member)
    assert verification.status == VerificationStatus.PENDING
    assert verification.instrument.code == "BC"
    assert "Awaiting review" in client.get(ASK).content.decode()

    client.force_login(with_totp(editor))
    queue = client.get("/admin/verifications/")
    assert queue.status_code == 200
    assert "Basel focal point, Kenya" in queue.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        decided = client.post(f"/admin/verifications/{verification.pk}/", {"decision": "approve", "note": ""})
    assert decided.status_code == 302

    verification.refresh_from_db()
    assert verification.status == VerificationStatus.APPROVED
    assert verification.decided_by == editor
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [member.email]
    assert "verified you as Basel focal point, Kenya" in mail.outbox[0].body
    assert member.notifications.count() == 1

    # the badge shows next to the name on the public profile
    member.profile.is_public = True
    member.profile.save()
    client.logout()
    page = client.get(f"/en/people/{member.handle}/").content.decode()
    assert "Basel focal point, Kenya" in page


@pytest.mark.django_db
def test_declining_needs_a_note_and_the_member_reads_it(client, member, editor, django_capture_on_commit_callbacks):
    area = ThematicArea.objects.get(slug="pcbs")
    client.force_login(member)
    client.post(ASK, {"role": "expert", "thematic_areas": [area.pk], "justification": "Ten years on PCB inventories."})
    verification = Verification.objects.get(user=member)

    client.force_login(with_totp(editor))
    refused = client.post(f"/admin/verifications/{verification.pk}/", {"decision": "decline", "note": ""})
    assert refused.status_code == 400
    verification.refresh_from_db()
    assert verification.status == VerificationStatus.PENDING
    assert not mail.outbox

    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            f"/admin/verifications/{verification.pk}/",
            {"decision": "decline", "note": "Please send a link to your publications."},
        )
    verification.refresh_from_db()
    assert verification.status == VerificationStatus.DECLINED
    assert "Please send a link to your publications." in mail.outbox[0].body
    # deciding twice is refused
    again = client.post(f"/admin/verifications/{verification.pk}/", {"decision": "approve"})
    assert again.status_code == 409
    assert "This request was already decided." in again.content.decode()
    verification.refresh_from_db()
    assert verification.status == VerificationStatus.DECLINED
    assert len(mail.outbox) == 1


@pytest.mark.django_db
def test_incomplete_request_is_400_and_writes_nothing(client, member):
    client.force_login(member)
    response = client.post(ASK, {"role": "focal_point", "justification": "I am the focal point."})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Choose the kind of focal point." in html
    assert "Choose the country you represent." in html
    assert not Verification.objects.exists()


@pytest.mark.django_db
def test_unverified_email_cannot_ask_for_a_role(client, kenya):
    member = MemberFactory(verified=False)
    client.force_login(member)
    response = client.post(
        ASK,
        {"role": "focal_point", "focal_point_kind": "rc_dna", "country": kenya.pk, "justification": "DNA."},
    )
    assert response.status_code == 400
    assert "Confirm your email address" in response.content.decode()
    assert not Verification.objects.exists()


@pytest.mark.django_db
def test_plain_members_cannot_open_the_queue(client, member):
    client.force_login(member)
    response = client.get("/admin/verifications/")
    assert response.status_code in (302, 403)
    assert Verification.objects.count() == 0


@pytest.mark.django_db
def test_decision_task_run_twice_tells_the_member_once(member, editor, kenya, django_capture_on_commit_callbacks):
    from profiles import tasks
    from profiles.services import decide_verification, request_verification

    verification = request_verification(
        member, role="focal_point", justification="x", country=kenya, focal_point_kind="sc_focal_point"
    )
    with django_capture_on_commit_callbacks(execute=True):
        decide_verification(verification, editor=editor, approve=True)
    tasks.send_verification_decision(verification.pk)
    tasks.send_verification_decision(verification.pk)
    assert len(mail.outbox) == 1


@pytest.mark.django_db
def test_an_editor_cannot_approve_their_own_request(client, editor):
    area = ThematicArea.objects.get(slug="pcbs")
    client.force_login(with_totp(editor))
    client.post(ASK, {"role": "expert", "thematic_areas": [area.pk], "justification": "I know PCBs."})
    verification = Verification.objects.get(user=editor)

    response = client.post(f"/admin/verifications/{verification.pk}/", {"decision": "approve", "note": ""})
    assert response.status_code == 409
    assert "You cannot decide your own request" in response.content.decode()
    verification.refresh_from_db()
    assert verification.status == VerificationStatus.PENDING
    assert verification.decided_by is None

    # another editor can
    colleague = with_totp(EditorFactory())
    client.force_login(colleague)
    assert client.post(f"/admin/verifications/{verification.pk}/", {"decision": "approve"}).status_code == 302
    verification.refresh_from_db()
    assert verification.status == VerificationStatus.APPROVED


def pending_request(member, kenya):
    from profiles.services import request_verification

    return request_verification(
        member, role="focal_point", justification="x", country=kenya, focal_point_kind="sc_focal_point"
    )


@pytest.mark.django_db
def test_the_decision_email_is_in_the_members_language(member, editor, kenya, django_capture_on_commit_callbacks):
    from profiles.services import decide_verification

    member.profile.languages = ["fr", "en"]
    member.profile.save()
    with django_capture_on_commit_callbacks(execute=True):
        decide_verification(pending_request(member, kenya), editor=editor, approve=True)
    html, mimetype = mail.outbox[0].alternatives[0]
    assert mimetype == "text/html"
    assert '<html lang="fr">' in html


@pytest.mark.django_db
def test_a_failed_in_app_notification_is_retried_without_a_second_email(
    member, editor, kenya, monkeypatch, eager_retries, django_capture_on_commit_callbacks
):
    from profiles import tasks
    from profiles.services import decide_verification

    real_notify, attempts = tasks.notify, []

    class NotifyFailingOnce:
        @staticmethod
        def send(*args, **kwargs):
            attempts.append(1)
            if len(attempts) == 1:
                raise ConnectionError("database connection lost")
            return real_notify.send(*args, **kwargs)

    monkeypatch.setattr(tasks, "notify", NotifyFailingOnce)
    with django_capture_on_commit_callbacks(execute=True):
        decide_verification(pending_request(member, kenya), editor=editor, approve=True)
    assert len(attempts) == 2
    assert member.notifications.count() == 1
    assert len(mail.outbox) == 1


@pytest.mark.django_db
def test_a_failed_email_is_retried_without_a_second_notification(
    member, editor, kenya, settings, monkeypatch, eager_retries, django_capture_on_commit_callbacks
):
    from profiles.services import decide_verification
    from tests.profiles.email_backends import MailServerFailingOnce

    monkeypatch.setattr(MailServerFailingOnce, "failed", False)
    settings.EMAIL_BACKEND = "tests.profiles.email_backends.MailServerFailingOnce"
    with django_capture_on_commit_callbacks(execute=True):
        decide_verification(pending_request(member, kenya), editor=editor, approve=True)
    assert MailServerFailingOnce.failed
    assert len(mail.outbox) == 1
    assert member.notifications.count() == 1


@pytest.mark.django_db
def test_a_worker_dying_while_emailing_leaves_the_email_to_the_redelivered_task(
    member, editor, kenya, settings, monkeypatch
):
    from profiles import tasks
    from profiles.services import decide_verification
    from tests.profiles.email_backends import WorkerDiesOnce, WorkerLost

    monkeypatch.setattr(WorkerDiesOnce, "died", False)
    settings.EMAIL_BACKEND = "tests.profiles.email_backends.WorkerDiesOnce"
    verification = decide_verification(pending_request(member, kenya), editor=editor, approve=True)
    with pytest.raises(WorkerLost):
        tasks.send_verification_decision(verification.pk)
    assert member.notifications.count() == 1
    assert not mail.outbox
    # the broker hands the unacknowledged task to another worker
    tasks.send_verification_decision(verification.pk)
    tasks.send_verification_decision(verification.pk)
    assert len(mail.outbox) == 1
    assert member.notifications.count() == 1
