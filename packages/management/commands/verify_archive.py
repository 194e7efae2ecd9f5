from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from packages.archive import ArchiveError, verify_archive


class Command(BaseCommand):
    help = "Verify a bag written by export_archive (after copying or restoring it): every file and checksum."

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path)

    def handle(self, *args, path, **options):
        try:
            checked = verify_archive(path)
        except ArchiveError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(self.style.SUCCESS(f"{path} verifies: {checked} document files, every checksum."))
