from datetime import date

from django.core.management.base import BaseCommand, CommandError

from packages.archive import ArchiveError, export_archive


class Command(BaseCommand):
    help = (
        "Write the published official documents, every language version with its metadata and checksums, "
        "as a BagIt bag into a new folder, and verify it."
    )

    def add_arguments(self, parser):
        parser.add_argument("destination", help="A folder that does not exist yet.")
        parser.add_argument(
            "--since", type=date.fromisoformat, help="Only documents with a version uploaded on or after YYYY-MM-DD."
        )

    def handle(self, *args, destination, since=None, **options):
        try:
            path, count = export_archive(destination, since=since)
        except ArchiveError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(self.style.SUCCESS(f"Wrote and verified {path}: {count} files."))
