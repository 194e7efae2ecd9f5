"""manage.py backup: the database and the media into the backups storage
(core.backups), then the oldest beyond BACKUP_KEEP removed."""

from django.core.management.base import BaseCommand, CommandError

from core.backups import BackupError, create_backup, keep_setting, list_backups, prune_backups


class Command(BaseCommand):
    help = "Back up the database (pg_dump, custom format) and the media files, with a manifest of checksums."

    def add_arguments(self, parser):
        parser.add_argument("--list", action="store_true", help="List the complete backups and do nothing else.")
        parser.add_argument(
            "--keep", type=int, default=None, help="How many backups to keep (default: BACKUP_KEEP, 14)."
        )

    def handle(self, *args, list=False, keep=None, **options):  # noqa: A002 (the option's name)
        if list:
            for name in list_backups():
                self.stdout.write(name)
            return
        try:
            name = create_backup()
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Backed up: {name}")
        for removed in prune_backups(keep_setting() if keep is None else keep):
            self.stdout.write(f"Removed the older backup {removed}")
