"""Publishing: an event's current snapshot, or a whole contest with its awards, goes public.

Results announce it (``results.signals.results_published``, after the commit) and the
layers above listen: the public site drops its cached pages.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from contests.models import Contest, Event, Registration, RegistrationLog
from contests.services import check_status_step, publishing_problem
from core.access import manages_contest, manages_event, require
from judging.models import Mark, Penalty
from results.engine.reading import lock_event
from results.models import AwardSnapshot, DrawLot, ResultSnapshot
from results.services.awards import compute_awards
from results.signals import results_published

OFFICERS_ONLY = gettext_lazy("Only officers of the host union may do this.")


def _changed_since(event: Event, snapshot: ResultSnapshot) -> bool:
    """Whether anything the results are computed from changed after the snapshot: marks,
    penalties, draws, and the entries themselves (decided or withdrawn, disqualified or
    reinstated, a completion time recorded: each leaves `decided_at` or a RegistrationLog)."""
    since = snapshot.created_at
    return (
        Mark.objects.filter(event=event, updated_at__gt=since).exists()
        or Penalty.objects.filter(registration__event=event, at__gt=since).exists()
        or DrawLot.objects.filter(event=event, at__gt=since).exists()
        or Registration.objects.filter(event=event, decided_at__gt=since).exists()
        or RegistrationLog.objects.filter(registration__event=event, at__gt=since).exists()
    )


def _judging_incomplete(event: Event, snapshot: ResultSnapshot) -> str:
    """Why the event's results may not be published yet, or "" when they may.

    The snapshot already knows whether its marks were complete (no missing or divergent
    marks, no pending draw): it was computed from them. What it cannot know is a change
    after it was computed, so that is checked here with three cheap aggregates rather than
    a whole judging report (which costs seconds at a million marks).
    """
    if _changed_since(event, snapshot):
        return _(
            "Marks, penalties, draws or entries of %(event)s changed after these results "
            "were computed; compute them again."
        ) % {"event": event.name}
    stats = snapshot.stats or {}
    if not snapshot.complete:
        return _(
            "%(event)s: %(incomplete)s entries with missing marks, %(divergent)s with divergent "
            "marks, %(draw)s waiting for a draw."
        ) % {
            "event": event.name,
            "incomplete": stats.get("incomplete", 0),
            "divergent": stats.get("divergent", 0),
            "draw": stats.get("needs_draw", 0),
        }
    return ""


def _refuse_while_open(contest: Contest) -> None:
    """Results are never published while registration is still open (no override)."""
    problem = publishing_problem(contest)
    if problem:
        raise ValidationError({"contest": [problem]})


def _publish_snapshot(actor, event: Event, override_reason: str) -> ResultSnapshot:
    snapshot = (
        ResultSnapshot.objects.select_for_update().filter(event=event, is_current=True).first()
    )
    if snapshot is None:
        raise ValidationError(
            {"event": [_("%(event)s has no computed results.") % {"event": event.name}]}
        )
    problem = _judging_incomplete(event, snapshot)
    if problem and not override_reason.strip():
        raise ValidationError(
            {"override_reason": [problem + " " + _("Give a reason to override.")]}
        )
    ResultSnapshot.objects.filter(event=event, is_public=True).exclude(pk=snapshot.pk).update(
        is_public=False
    )
    snapshot.is_public = True
    snapshot.published_at = timezone.now()
    snapshot.published_by = actor
    snapshot.override_reason = override_reason.strip() if problem else ""
    snapshot.save(update_fields=["is_public", "published_at", "published_by", "override_reason"])
    _announce(event_id=event.pk, contest_id=event.contest_id)
    return snapshot


def _announce(*, event_id: int | None = None, contest_id: int) -> None:
    """Tell the layers above, once this commits, that public results changed."""
    transaction.on_commit(
        lambda: results_published.send(
            sender=ResultSnapshot, event_id=event_id, contest_id=contest_id
        )
    )


@transaction.atomic
def publish_event(*, actor, event: Event, override_reason: str = "") -> ResultSnapshot:
    """Make the event's current snapshot the public one (replacing the previous public one
    in the same transaction). Refused while marks are missing or divergent unless an
    officer gives a reason."""
    event = lock_event(event.pk)
    require(manages_event(actor, event), OFFICERS_ONLY)
    _refuse_while_open(event.contest)
    return _publish_snapshot(actor, event, override_reason)


@transaction.atomic
def publish_contest(*, actor, contest: Contest, override_reason: str = "") -> AwardSnapshot:
    """Publish every event's current snapshot and the current awards; the contest moves to
    `published`. All or nothing: one event that may not be published refuses the lot."""
    contest = Contest.objects.select_for_update().select_related("host_union").get(pk=contest.pk)
    require(manages_contest(actor, contest), OFFICERS_ONLY)
    _refuse_while_open(contest)
    check_status_step(contest.status, Contest.Status.PUBLISHED, publishing=True)
    events = list(Event.objects.filter(contest=contest).order_by("id"))
    published = 0
    for event in events:
        if ResultSnapshot.objects.filter(event=event, is_current=True).exists():
            _publish_snapshot(actor, event, override_reason)
            published += 1
    if not published:
        raise ValidationError({"contest": [_("No event of this contest has computed results.")]})
    awards = AwardSnapshot.objects.filter(contest=contest, is_current=True).first()
    if awards is None:
        awards = compute_awards(contest_id=contest.pk)
    AwardSnapshot.objects.filter(contest=contest, is_public=True).exclude(pk=awards.pk).update(
        is_public=False
    )
    awards.is_public = True
    awards.published_at = timezone.now()
    awards.save(update_fields=["is_public", "published_at"])
    contest.status = Contest.Status.PUBLISHED
    contest.save(update_fields=["status"])
    _announce(contest_id=contest.pk)
    return awards
