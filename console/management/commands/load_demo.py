"""Load the demo: the Yangtze River Delta union tree, work units, workers, the 2019 contest
series with entries, judges' marks, computed and published results; then this year's
contests of the Shanghai aerospace union, one at each stage (console.demo).

Each app contributes a `demo.load(*, out, options)` step; steps are idempotent, so running
`make demo` twice leaves one demo, not two, and changes nothing the first run made. The
command lives in console, the top layer, because it reaches into every app below it.
"""

import importlib
import time

from django.core.management.base import BaseCommand

STEPS = [
    "unions.demo",
    "workers.demo",
    "contests.demo",
    "judging.demo",
    "results.demo",
    "console.demo",
    "training.demo",
    "innovation.demo",
    "showcase.demo",
]


class Command(BaseCommand):
    help = "Load the demo contest series (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument("--workers", type=int, default=3000, help="demo workers to create")
        parser.add_argument("--seed", type=int, default=2019, help="random seed")

    def handle(self, *args, **options):
        if options["workers"] < 10:
            self.stderr.write("--workers must be at least 10")
            raise SystemExit(2)
        for name in STEPS:
            try:
                module = importlib.import_module(name)
            except ModuleNotFoundError as exc:
                if exc.name == name:
                    continue  # that app has no demo step (yet)
                raise
            started = time.monotonic()
            self.stdout.write(f"== {name}")
            module.load(out=self.stdout, options=options)
            self.stdout.write(f"   done in {time.monotonic() - started:.1f}s")
