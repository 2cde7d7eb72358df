"""`python manage.py compute_results --contest ID`: every event's results, then the awards.

Runs in this process (no broker needed), one transaction per event like the Celery task,
with a progress bar over the events.
"""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from contests.models import Contest, Event
from results import services


class Command(BaseCommand):
    help = "Compute the results of every event of a contest and its awards."

    def add_arguments(self, parser):
        parser.add_argument("--contest", type=int, required=True, help="contest id")

    def handle(self, *args, contest: int, **options):
        if not Contest.objects.filter(pk=contest).exists():
            raise CommandError(f"no contest {contest}")
        kinds = {Event.Kind.INDIVIDUAL: 0, Event.Kind.ACHIEVEMENT: 1, Event.Kind.TEAM: 2}
        events = sorted(
            Event.objects.filter(contest_id=contest, scheme__isnull=False),
            key=lambda e: (kinds.get(e.kind, 3), e.pk),
        )
        failed = 0
        bar = tqdm(events, desc="events", unit="event", file=self.stderr, disable=None)
        for event in bar:
            bar.set_postfix_str(event.name[:20])
            try:
                snap = services.compute_event(event_id=event.pk)
            except ValidationError as exc:
                failed += 1
                self.stderr.write(f"{event.name}: {'; '.join(exc.messages)}")
                continue
            self.stdout.write(
                f"{event.name}: version {snap.version}, {snap.ranked}/{snap.entries} ranked"
            )
        awards = services.compute_awards(contest_id=contest)
        self.stdout.write(
            f"awards version {awards.version}: {awards.rows.count()} awards; {failed} events failed"
        )
