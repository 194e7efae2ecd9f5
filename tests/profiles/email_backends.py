"""Mail servers that misbehave, for EMAIL_BACKEND in tests."""

from smtplib import SMTPServerDisconnected

from django.core.mail.backends.base import BaseEmailBackend
from django.core.mail.backends.locmem import EmailBackend as LocmemBackend


class UnreachableMailServer(BaseEmailBackend):
    """Every send fails, as when the SMTP server is down."""

    def send_messages(self, email_messages):
        raise SMTPServerDisconnected("Connection unexpectedly closed")


class MailServerFailingOnce(LocmemBackend):
    """The first send fails, later ones reach mail.outbox. Tests reset
    ``failed`` (a class attribute: each send makes a new backend)."""

    failed = False

    def send_messages(self, email_messages):
        if not MailServerFailingOnce.failed:
            MailServerFailingOnce.failed = True
            raise SMTPServerDisconnected("Connection unexpectedly closed")
        return super().send_messages(email_messages)


class WorkerLost(BaseException):
    """What a worker killed mid-send looks like to the code it was running:
    nothing after this point runs, and no ``except Exception`` sees it."""


class WorkerDiesOnce(LocmemBackend):
    """The first send kills the worker; later ones reach mail.outbox."""

    died = False

    def send_messages(self, email_messages):
        if not WorkerDiesOnce.died:
            WorkerDiesOnce.died = True
            raise WorkerLost
        return super().send_messages(email_messages)
