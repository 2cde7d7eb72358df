"""`python manage.py import_workers FILE --union CODE [--skip-invalid]`.

Runs the same import as the API, in this process, with a progress bar; prints every bad
row with its number and reason. Exit status 1 when nothing was written.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from core.spreadsheets import SpreadsheetError
from unions.models import Union
from workers.importing import import_workers


class Command(BaseCommand):
    help = "Import workers from a .csv or .xlsx file (idempotent by ID number)."

    def add_arguments(self, parser):
        parser.add_argument("file", help=".csv or .xlsx, one row per worker")
        parser.add_argument("--union", required=True, help="code of the union the rows belong to")
        parser.add_argument(
            "--skip-invalid", action="store_true", help="import the good rows, skip bad ones"
        )

    def handle(self, *args, **options):
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"No such file: {path}")
        union = Union.objects.filter(code=options["union"]).first()
        if union is None:
            raise CommandError(f"No union with code {options['union']!r}")
        bar = tqdm(desc="rows", unit="row", disable=None)

        def progress(done: int, total: int) -> None:
            bar.total = total
            bar.n = done
            bar.refresh()

        try:
            report = import_workers(
                data=path.read_bytes(),
                filename=path.name,
                union=union,
                skip_invalid=options["skip_invalid"],
                progress=progress,
            )
        except SpreadsheetError as exc:
            raise CommandError(str(exc)) from None
        finally:
            bar.close()
        for error in report.errors:
            self.stderr.write(f"row {error['row']}: {'; '.join(error['errors'])}")
        if not report.written:
            raise CommandError(
                f"{len(report.errors)} bad rows of {report.rows}; nothing imported "
                "(fix them, or use --skip-invalid)"
            )
        self.stdout.write(
            f"{report.rows} rows: {report.created} created, {report.updated} updated, "
            f"{len(report.errors)} skipped"
        )
