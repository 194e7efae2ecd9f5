"""What the email provider tells us, through anymail's webhooks (mounted at
/anymail/; anymail checks each provider's signature or the shared
WEBHOOK_SECRET and answers 400 to a request that fails it, before any
receiver here runs).

Both receivers do their work in the webhook's request rather than in a
task: it is one small write, or one reply that must not be acknowledged
before it is posted. When something fails, the provider gets a 5xx and
delivers the event again, which is the retry a task would give.
"""

import logging

from anymail.signals import EventType, RejectReason
from django.contrib.auth import get_user_model
from django.core.exceptions import BadRequest
from django.utils.translation import gettext as _

from .constants import EmailStatus
from .models import Preferences
from .services import set_email_status

logger = logging.getLogger(__name__)

# What a delivery event says of an address. Soft bounces arrive as
# "deferred" and change nothing; a provider's suppression ("rejected")
# says why in reject_reason.
STATUS_OF_EVENT = {
    EventType.BOUNCED: EmailStatus.BOUNCING,
    EventType.REJECTED: EmailStatus.BOUNCING,
    EventType.COMPLAINED: EmailStatus.COMPLAINED,
    EventType.UNSUBSCRIBED: EmailStatus.UNSUBSCRIBED,
}
STATUS_OF_REJECT_REASON = {
    RejectReason.SPAM: EmailStatus.COMPLAINED,
    RejectReason.UNSUBSCRIBED: EmailStatus.UNSUBSCRIBED,
}


def status_of(event) -> str | None:
    status = STATUS_OF_EVENT.get(event.event_type)
    if event.event_type == EventType.REJECTED:
        status = STATUS_OF_REJECT_REASON.get(event.reject_reason, status)
    return status


def record_delivery_problem(sender, event, esp_name, **kwargs) -> None:
    """anymail's tracking signal: a hard bounce, a provider's rejection, a
    spam complaint or an unsubscribe stops all email to the member with
    that address (core.email.send_once checks), until they turn it back on from
    their settings page. An event older than the member's last change (they
    fixed the address and turned email back on) changes nothing, and a
    complaint is never turned into a mere bounce."""
    status = status_of(event)
    if status is None or not event.recipient:
        return
    members = get_user_model().objects.filter(email__iexact=event.recipient.strip())
    detail = " ".join(filter(None, [event.description, event.mta_response])) or _(
        "Reported by the mail provider (%(provider)s)."
    ) % {"provider": esp_name}
    for member in members:
        preferences = Preferences.objects.filter(user=member).first()
        if preferences is not None:
            if preferences.email_status == status or (
                preferences.email_status == EmailStatus.COMPLAINED and status == EmailStatus.BOUNCING
            ):
                continue
            if event.timestamp and preferences.email_status_at and event.timestamp < preferences.email_status_at:
                continue
        set_email_status(member, status, detail)
        logger.info("Email to member %s stopped: %s (%s)", member.pk, status, esp_name)


def receive_reply(sender, event, esp_name, **kwargs) -> None:
    """anymail's inbound signal: a reply to a reply address becomes an
    answer (subscriptions.replies). A message that cannot be read, or is
    too large, gets a 400; any other refusal was handled (the member told
    when that is safe) and the provider gets a 200, so it does not deliver
    the message again."""
    from .replies import ReplyRefused, handle_inbound_message

    if event.event_type != EventType.INBOUND or event.message is None:
        return
    try:
        handle_inbound_message(event.message)
    except ReplyRefused as refusal:
        if refusal.reason in ("malformed", "too_large"):
            raise BadRequest(str(refusal)) from refusal
