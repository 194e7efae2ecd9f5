import sys

from django.utils.translation import gettext as _
from modelsearch.management.commands.rebuild_modelsearch_index import Command as WagtailUpdateIndex
from tqdm import tqdm

from core.indexing import sources
from search.services import rebuild


class Command(WagtailUpdateIndex):
    help = (
        "Rebuild the hub's search index (every searchable kind of content, with a progress bar), "
        "then Wagtail's own index of pages for the admin."
    )

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument(
            "--source",
            action="append",
            choices=sorted(sources()),
            help="Rebuild only this kind of content (repeatable); Wagtail's admin index is then left alone.",
        )

    def handle(self, **options):
        labels = options.get("source")
        bars: dict[str, tqdm] = {}

        def progress(label: str, done: int, total: int) -> None:
            bar = bars.get(label)
            if bar is None:
                bar = bars[label] = tqdm(total=total, desc=label, unit=_("items"), file=sys.stderr, disable=None)
            bar.update(done - bar.n)

        try:
            counts = rebuild(labels, progress=progress)
        finally:
            for bar in bars.values():
                bar.close()
        for label, count in counts.items():
            self.stdout.write(_("%(source)s: %(count)d documents") % {"source": label, "count": count})
        self.stdout.write(
            self.style.SUCCESS(_("Search index rebuilt: %(count)d documents.") % {"count": sum(counts.values())})
        )
        if not labels:
            super().handle(**options)
