import sys

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from subscriptions.replies import MAX_MESSAGE_BYTES, ReplyRefused, handle_inbound_bytes

# sysexits.h: what a mail server piping a message here understands.
EX_DATAERR = 65  # the message cannot be read, or is too large
EX_NOPERM = 77  # a readable reply that was refused


class Command(BaseCommand):
    help = _(
        "Read one email message (RFC 5322, as in an .eml file) on standard input and post it as an answer "
        "when it is a reply to a reply address of the hub: manage.py receive_email < message.eml. "
        "For mail set-ups without an inbound webhook. A refused reply exits with a non-zero status and says why; "
        "the member was told by email when that was safe."
    )
    # call_command(..., stdin=...) in tests.
    stealth_options = ("stdin",)

    def handle(self, *args, **options):
        stream = options.get("stdin") or sys.stdin.buffer
        # One byte more than allowed tells a message that is too large, without reading the rest.
        raw = stream.read(MAX_MESSAGE_BYTES + 1)
        try:
            answer = handle_inbound_bytes(raw)
        except ReplyRefused as refusal:
            code = EX_DATAERR if refusal.reason in ("malformed", "too_large") else EX_NOPERM
            raise CommandError(str(refusal), returncode=code) from refusal
        self.stdout.write(_("Posted as answer %(id)s.") % {"id": answer.pk})
