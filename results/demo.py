"""Demo step (after judging.demo): compute and publish the 2019 series' events and awards.

Only the series' contests (contests.demo.demo_contests): an officer's own contest in
judging is never published by running the demo again. Idempotent: a contest already
published is left alone. Without schemes or marks (the judging demo not loaded) there is
nothing to compute and the step says so.
"""

from django.core.exceptions import PermissionDenied, ValidationError

from contests.demo import demo_contests
from contests.models import Contest, Event
from core.models import User
from judging.models import Mark
from results import services
from unions.models import Officer

OVERRIDE = "演示数据：个别评分分歧待复核，先行公布"  # demo: a few divergent marks are left open


def _publisher(contest: Contest) -> User | None:
    """An officer of the host union or a union above it, else a superuser."""
    path = contest.host_union.path
    for officer in Officer.objects.select_related("user", "union").order_by("union__path"):
        if path.startswith(officer.union.path):
            return officer.user
    return User.objects.filter(is_superuser=True).order_by("id").first()


def load(*, out, options) -> None:
    kinds = {Event.Kind.INDIVIDUAL: 0, Event.Kind.ACHIEVEMENT: 1, Event.Kind.TEAM: 2}
    contests = demo_contests().select_related("host_union").exclude(status=Contest.Status.PUBLISHED)
    done = 0
    for contest in contests.order_by("id"):
        events = [
            e
            for e in Event.objects.filter(contest=contest, scheme__isnull=False)
            if Mark.objects.filter(event=e).exists()
        ]
        if not events:
            continue
        for event in sorted(events, key=lambda e: (kinds.get(e.kind, 3), e.pk)):
            try:
                snap = services.compute_event(event_id=event.pk)
            except ValidationError as exc:
                out.write(f"   {event.name}: not computed ({'; '.join(exc.messages)})")
                continue
            out.write(f"   {event.name}: {snap.ranked}/{snap.entries} ranked")
        awards = services.compute_awards(contest_id=contest.pk)
        actor = _publisher(contest)
        if actor is None:
            out.write(f"   {contest.name}: computed, not published (no officer or superuser)")
            continue
        try:
            services.publish_contest(actor=actor, contest=contest, override_reason=OVERRIDE)
        except (ValidationError, PermissionDenied) as exc:
            out.write(f"   {contest.name}: not published ({exc})")
            continue
        out.write(f"   {contest.name}: published with {awards.rows.count()} awards")
        done += 1
    if not done:
        out.write("   no contest with marks to compute (judging demo not loaded?)")
