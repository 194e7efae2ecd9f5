"""Reply by email: a reply to the Reply-To address of an email about a
question becomes an answer from that member, through the same rules as the
site; anything else writes nothing, and only members are told why."""

import hashlib
import hmac
import io
import json
import time
from email.message import EmailMessage
from email.utils import make_msgid

import pytest
from anymail.signals import inbound
from django.core import mail
from django.core.management import CommandError, call_command

from community.constants import PostStatus
from community.models import Answer
from community.services import ask_question, post_answer, sanction_member, set_locked
from core.models import EmailDelivery
from subscriptions import replies
from subscriptions.emails import send_event_email
from subscriptions.replies import MAX_MESSAGE_BYTES, reply_address, strip_quoted_text
from subscriptions.webhooks import receive_reply
from tests.mfa import with_totp
from tests.profiles.factories import EditorFactory, MemberFactory

SIGNING_KEY = "mailgun-signing-key-for-tests"


# Replies from established members; the trust-rule and rate-limit tests set these back.
pytestmark = pytest.mark.usefixtures("established_members")


@pytest.fixture(autouse=True)
def _reply_addresses(settings):
    settings.REPLY_EMAIL_DOMAIN = "reply.localhost"
    settings.ANYMAIL = {"MAILGUN_WEBHOOK_SIGNING_KEY": SIGNING_KEY}


@pytest.fixture(autouse=True)
def _receiver_connected():
    # The same connection SubscriptionsConfig.ready() makes (same
    # dispatch_uid, so connecting twice is harmless).
    inbound.connect(receive_reply, dispatch_uid="subscriptions.receive_reply")


@pytest.fixture
def question(db):
    return ask_question(MemberFactory(), title="How do you keep a PCB inventory current?", body="Details, please.")


def reply_eml(to, sender, text=None, *, html=None, attachment_bytes=0, headers=None) -> bytes:
    message = EmailMessage()
    message["From"] = sender
    message["To"] = to
    message["Subject"] = "Re: [BRS Hub] New answer"
    message["Message-ID"] = make_msgid(domain="mail.example.org")
    for name, value in (headers or {}).items():
        message[name] = value
    if text is not None:
        message.set_content(text)
    if html is not None:
        if text is None:
            message.set_content(html, subtype="html")
        else:
            message.add_alternative(html, subtype="html")
    if attachment_bytes:
        message.add_attachment(
            b"\0" * attachment_bytes, maintype="application", subtype="octet-stream", filename="inventory.bin"
        )
    return message.as_bytes()


def receive(raw: bytes):
    return call_command("receive_email", stdin=io.BytesIO(raw), stdout=io.StringIO())


def refused(raw: bytes) -> CommandError:
    with pytest.raises(CommandError) as error:
        receive(raw)
    return error.value


QUOTED_REPLY = (
    "We update ours every quarter from the customs data.\n"
    '<script>alert("stolen")</script>\n'
    "\n"
    "On Tue, 3 Jun 2025 at 10:00, BRS Clearing-House Hub <hub@localhost>\n"
    "wrote:\n"
    "> Secret draft figures quoted from the question.\n"
    "> More quoted text.\n"
    "\n"
    "-- \n"  # the signature delimiter: dash, dash, space
    "Amina Diallo\n"
    "Ministry of Environment\n"
)


@pytest.mark.django_db
def test_a_reply_to_the_reply_to_address_becomes_an_answer(question, django_capture_on_commit_callbacks):
    asker, answerer = question.author, MemberFactory()
    with django_capture_on_commit_callbacks(execute=True):
        post_answer(answerer, question, body="Start from the national inventory.")
    [email] = [each for each in mail.outbox if each.to == [asker.email]]
    [address] = email.reply_to
    assert address.startswith("reply+") and address.endswith("@reply.localhost")
    assert len(address.split("@")[0]) <= 64  # RFC 5321 local part

    with django_capture_on_commit_callbacks(execute=True):
        receive(reply_eml(address, asker.email, QUOTED_REPLY))

    answer = Answer.objects.get(question=question, author=asker)
    assert answer.status == PostStatus.VISIBLE
    assert answer.body_markdown == (
        'We update ours every quarter from the customs data.\n<script>alert("stolen")</script>'
    )
    assert "customs data" in answer.body_html
    # Shown as typed, as text (core.markup.NoRawHtml): never an element.
    assert "<script" not in answer.body_html and "&lt;script&gt;" in answer.body_html
    assert "Secret draft" not in answer.body_markdown and "Amina" not in answer.body_markdown
    # Like any answer, it reaches those who follow the question.
    assert answerer.notifications.get(verb="answer.posted").target == answer


