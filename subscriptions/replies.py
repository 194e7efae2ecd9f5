"""Reply by email: an email about a question carries a Reply-To address with
a signed token naming the member and the question; a reply to it, through
anymail's inbound webhook or `manage.py receive_email`, becomes an answer
from that member, through the same `post_answer` as the site (verified
address, sanctions, locked or closed questions, groups, trust rules, rate
limits, sanitizing).

A refused reply writes nothing. The "why" email goes only to a member's
address on file, never to whatever a message claims as its sender, so a
forged or stray message cannot make the hub mail strangers (backscatter).
"""

import base64
import email.errors
import hashlib
import logging
import re
import time
from dataclasses import dataclass
from typing import NoReturn

from anymail.inbound import AnymailInboundMessage
from bs4 import BeautifulSoup
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import signing
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import translation
from django.utils.crypto import salted_hmac
from django.utils.http import base36_to_int, int_to_base36
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from community.constants import POST_MAX_LENGTH
from community.services import ForumError, post_answer, readable_question
from core.email import member_language

from .emails import send_reply_refused
from .events import EventKind

logger = logging.getLogger(__name__)

REPLY_SALT = "subscriptions.reply"
# A whole message, attachments included (they are never posted): anything
# bigger is refused before it is parsed.
MAX_MESSAGE_BYTES = 10 * 1024 * 1024
# The same limit as an answer written on the site.
MAX_REPLY_CHARACTERS = POST_MAX_LENGTH
# How long a handled message is remembered, so that a provider or mail
# server delivering it again does not post it twice.
HANDLED_MESSAGE_SECONDS = 7 * 24 * 3600
# The events about a question: the emails about them carry a reply address.
QUESTION_EVENT_KINDS = {
    EventKind.QUESTION_PUBLISHED,
    EventKind.ANSWER_POSTED,
    EventKind.ANSWER_ACCEPTED,
    EventKind.MENTION,
}


class ReplyRefused(Exception):
    """A reply by email that was not posted. `message` is for people (the
    member, the operator running the command); `reason` names the case for
    logs; `status` is the HTTP status a webhook answers with."""

    def __init__(self, message: str, *, reason: str, status: int = 403):
        super().__init__(message)
        self.reason = reason
        self.status = status


# The token ------------------------------------------------------------------


class ReplyTokenSigner(signing.Signer):
    """Django's signer (SECRET_KEY and its fallbacks, a salt), with a
    signature of lowercase letters and digits: the token is the local part of
    an address, which some mail servers turn to lowercase, and which must
    stay under 64 characters (RFC 5321)."""

    def signature(self, value, key=None):
        digest = salted_hmac(self.salt + "signer", value, key or self.key, algorithm="sha256").digest()
        return base64.b32encode(digest[:15]).decode().lower()  # 120 bits, no padding


def _signer() -> ReplyTokenSigner:
    return ReplyTokenSigner(salt=REPLY_SALT, sep=".")


def make_reply_token(user, question) -> str:
    """`<member>.<question>.<signed at>.<signature>`, in base 36."""
    value = ".".join(int_to_base36(number) for number in (user.pk, question.pk, int(time.time())))
    return _signer().sign(value)


@dataclass(frozen=True)
class ReplyToken:
    user_id: int
    question_id: int
    expired: bool


def read_reply_token(token: str) -> ReplyToken | None:
    """What a token names, and whether it is older than REPLY_TOKEN_MAX_AGE;
    None when it was altered or is not a token at all."""
    try:
        value = _signer().unsign(token.lower())
        user_id, question_id, signed_at = (base36_to_int(part) for part in value.split("."))
    except (signing.BadSignature, ValueError):
        return None
    expired = time.time() - signed_at > settings.REPLY_TOKEN_MAX_AGE
    return ReplyToken(user_id=user_id, question_id=question_id, expired=expired)


def reply_address(user, question) -> str:
    return f"reply+{make_reply_token(user, question)}@{settings.REPLY_EMAIL_DOMAIN}"


