from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from subscriptions.digests import start_digest_run


class Command(BaseCommand):
    help = _(
        "Start a digest run now, as Celery beat does every 15 minutes: the digests due are enqueued on the email "
        "queue (sent in this process when tasks run eagerly). Safe to run twice."
    )

    def add_arguments(self, parser):
        parser.add_argument("--at", help=_("Run as if it were this moment (ISO 8601, e.g. 2026-11-30T07:00+01:00)."))

    def handle(self, *args, at=None, **options):
        try:
            count = start_digest_run(at)
        except ValueError as error:
            raise CommandError(_("Not a moment in ISO 8601: %(at)s") % {"at": at}) from error
        self.stdout.write(
            ngettext("Digests due: %(count)s member.", "Digests due: %(count)s members.", count) % {"count": count}
        )