@pytest.mark.django_db
def test_an_html_only_reply_is_read_without_its_quoted_part(question):
    member = MemberFactory()
    html = (
        "<div>We publish it <b>every year</b>.<br>Happy to share the template.</div>"
        '<div class="gmail_quote">On Tue, 3 Jun 2025, Hub wrote:<blockquote>Quoted question</blockquote></div>'
    )
    receive(reply_eml(reply_address(member, question), member.email, html=html))
    answer = Answer.objects.get(author=member)
    assert answer.body_markdown == "We publish it every year.\nHappy to share the template."
    assert "Quoted" not in answer.body_html


@pytest.mark.django_db
def test_the_address_is_read_whatever_its_case_and_from_any_confirmed_address(question):
    from allauth.account.models import EmailAddress

    member = MemberFactory()
    EmailAddress.objects.create(user=member, email="amina@work.example.org", verified=True, primary=False)
    receive(reply_eml(reply_address(member, question).upper(), "Amina@Work.example.org", "Yes, we do."))
    assert Answer.objects.get(author=member).body_markdown == "Yes, we do."


@pytest.mark.django_db
def test_the_same_message_delivered_twice_is_posted_once(question):
    member = MemberFactory()
    raw = reply_eml(reply_address(member, question), member.email, "Only once, please.")
    receive(raw)
    error = refused(raw)
    assert "already" in str(error)
    assert Answer.objects.filter(author=member).count() == 1


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("Agreed.\n\n-----Original Message-----\nFrom: Hub\nSent: Monday\nOld text", "Agreed."),
        ("Agreed.\n\nFrom: BRS Hub <hub@localhost>\nSent: Monday, 2 June 2025 10:00\nTo: me\nOld", "Agreed."),
        ("D'accord.\n\nLe lun. 2 juin 2025 à 10:00, BRS Hub <hub@localhost> a écrit :\n> Ancien", "D'accord."),
        ("De acuerdo.\n\nEl lun, 2 jun 2025 a las 10:00, BRS Hub (<hub@localhost>) escribió:\n> Viejo", "De acuerdo."),
        ("Agreed.\n\nSent from my iPhone", "Agreed."),
        ("Agreed.\n________________________________\nFrom: Hub", "Agreed."),
        ("First point.\n> quoted in between\nSecond point.", "First point.\nSecond point."),
        # A Markdown rule or a line that merely mentions writing is the member's own text.
        ("Part one.\n\n---\n\nOn Monday the secretariat wrote: see the report.", None),
    ],
)
def test_quoted_text_and_signatures_are_stripped(text, kept):
    assert strip_quoted_text(text) == (kept if kept is not None else text)


@pytest.mark.django_db
def test_a_member_silenced_by_the_secretariat_cannot_post_by_email(question, django_capture_on_commit_callbacks):
    member = MemberFactory()
    with django_capture_on_commit_callbacks(execute=True):
        sanction_member(EditorFactory(), member, kind="silence", days=7, reason="Repeated off-topic posts")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        error = refused(reply_eml(reply_address(member, question), member.email, "Let me post anyway."))
    assert error.returncode == 77 and "Repeated off-topic posts" in str(error)
    assert not Answer.objects.filter(author=member).exists()
    [why] = mail.outbox
    assert why.to == [member.email]
    assert "not posted" in why.subject and "Repeated off-topic posts" in why.body
    assert question.title in why.body
    assert why.extra_headers["Auto-Submitted"] == "auto-replied"


@pytest.mark.django_db
def test_a_locked_question_takes_no_reply(question, django_capture_on_commit_callbacks):
    member = MemberFactory()
    address = reply_address(member, question)
    set_locked(with_totp(EditorFactory()), question, True, reason="Resolved at COP")
    with django_capture_on_commit_callbacks(execute=True):
        error = refused(reply_eml(address, member.email, "One more thing."))
    assert "locked" in str(error)
    assert not Answer.objects.filter(author=member).exists()
    [why] = mail.outbox
    assert why.to == [member.email] and "locked" in why.body


@pytest.mark.django_db
def test_an_expired_address_is_refused_and_the_member_told(
    question, settings, monkeypatch, django_capture_on_commit_callbacks
):
    settings.REPLY_TOKEN_MAX_AGE = 3600
    member = MemberFactory()
    two_hours_ago = time.time() - 7200
    with monkeypatch.context() as patch:
        patch.setattr(replies.time, "time", lambda: two_hours_ago)
        old_address = reply_address(member, question)
    with django_capture_on_commit_callbacks(execute=True):
        error = refused(reply_eml(old_address, member.email, "Late reply."))
    assert "expired" in str(error)
    assert not Answer.objects.exists()
    [why] = mail.outbox
    assert why.to == [member.email] and "expired" in why.body
    # A fresh address from the same settings works.
    receive(reply_eml(reply_address(member, question), member.email, "On time."))
    assert Answer.objects.get(author=member).body_markdown == "On time."