def question_to_reply_to(user, kind: str, key: str):
    """The question an event is about, when `user` may answer it by email.
    The event keys are those community.events raises: "question:<id>:…" and
    "answer:<id>:…"."""
    if kind not in QUESTION_EVENT_KINDS:
        return None
    what, _sep, rest = key.partition(":")
    post_id = rest.split(":", 1)[0]
    if not post_id.isdigit() or what not in ("question", "answer"):
        return None
    if what == "answer":
        question = readable_question(user, answer_id=int(post_id))
    else:
        question = readable_question(user, question_id=int(post_id))
    return question if question is not None and question.takes_answers else None


# Reading the message ---------------------------------------------------------

QUOTE_HEADER_PATTERNS = [
    re.compile(pattern, re.IGNORECASE)
    for pattern in (
        r"^On\b.{0,300}\bwrote:$",
        r"^Le\b.{0,300}\ba écrit ?:$",
        r"^El\b.{0,300}\bescribió:$",
        r"^Am\b.{0,300}\bschrieb\b.{0,100}:$",
        r"^.{0,300}(написал|написала|написал\(а\)|пишет):$",
        r"^.{0,300}写道[:：]$",
        r"^.{0,300}كتب.{0,100}:$",
    )
]
SEPARATOR_PATTERN = re.compile(
    r"^(-{2,} ?(original message|message d'origine|mensaje original|исходное сообщение|原始邮件|"
    r"forwarded message|message transféré|mensaje reenviado) ?-{2,}|_{20,})$",
    re.IGNORECASE,
)
# Outlook's block: "From: …" then "Sent: …"/"Date: …"/"To: …" on the next lines.
FROM_LINE_PATTERN = re.compile(r"^\*?(from|de|от|发件人|من) ?[:：]", re.IGNORECASE)
HEADER_LINE_PATTERN = re.compile(
    r"^\*?(sent|date|to|subject|envoyé|à|objet|enviado|fecha|para|asunto|отправлено|кому|тема|"
    r"发送时间|收件人|主题|التاريخ|إلى|الموضوع) ?[:：]",
    re.IGNORECASE,
)
# After "-- " (RFC 3676) or a phone's line, the rest is a signature.
SIGNATURE_PATTERN = re.compile(
    r"^(sent from my |sent from mail for|get outlook for|envoyé de mon |envoyé depuis mon |"
    r"enviado desde mi |отправлено с |发自我的)",
    re.IGNORECASE,
)


def _starts_quote(lines: list[str], index: int) -> bool:
    line = lines[index].strip()
    if SEPARATOR_PATTERN.match(line):
        return True
    # Clients wrap a long "On …, … wrote:" over two lines.
    following = lines[index + 1].strip() if index + 1 < len(lines) else ""
    for candidate in (line, f"{line} {following}"):
        if any(pattern.match(candidate) for pattern in QUOTE_HEADER_PATTERNS):
            return True
    if FROM_LINE_PATTERN.match(line):
        return any(HEADER_LINE_PATTERN.match(each.strip()) for each in lines[index + 1 : index + 4])
    return False


