"""What a member reads when the secretariat decides on a role: the outcome
in the subject and the inbox, and the next step: a verified member with a
private profile is asked to make it public, since focal points and experts
are meant to be found (#12, items 6 and 7)."""

import pytest
from django.core import mail

from profiles.models import Verification
from tests.mfa import with_totp

pytestmark = pytest.mark.django_db

ASK = "/en/account/verification/"


def ask_and_decide(client, member, editor, kenya, decision, capture, note=""):
    client.force_login(member)
    client.post(
        ASK,
        {
            "role": "focal_point",
            "focal_point_kind": "bc_focal_point",
            "country": kenya.pk,
            "justification": "Appointed by the Cabinet Secretary, letter of 3 March.",
        },
    )
    verification = Verification.objects.get(user=member)
    client.force_login(with_totp(editor))
    with capture(execute=True):
        response = client.post(f"/admin/verifications/{verification.pk}/", {"decision": decision, "note": note})
    assert response.status_code == 302
    return verification


def test_approval_names_the_role_and_asks_a_private_member_to_be_found(
    client,
    member,
    editor,
    kenya,
    django_capture_on_commit_callbacks,
):
    ask_and_decide(client, member, editor, kenya, "approve", django_capture_on_commit_callbacks)

    [email] = mail.outbox
    assert email.subject == "[BRS Hub] You are verified as Basel focal point, Kenya"
    assert "Your profile is private, so you are not listed in the directory of focal points." in email.body
    assert "http://testserver/en/account/profile/" in email.body
    html = email.alternatives[0][0]
    assert 'href="http://testserver/en/account/profile/">Make my profile public</a>' in html
    notification = member.notifications.get()
    assert notification.description == "You are verified as Basel focal point, Kenya"

    client.force_login(member)
    roles = client.get(ASK).content.decode()
    assert "Your profile is private, so colleagues cannot find you." in roles
    assert 'href="/en/account/profile/#id_is_public">make your profile public</a>' in roles

    member.profile.is_public = True
    member.profile.save()
    assert "Your profile is private" not in client.get(ASK).content.decode()


def test_approval_of_a_public_member_says_where_they_are_listed(
    client,
    member,
    editor,
    kenya,
    django_capture_on_commit_callbacks,
):
    member.profile.is_public = True
    member.profile.save()
    ask_and_decide(client, member, editor, kenya, "approve", django_capture_on_commit_callbacks)

    [email] = mail.outbox
    assert "You are listed in the directory of focal points and on your country's profile." in email.body
    assert "Make my profile public" not in email.alternatives[0][0]


def test_a_declined_request_says_so_in_the_subject_and_what_to_do(
    client,
    member,
    editor,
    kenya,
    django_capture_on_commit_callbacks,
):
    ask_and_decide(
        client, member, editor, kenya, "decline", django_capture_on_commit_callbacks, note="Send the letter."
    )

    [email] = mail.outbox
    assert email.subject == "[BRS Hub] Your request to be recognised as Basel focal point, Kenya was declined"
    assert "Send the letter." in email.body
    assert "You can ask again with more detail about your office from your roles page." in email.body
    client.force_login(member)
    assert "Your profile is private, so colleagues cannot find you." not in client.get(ASK).content.decode()
