"""manage.py restore NAME: a backup (core.backups) into an empty database,
its checksums checked first and its rows compared after."""

from django.core.files.storage import FileSystemStorage
from django.core.management.base import BaseCommand, CommandError

from core.backups import BackupError, Database, restore_backup


class Command(BaseCommand):
    help = "Restore a backup made by `manage.py backup` into an empty database (see `manage.py backup --list`)."

    def add_arguments(self, parser):
        parser.add_argument("name", help="The backup's name, e.g. hub-20261207T013000Z.")
        parser.add_argument(
            "--database-url", help="Restore into this database rather than the configured one (it must be empty)."
        )
        parser.add_argument("--media-root", help="Restore the media files into this folder rather than MEDIA_ROOT.")
        parser.add_argument(
            "--force", action="store_true", help="Replace what a database that is not empty holds (drops its tables)."
        )

    def handle(self, *args, name, database_url=None, media_root=None, force=False, **options):
        try:
            target = Database.from_url(database_url) if database_url else None
            media = FileSystemStorage(location=media_root) if media_root else None
            manifest = restore_backup(name, target=target, media=media, force=force)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"Restored {name}: {sum(manifest['tables'].values())} rows in {len(manifest['tables'])} tables, "
            f"{len(manifest['media'])} media files; every checksum and row count matches."
        )