def strip_quoted_text(text: str) -> str:
    """The member's own words: without the quoted message (from the first
    "On … wrote:", "-----Original Message-----", "From: … Sent: …" and the
    like, in the languages of the hub), quoted lines ("> …"), and the
    signature ("-- " and "Sent from my …")."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    kept = []
    for index, line in enumerate(lines):
        if line.rstrip() == "--" or SIGNATURE_PATTERN.match(line.strip()) or _starts_quote(lines, index):
            break
        if line.lstrip().startswith(">"):
            continue
        kept.append(line.rstrip())
    return re.sub(r"\n{3,}", "\n\n", "\n".join(kept)).strip()


BLOCK_TAGS = ["p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "pre", "table"]
QUOTED_HTML = [
    "script",
    "style",
    "head",
    "blockquote",
    ".gmail_quote",
    ".gmail_signature",
    ".moz-cite-prefix",
    ".moz-signature",
    "#divRplyFwdMsg",
    "#appendonsend",
]


def html_to_text(html: str) -> str:
    """The text of an HTML-only reply, without quoted blocks: it then goes
    through the same stripping and Markdown sanitizing as a text reply."""
    soup = BeautifulSoup(html, "html.parser")
    for element in soup.select(", ".join(QUOTED_HTML)):
        element.decompose()
    for element in soup.find_all(BLOCK_TAGS):
        element.append("\n")
    return soup.get_text()


def _part_text(part) -> str:
    try:
        return part.get_content_text() or ""
    except LookupError:  # an unknown charset
        return part.get_content_text(charset="utf-8") or ""


def reply_text(message: AnymailInboundMessage) -> str:
    """The reply in the first text/plain part (else the HTML part), its
    quoted text and signature removed. Attachments are ignored."""
    parts = [part for part in message.walk() if not part.is_multipart() and not part.is_attachment()]
    plain = next((part for part in parts if part.get_content_type() == "text/plain"), None)
    if plain is not None:
        return strip_quoted_text(_part_text(plain))
    html = next((part for part in parts if part.get_content_type() == "text/html"), None)
    return strip_quoted_text(html_to_text(_part_text(html))) if html is not None else ""


def _malformed() -> ReplyRefused:
    return ReplyRefused(_("This is not a readable email message."), reason="malformed", status=400)


def _too_large() -> ReplyRefused:
    return ReplyRefused(
        _("The message is larger than %(size)d MB; it was not read.") % {"size": MAX_MESSAGE_BYTES // 2**20},
        reason="too_large",
        status=413,
    )


def parse_message(raw: bytes) -> AnymailInboundMessage:
    """The message in `raw`, refused unread when it is too large."""
    if len(raw) > MAX_MESSAGE_BYTES:
        raise _too_large()
    if not raw.strip():
        raise _malformed()
    return AnymailInboundMessage.parse_raw_mime_bytes(raw)


@dataclass(frozen=True)
class Envelope:
    """What a message says about itself, read once."""

    sender: str
    tokens: list[str]
    message_key: str
    automatic: bool


REPLY_LOCAL_PART = r"reply\+([a-z0-9.]+)@"


def _read_envelope(message: AnymailInboundMessage) -> Envelope:
    # The email package records most damage as defects, but a few broken
    # headers raise when read; either way the message is unreadable.
    try:
        senders = message.get_address_header("From")
        recipients = [address.addr_spec for name in ("To", "Cc") for address in message.get_address_header(name)]
        recipients += [message.envelope_recipient or "", message["Delivered-To"] or "", message["X-Original-To"] or ""]
        message_id = str(message["Message-ID"] or "")
        auto_submitted = str(message["Auto-Submitted"] or "no").strip().lower()
        precedence = str(message["Precedence"] or "").strip().lower()
    except (ValueError, IndexError, TypeError, AttributeError, email.errors.MessageError) as error:
        raise _malformed() from error
    if len(senders) != 1 or "@" not in senders[0].addr_spec:
        raise _malformed()
    pattern = re.compile(REPLY_LOCAL_PART + re.escape(settings.REPLY_EMAIL_DOMAIN) + r"\b", re.IGNORECASE)
    tokens = list(dict.fromkeys(match for each in recipients for match in pattern.findall(str(each))))
    identity = message_id or f"{senders[0].addr_spec}|{message['Date']}|{message['Subject']}|{tokens}"
    return Envelope(
        sender=senders[0].addr_spec,
        tokens=tokens,
        message_key=hashlib.sha256(identity.encode("utf-8", "replace")).hexdigest()[:40],
        automatic=auto_submitted != "no"
        or precedence in ("bulk", "junk", "list", "auto_reply")
        or bool(message.spam_detected),
    )


def _member_with_address(address: str):
    """The active member who confirmed `address`, or None."""
    from allauth.account.models import EmailAddress

    found = (
        EmailAddress.objects.filter(email__iexact=address, verified=True, user__is_active=True)
        .select_related("user")
        .first()
    )
    return found.user if found else None


# Handling a reply ------------------------------------------------------------


def handle_inbound_bytes(raw: bytes):
    """A reply as the bytes of an .eml file (`manage.py receive_email`)."""
    return handle_inbound_message(parse_message(raw), size=len(raw))


def handle_inbound_message(message: AnymailInboundMessage, *, size: int | None = None):
    """Post a reply by email as an answer from the member its address was
    made for, or raise ReplyRefused after telling whom it safely can. `size`
    is the message's size in bytes, when the caller knows it."""
    if size is None:
        try:
            size = len(message.as_bytes())
        except (ValueError, IndexError, TypeError, LookupError, email.errors.MessageError) as error:
            raise _malformed() from error
    if size > MAX_MESSAGE_BYTES:
        raise _too_large()
    envelope = _read_envelope(message)
    if envelope.automatic:
        # Out-of-office notices and spam reach reply addresses too; answering
        # them would start a loop.
        logger.info("Reply by email ignored: an automatic or spam message from %s", envelope.sender)
        raise ReplyRefused(_("Automatic replies are not posted."), reason="automatic")
    handled = f"reply-by-email:{envelope.message_key}"
    if cache.get(handled):
        raise ReplyRefused(_("This message was already posted."), reason="duplicate", status=409)
    sender = _member_with_address(envelope.sender)
    token = next(filter(None, map(read_reply_token, envelope.tokens)), None)
    if token is None:
        _refuse(
            envelope,
            tell=sender,
            reason="wrong_token",
            message=gettext_lazy("The address you replied to is not a valid reply address of the hub."),
        )
    member = get_user_model().objects.filter(pk=token.user_id, is_active=True).first()
    if member is None:
        _refuse(
            envelope, tell=None, reason="wrong_token", message=gettext_lazy("This reply address is no longer valid.")
        )
    if sender is None or sender.pk != member.pk:
        if sender is not None:
            _refuse(
                envelope,
                tell=sender,
                reason="wrong_sender",
                message=gettext_lazy("You replied to an address made for another member. Please answer on the hub."),
            )
        _refuse(
            envelope,
            tell=member,
            question_id=token.question_id,
            reason="unknown_sender",
            message=lambda: (
                _(
                    "We received a reply from %(address)s, which is not a confirmed address of your account, "
                    "so it was not posted. Reply from %(account)s, or answer on the hub."
                )
                % {"address": envelope.sender, "account": member.email}
            ),
        )
    if token.expired:
        _refuse(
            envelope,
            tell=member,
            question_id=token.question_id,
            reason="expired",
            message=gettext_lazy("The address you replied to has expired. Please answer on the hub."),
        )
    question = readable_question(member, question_id=token.question_id)
    if question is None:
        _refuse(
            envelope,
            tell=member,
            reason="gone",
            status=404,
            message=gettext_lazy("This question is no longer available."),
        )
    body = reply_text(message)
    if not body:
        _refuse(
            envelope,
            tell=member,
            question_id=question.pk,
            reason="empty",
            status=400,
            message=gettext_lazy("Your reply was empty once the quoted message and signature were removed."),
        )
    if len(body) > MAX_REPLY_CHARACTERS:
        _refuse(
            envelope,
            tell=member,
            question_id=question.pk,
            reason="too_long",
            status=400,
            message=lambda: _("Your reply is longer than %(limit)d characters.") % {"limit": MAX_REPLY_CHARACTERS},
        )
    try:
        # In the member's language: a refusal's message goes to them.
        with translation.override(member_language(member)), transaction.atomic():
            answer = post_answer(member, question, body=body)
            cache.set(handled, answer.pk, HANDLED_MESSAGE_SECONDS)
    except ForumError as error:
        _refuse(
            envelope,
            tell=member,
            question_id=question.pk,
            reason="forum_rule",
            status=error.status,
            message=str(error),
        )
    except PermissionDenied:
        _refuse(envelope, tell=None, reason="forum_rule", message=gettext_lazy("This member cannot post."))
    logger.info("Reply by email from member %s posted as answer %s", member.pk, answer.pk)
    return answer


def _refuse(envelope: Envelope, *, tell, reason: str, message, status: int = 403, question_id=None) -> NoReturn:
    """Raise ReplyRefused; first, when `tell` is a member, email them why
    (in their language, once per message, only to their address on file).
    `message` is a (lazy) string, or a callable for text that needs
    formatting: either is made in the member's language."""
    with translation.override(member_language(tell) if tell is not None else None):
        text = str(message() if callable(message) else message)
    logger.info("Reply by email refused (%s) from %s", reason, envelope.sender)
    if tell is not None:
        key = f"reply-refused:{envelope.message_key}"
        send_reply_refused.enqueue(tell.pk, key, text, question_id)
    raise ReplyRefused(text, reason=reason, status=status)
