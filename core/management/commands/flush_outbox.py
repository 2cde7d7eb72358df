"""`manage.py flush_outbox`: send the task sends a broker outage left waiting (core.outbox)."""

from datetime import timedelta

from django.core.management.base import BaseCommand

from core import outbox
from core.models import OutboxMessage


class Command(BaseCommand):
    help = "Send the Celery task sends that waited for the broker (core.outbox)."

    def handle(self, *args, **options):
        sent = outbox.flush(older_than=timedelta(0))
        left = OutboxMessage.objects.count()
        self.stdout.write(f"sent {sent}, waiting {left}")
        if left:
            raise SystemExit(1)