@pytest.mark.django_db
def test_an_altered_address_is_refused_and_the_sender_told_only_when_a_member(
    question, django_capture_on_commit_callbacks
):
    member = MemberFactory()
    local, domain = reply_address(member, question).split("@")
    tampered = f"{local[:-1]}{'a' if local[-1] != 'a' else 'b'}@{domain}"
    with django_capture_on_commit_callbacks(execute=True):
        error = refused(reply_eml(tampered, member.email, "Tampered."))
        refused(reply_eml(tampered, "someone@elsewhere.example", "Tampered by a stranger."))
    assert "not a valid reply address" in str(error)
    assert not Answer.objects.exists()
    [why] = mail.outbox  # the member who wrote; never the stranger
    assert why.to == [member.email]


@pytest.mark.django_db
def test_a_reply_from_an_unknown_address_is_not_posted_and_never_answered(
    question, django_capture_on_commit_callbacks
):
    member = MemberFactory()
    with django_capture_on_commit_callbacks(execute=True):
        error = refused(reply_eml(reply_address(member, question), "impostor@elsewhere.example", "Spam answer."))
    assert "not a confirmed address" in str(error)
    assert not Answer.objects.exists()
    # The member whose address it was is told (their own address on file); the stranger gets nothing.
    assert [each.to for each in mail.outbox] == [[member.email]]
    assert "impostor@elsewhere.example" in mail.outbox[0].body


@pytest.mark.django_db
def test_a_member_replying_with_someone_else_s_address_is_told_not_the_owner(
    question, django_capture_on_commit_callbacks
):
    member, colleague = MemberFactory(), MemberFactory()
    forwarded = reply_address(member, question)
    with django_capture_on_commit_callbacks(execute=True):
        error = refused(reply_eml(forwarded, colleague.email, "Answering from a forwarded email."))
    assert "another member" in str(error)
    assert not Answer.objects.exists()
    assert [each.to for each in mail.outbox] == [[colleague.email]]


@pytest.mark.django_db
def test_an_empty_reply_and_an_out_of_office_notice_are_not_posted(question, django_capture_on_commit_callbacks):
    member = MemberFactory()
    address = reply_address(member, question)
    with django_capture_on_commit_callbacks(execute=True):
        refused(reply_eml(address, member.email, "\n\nOn Mon, 2 Jun 2025, Hub wrote:\n> The question"))
    assert "empty" in mail.outbox[0].body
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        away = reply_eml(address, member.email, "I am away until Monday.", headers={"Auto-Submitted": "auto-replied"})
        refused(away)
    assert not Answer.objects.exists()
    assert mail.outbox == []  # never answer an automatic message


@pytest.mark.django_db
def test_replies_follow_the_trust_rules_and_rate_limits_of_the_site(
    question, settings, django_capture_on_commit_callbacks
):
    settings.FORUM_NEW_MEMBER_HELD_POSTS = 1
    settings.FORUM_RATE_LIMITS = {"question": 1000, "answer": 1, "flag": 1000}
    newcomer = MemberFactory()
    receive(reply_eml(reply_address(newcomer, question), newcomer.email, "My first post."))
    assert Answer.objects.get(author=newcomer).status == PostStatus.HELD
    with django_capture_on_commit_callbacks(execute=True):
        error = refused(reply_eml(reply_address(newcomer, question), newcomer.email, "A second one."))
    assert "limit of 1 per hour" in str(error)
    assert Answer.objects.filter(author=newcomer).count() == 1


class CountingStream(io.BytesIO):
    """Standard input that remembers how much was read from it."""

    consumed = 0

    def read(self, size=-1):
        data = super().read(size)
        self.consumed += len(data)
        return data


@pytest.mark.django_db
def test_a_message_with_a_30_mb_attachment_is_refused_unread(question):
    member = MemberFactory()
    raw = reply_eml(reply_address(member, question), member.email, "See attached.", attachment_bytes=30 * 2**20)
    stream = CountingStream(raw)
    with pytest.raises(CommandError) as error:
        call_command("receive_email", stdin=stream)
    assert error.value.returncode == 65 and "larger than 10 MB" in str(error.value)
    assert stream.consumed == MAX_MESSAGE_BYTES + 1 < len(raw)
    assert not Answer.objects.exists() and not EmailDelivery.objects.exists()
    assert mail.outbox == []


@pytest.mark.django_db
def test_a_small_attachment_is_ignored(question):
    member = MemberFactory()
    receive(reply_eml(reply_address(member, question), member.email, "Figures attached.", attachment_bytes=2048))
    assert Answer.objects.get(author=member).body_markdown == "Figures attached."


