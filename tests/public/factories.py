"""Published results written straight to the results tables (the results app fills them in
production; these tests only need what the public site reads)."""

import datetime as dt
from decimal import Decimal

import factory
from django.utils import timezone

from core.validators import mask_name
from results.models import AwardRow, AwardSnapshot, ResultRow, ResultSnapshot
from tests.factories import EventFactory, RegistrationFactory

# The shared factory under the name these tests were written with.
EntryFactory = RegistrationFactory


class ResultSnapshotFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ResultSnapshot

    event = factory.SubFactory(EventFactory)
    version = factory.Sequence(lambda n: n + 1)
    is_current = True
    is_public = True
    complete = True
    published_at = factory.LazyFunction(timezone.now)


class AwardSnapshotFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AwardSnapshot

    version = factory.Sequence(lambda n: n + 1)
    is_current = True
    is_public = True
    published_at = factory.LazyFunction(timezone.now)


def row_for(snapshot, registration, *, position: int, total, tier: str = "") -> ResultRow:
    worker = registration.worker
    employer = registration.employer
    return ResultRow.objects.create(
        snapshot=snapshot,
        position=position,
        registration=registration,
        bib=registration.bib,
        rank=position,
        total=Decimal(str(total)),
        tier=tier,
        display_name=worker.name,
        masked_name=mask_name(worker.name),
        employer_id=employer.pk,
        employer_name=employer.name,
        employer_kind=employer.kind,
        region_name=employer.region.name,
        region_path=employer.region.path,
        union_path=employer.union.path,
        worker_id=worker.pk,
    )


def published_event(
    event=None, *, entries: int = 6, employers=None, published_at=None, tiers=("一等奖", "二等奖")
):
    """An event with approved entries and a published snapshot ranking them by bib."""
    event = event or EventFactory()
    regs = []
    for i in range(entries):
        kwargs = {"event": event}
        if employers:
            kwargs["worker__employer"] = employers[i % len(employers)]
        regs.append(EntryFactory(**kwargs))
    snap = ResultSnapshotFactory(
        event=event,
        entries=entries,
        ranked=entries,
        published_at=published_at or timezone.now(),
    )
    rows = [
        row_for(
            snap, reg, position=i + 1, total=100 - i * 7, tier=tiers[i] if i < len(tiers) else ""
        )
        for i, reg in enumerate(regs)
    ]
    return event, snap, rows


def published_awards(contest, rows) -> AwardSnapshot:
    snap = AwardSnapshotFactory(contest=contest)
    for i, row in enumerate(rows[:2]):
        AwardRow.objects.create(
            snapshot=snap,
            kind=AwardRow.Kind.GOLD_WORKER,
            rank=i + 1,
            display_name=row.display_name,
            masked_name=row.masked_name,
            employer_name=row.employer_name,
            score=row.total,
            reason=f"{contest.name}第{i + 1}名",
            worker_id=row.worker_id,
            registration_id=row.registration_id,
        )
    return snap


def long_ago(days: int = 30):
    return timezone.now() - dt.timedelta(days=days)
