import sys
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from tqdm import tqdm

from conventions.importers import FileImportResult, ImportRunResult, default_reference_files, import_reference_data
from conventions.services import ChangeCounts


def show_progress(rows: Sequence[Any], description: str) -> Iterable[Any]:
    """A progress bar on standard error, shown only on a terminal."""
    return tqdm(rows, desc=description, unit=_("rows"), file=sys.stderr, disable=None, leave=False)


def readable_path(path: Path) -> str:
    """``path`` relative to the working directory when it is inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def describe_counts(counts: ChangeCounts) -> str:
    description = _("%(created)d created, %(updated)d updated, %(unchanged)d unchanged") % {
        "created": counts.created,
        "updated": counts.updated,
        "unchanged": counts.unchanged,
    }
    if counts.kept_edits:
        description += " " + ngettext(
            "(%(count)d value kept as an editor changed it)",
            "(%(count)d values kept as editors changed them)",
            counts.kept_edits,
        ) % {"count": counts.kept_edits}
    return description


class Command(BaseCommand):
    help = _(
        "Load the countries (ISO 3166-1 and the European Union) and import reference data files: "
        "UN regional groups, party status, regional centres (and the countries they serve), meetings, "
        "COP decisions, the chemicals listed in the Stockholm and Rotterdam annexes, Basel waste streams and "
        "focal points. Conflicts between sources are reported. "
        "Without a path, the files shipped in conventions/data (all but the focal points). "
        "A file with any invalid row is rejected, and then nothing at all is written. "
        "Values editors changed in the admin are kept unless --overwrite."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "paths",
            nargs="*",
            metavar="PATH",
            help=_("CSV files to import; the kind of each is told by its header."),
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help=_("Validate and report what would change, without writing anything."),
        )
        parser.add_argument(
            "--overwrite",
            action="store_true",
            help=_("Replace the values editors changed in the admin with those of the files."),
        )

    def handle(self, *args, paths: list[str], dry_run: bool = False, overwrite: bool = False, **options):
        files = [Path(path) for path in paths] or default_reference_files()
        run = import_reference_data(files, dry_run=dry_run, overwrite=overwrite, progress=show_progress)
        self.report(run)
        if run.has_errors:
            raise CommandError(self.describe_errors(run))

    def report(self, run: ImportRunResult) -> None:
        """Counts for the countries and for each file."""
        self.stdout.write(
            _("Countries (ISO 3166-1 and the European Union): %(counts)s") % {"counts": describe_counts(run.countries)}
        )
        for result in run.files:
            self.stdout.write(self.describe_file(result))
        if run.has_errors:
            return
        if run.kept_edits:
            self.stdout.write(
                ngettext(
                    "%(count)d value an editor changed in the admin was kept; "
                    "--overwrite replaces it with the file's.",
                    "%(count)d values editors changed in the admin were kept; "
                    "--overwrite replaces them with the files'.",
                    run.kept_edits,
                )
                % {"count": run.kept_edits}
            )
        if run.dry_run:
            message = ngettext(
                "Dry run: nothing was written (%(count)d row would change).",
                "Dry run: nothing was written (%(count)d rows would change).",
                run.changed,
            ) % {"count": run.changed}
            self.stdout.write(self.style.WARNING(message))
        elif run.changed:
            message = ngettext(
                "Reference data imported: %(count)d row created or updated.",
                "Reference data imported: %(count)d rows created or updated.",
                run.changed,
            ) % {"count": run.changed}
            self.stdout.write(self.style.SUCCESS(message))
        else:
            self.stdout.write(self.style.SUCCESS(_("Nothing to do: every row is unchanged.")))

    def describe_file(self, result: FileImportResult) -> str:
        path = readable_path(result.path)
        if result.structural_error:
            # The reason follows with the other errors.
            return _("%(path)s: rejected whole") % {"path": path}
        lines = [
            _("%(path)s (%(kind)s): %(counts)s, %(rejected)d rejected")
            % {"path": path, "kind": result.kind, "counts": describe_counts(result.rows), "rejected": result.rejected}
        ]
        for label, counts in result.related.items():
            lines.append("  " + _("%(label)s: %(counts)s") % {"label": label, "counts": describe_counts(counts)})
        for label, count in result.removed.items():
            lines.append(
                "  " + _("removed, superseded by this file: %(count)d %(label)s") % {"count": count, "label": label}
            )
        if result.conflicts:
            lines.append(
                "  "
                + ngettext(
                    "%(count)d conflict between sources, imported as the file says; check it:",
                    "%(count)d conflicts between sources, imported as the file says; check them:",
                    len(result.conflicts),
                )
                % {"count": len(result.conflicts)}
            )
            lines.extend(f"  {path}:{conflict.line}: {conflict.message}" for conflict in result.conflicts)
        return "\n".join(lines)

    def describe_errors(self, run: ImportRunResult) -> str:
        """Every rejected file and row, as ``path:line: message``."""
        lines = []
        rejected_rows = rejected_files = 0
        for result in run.files:
            path = readable_path(result.path)
            if result.structural_error:
                rejected_files += 1
                lines.append(
                    _("%(path)s: rejected whole: %(reason)s") % {"path": path, "reason": result.structural_error}
                )
            rejected_rows += result.rejected
            lines.extend(f"{path}:{error.line}: {error.message}" for error in result.row_errors)
        rows = ngettext("%(count)d row rejected", "%(count)d rows rejected", rejected_rows) % {"count": rejected_rows}
        files = ngettext("%(count)d file rejected whole", "%(count)d files rejected whole", rejected_files) % {
            "count": rejected_files
        }
        lines.append(_("Nothing was written: %(rows)s, %(files)s.") % {"rows": rows, "files": files})
        return "\n".join(lines)