@pytest.mark.django_db
@pytest.mark.parametrize("raw", [b"", b"\x00\xff\xfe not an email at all \x00", b"Subject: no sender\n\nHello"])
def test_malformed_input_is_refused_with_a_clear_error(raw):
    error = refused(raw)
    assert error.returncode == 65 and "not a readable email message" in str(error)
    assert not Answer.objects.exists() and mail.outbox == []


# The inbound webhook, with Mailgun's format (raw MIME, signed) ------------------------------------------


def mailgun_signature(key: str = SIGNING_KEY) -> dict:
    timestamp, token = str(int(time.time())), "a" * 50
    signature = hmac.new(key.encode(), f"{timestamp}{token}".encode(), hashlib.sha256).hexdigest()
    return {"timestamp": timestamp, "token": token, "signature": signature}


@pytest.mark.django_db
def test_the_inbound_webhook_posts_a_signed_reply(client, question):
    member = MemberFactory()
    address = reply_address(member, question)
    raw = reply_eml(address, member.email, QUOTED_REPLY).decode()
    fields = {"body-mime": raw, "recipient": address, "sender": member.email}
    response = client.post("/anymail/mailgun/inbound_mime/", {**fields, **mailgun_signature()})
    assert response.status_code == 200
    answer = Answer.objects.get(author=member)
    assert answer.body_markdown.startswith("We update ours every quarter") and "<script" not in answer.body_html


@pytest.mark.django_db
def test_the_inbound_webhook_refuses_a_bad_signature(client, question):
    member = MemberFactory()
    address = reply_address(member, question)
    fields = {"body-mime": reply_eml(address, member.email, "Forged.").decode(), "recipient": address}
    response = client.post("/anymail/mailgun/inbound_mime/", {**fields, **mailgun_signature("not-the-key")})
    assert response.status_code == 400
    assert not Answer.objects.exists() and mail.outbox == []


@pytest.mark.django_db
def test_the_inbound_webhook_acknowledges_a_refused_reply_and_tells_the_member(
    client, question, django_capture_on_commit_callbacks
):
    member = MemberFactory()
    address = reply_address(member, question)
    set_locked(with_totp(EditorFactory()), question, True)
    fields = {"body-mime": reply_eml(address, member.email, "Too late.").decode(), "recipient": address}
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/anymail/mailgun/inbound_mime/", {**fields, **mailgun_signature()})
    assert response.status_code == 200  # handled: the provider must not deliver it again
    assert not Answer.objects.exists()
    assert [each.to for each in mail.outbox] == [[member.email]]


@pytest.mark.django_db
def test_the_inbound_webhook_refuses_a_30_mb_attachment(client, question):
    """Mailgun's parsed format posts attachments as files, which Django's
    DATA_UPLOAD_MAX_MEMORY_SIZE does not count: the size check does."""
    member = MemberFactory()
    address = reply_address(member, question)
    headers = [["From", member.email], ["To", address], ["Subject", "Re: question"], ["Message-Id", make_msgid()]]
    attachment = io.BytesIO(b"\0" * (30 * 2**20))
    attachment.name = "inventory.bin"
    fields = {
        "message-headers": json.dumps(headers),
        "body-plain": "See attached.",
        "attachment-count": "1",
        "attachment-1": attachment,
        "recipient": address,
        "sender": member.email,
    }
    response = client.post("/anymail/mailgun/inbound/", {**fields, **mailgun_signature()})
    assert response.status_code == 400
    assert not Answer.objects.exists() and not EmailDelivery.objects.exists() and mail.outbox == []


# The Reply-To address on emails -------------------------------------------------------------------------


@pytest.mark.django_db
def test_only_emails_about_a_question_open_to_answers_carry_a_reply_address(question):
    member = MemberFactory()
    send_event_email(member.pk, f"question:{question.pk}:published", "question.published", "New question", "")
    send_event_email(member.pk, "membership:1:approved:0", "membership.approved", "You are now a member", "")
    set_locked(with_totp(EditorFactory()), question, True)
    send_event_email(member.pk, f"question:{question.pk}:mention", "mention", "You were mentioned", "")
    about_question, membership, locked = mail.outbox
    # The address is signed with the time it was made: read it back rather than compare strings.
    (address,) = about_question.reply_to
    local, domain = address.split("@")
    token = replies.read_reply_token(local.removeprefix("reply+"))
    assert domain == "reply.localhost" and local.startswith("reply+")
    assert (token.user_id, token.question_id, token.expired) == (member.pk, question.pk, False)
    assert membership.reply_to == [] and locked.reply_to == []
