"""`manage.py sweep_media [--dry-run] [--hours N]`: remove stored files no row names
(core.media)."""

import argparse
import datetime as dt

from django.core.management.base import BaseCommand

from core import media

MAX_HOURS = 24 * 366


def _hours(value: str) -> int:
    try:
        hours = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of hours: {value!r}") from None
    if not 1 <= hours <= MAX_HOURS:
        raise argparse.ArgumentTypeError(f"give 1 to {MAX_HOURS} hours")
    return hours


class Command(BaseCommand):
    help = "Remove uploaded files that no row names any more (older than a day by default)."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="List them, remove nothing.")
        parser.add_argument(
            "--hours",
            type=_hours,
            default=24,
            metavar="N",
            help=f"Only files older than N hours (1 to {MAX_HOURS}; default 24).",
        )

    def handle(self, *args, dry_run=False, hours=24, **options):
        found = media.sweep(grace=dt.timedelta(hours=hours), dry_run=dry_run)
        for name in found:
            self.stdout.write(name)
        verb = "would remove" if dry_run else "removed"
        self.stdout.write(f"{verb} {len(found)} files")
