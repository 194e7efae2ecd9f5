from django.core.management.base import BaseCommand

from api import datasets


class Command(BaseCommand):
    help = "Rebuild the bulk downloads of /<lang>/data/ now (CSV, JSON and datapackage.json)."

    def handle(self, *args, **options):
        build = datasets.build()
        for entry in build.datasets:
            self.stdout.write(f"{entry['name']}: {entry['records']} records")
        self.stdout.write(self.style.SUCCESS(f"Built {build.folder}"))
