"""Marks: a judge's own marks, an officer's corrections, submitting, unlocking, confirming.

Marks are never silently overwritten: every create, change, lock, unlock and confirm writes
a `MarkLog` row in the same transaction as the change, with the old value read under a row
lock. All writes of one judge on one event also lock that judge's `JudgeAssignment` row, so
"submit" (which locks the judge's marks) can never interleave with a mark being written,
and two writes of the same mark are serialised; the unique constraint on (registration,
criterion, judge) is the last line of defence for any other writer.

Each write that changes what counts announces `marks_changed` inside its transaction.
"""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from contests.models import Event, Registration
from core.access import check, is_chief_judge, manages_event, require
from core.models import User
from judging import selectors
from judging.models import (
    SYSTEM_JUDGE_PREFIX,
    Criterion,
    Judge,
    JudgeAssignment,
    Mark,
    MarkLog,
)
from judging.services.access import (
    judge_of,
    lock_assignment,
    require_event_officer,
)
from judging.services.schemes import _fmt
from judging.signals import marks_changed

_BATCH = 2000


def check_value(criterion: Criterion, value: Decimal, field: str = "value") -> None:
    if not value.is_finite() or value.as_tuple().exponent < -2:
        raise ValidationError({field: [_("A mark has at most two decimal places.")]})
    if value < 0 or value > criterion.max_mark:
        raise ValidationError(
            {
                field: [
                    _("A mark on %(code)s must lie between 0 and %(max)s.")
                    % {"code": criterion.code, "max": _fmt(criterion.max_mark)}
                ]
            }
        )
    if criterion.step and value % criterion.step != 0:
        raise ValidationError(
            {
                field: [
                    _("A mark on %(code)s must be a multiple of %(step)s.")
                    % {"code": criterion.code, "step": _fmt(criterion.step)}
                ]
            }
        )


def _check_entry(judge: Judge, registration: Registration, field: str = "registration") -> None:
    if (
        registration.status != Registration.Status.APPROVED
        or registration.bib is None
        or registration.disqualified
    ):
        raise ValidationError({field: [_("Only approved entries can be marked.")]})
    if judge.employer_id is not None and judge.employer_id == registration.employer_id:
        raise ValidationError(
            {field: [_("Conflict of interest: this entry is from the judge's own work unit.")]}
        )


def _check_assignment(assignment: JudgeAssignment, criterion: Criterion) -> None:
    if assignment.criteria and criterion.code not in assignment.criteria:
        raise ValidationError(
            {
                "criterion": [
                    _("The judge is not assigned to criterion %(code)s.") % {"code": criterion.code}
                ]
            }
        )
    if assignment.submitted_at is not None:
        raise ValidationError(
            {
                "non_field_errors": [
                    _(
                        "The marks for this event have been submitted; "
                        "an officer must unlock them before they change."
                    )
                ]
            }
        )


def _criterion(event_id: int, code: str) -> Criterion:
    criterion = Criterion.objects.filter(event_id=event_id, code=code).first()
    if criterion is None:
        raise ValidationError(
            {"criterion": [_("No criterion %(code)s in this event.") % {"code": code or "—"}]}
        )
    return criterion


def _log(mark: Mark, *, actor: User, action: str, old=None, new=None, reason: str = "") -> None:
    MarkLog.objects.create(
        event_id=mark.event_id,
        mark=mark,
        registration_id=mark.registration_id,
        criterion_code=mark.criterion.code,
        judge_id=mark.judge_id,
        actor=actor,
        action=action,
        old_value=old,
        new_value=new,
        reason=reason,
    )


def _write_mark(
    *,
    actor: User,
    judge: Judge,
    registration: Registration,
    criterion: Criterion,
    value: Decimal,
    reason: str = "",
    schedule: bool = True,
) -> Mark:
    """Create or change one mark with its audit row. Caller holds the assignment lock.

    The existing row is read under a row lock so the logged old value is the one replaced.
    `schedule=False` leaves the results recompute to a caller writing many marks.
    """
    lookup = {"registration": registration, "criterion": criterion, "judge": judge}
    mark = Mark.objects.select_for_update().filter(**lookup).first()
    if mark is None:
        try:
            with transaction.atomic():
                mark = Mark.objects.create(event_id=registration.event_id, value=value, **lookup)
        except IntegrityError:
            # Another writer without the assignment lock inserted it first: take its row.
            mark = Mark.objects.select_for_update().filter(**lookup).first()
            if mark is None:
                raise ValidationError(
                    {"criterion": [_("The scoring scheme changed; reload and try again.")]}
                ) from None
        else:
            _log(mark, actor=actor, action=MarkLog.Action.CREATE, new=value, reason=reason)
            if schedule:
                marks_changed.send(sender=Mark, event_id=registration.event_id)
            return mark
    if mark.locked:
        raise ValidationError(
            {
                "non_field_errors": [
                    _("This mark has been submitted; an officer must unlock it first.")
                ]
            }
        )
    if mark.value == value:
        return mark
    old = mark.value
    mark.value = value
    mark.confirmed = False
    mark.save(update_fields=["value", "confirmed", "updated_at"])
    _log(mark, actor=actor, action=MarkLog.Action.CHANGE, old=old, new=value, reason=reason)
    if schedule:
        marks_changed.send(sender=Mark, event_id=registration.event_id)
    return mark


def record_mark(
    *,
    actor: User,
    registration: Registration,
    criterion_code: str,
    value: Decimal,
    reason: str = "",
) -> Mark:
    """A judge creates or changes their own mark on one entry and criterion.

    The criterion is read after the assignment lock, so a scheme replaced meanwhile is seen.
    """
    judge = judge_of(actor)
    if value is None:
        raise ValidationError({"value": [_("This field is required.")]})
    with transaction.atomic():
        assignment = lock_assignment(judge, registration.event_id)
        criterion = _criterion(registration.event_id, criterion_code)
        _check_entry(judge, registration)
        _check_assignment(assignment, criterion)
        check_value(criterion, value)
        return _write_mark(
            actor=actor,
            judge=judge,
            registration=registration,
            criterion=criterion,
            value=value,
            reason=(reason or "").strip(),
        )


def change_mark(*, actor: User, mark: Mark, value: Decimal, reason: str = "") -> Mark:
    """Change one mark: the judge their own (while not submitted), or an officer of the
    host union with a written reason (e.g. after an upheld objection).

    An officer's correction applies to submitted and confirmed marks too and keeps their
    state: the officer is the authority that overrules the panel, and the reason is logged.
    """
    if mark.judge.user_id == getattr(actor, "pk", None):
        return record_mark(
            actor=actor,
            registration=mark.registration,
            criterion_code=mark.criterion.code,
            value=value,
            reason=reason,
        )
    event = mark.registration.event
    check(manages_event, actor, event)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": [_("Give the reason for changing this mark.")]})
    if value is None:
        raise ValidationError({"value": [_("This field is required.")]})
    with transaction.atomic():
        JudgeAssignment.objects.select_for_update().filter(
            event_id=mark.event_id, judge_id=mark.judge_id
        ).first()
        current = Mark.objects.select_for_update().select_related("criterion").get(pk=mark.pk)
        check_value(current.criterion, value)
        if current.value != value:
            old = current.value
            current.value = value
            current.save(update_fields=["value", "updated_at"])
            _log(
                current,
                actor=actor,
                action=MarkLog.Action.CHANGE,
                old=old,
                new=value,
                reason=reason,
            )
            marks_changed.send(sender=Mark, event_id=current.event_id)
    return current


def _log_rows(rows, *, event_id: int, judge_id: int, actor: User, action: str, reason: str = ""):
    return [
        MarkLog(
            event_id=event_id,
            mark_id=mark_id,
            registration_id=registration_id,
            criterion_code=code,
            judge_id=judge_id if judge_id else mark_judge,
            actor=actor,
            action=action,
            old_value=value,
            new_value=value,
            reason=reason,
        )
        for mark_id, registration_id, code, value, mark_judge in rows
    ]


def _update_in_batches(ids: list[int], **changes) -> None:
    for start in range(0, len(ids), _BATCH):
        Mark.objects.filter(pk__in=ids[start : start + _BATCH]).update(**changes)


_ROW_FIELDS = ("id", "registration_id", "criterion__code", "value", "judge_id")


def submit_marks(*, actor: User, event: Event, confirm_incomplete: bool = False) -> dict[str, int]:
    """The judge hands in their marks for the event: all of them are locked.

    A sheet with entries still blank is handed in only when the judge says so
    (`confirm_incomplete`): otherwise a 400 on that field says how many are missing, and
    nothing is locked. `missing` in the answer counts the entries left blank."""
    judge = judge_of(actor)
    with transaction.atomic():
        assignment = lock_assignment(judge, event.pk)
        missing = selectors.entries_missing_marks(judge, event)
        if missing and not confirm_incomplete:
            raise ValidationError(
                {
                    "confirm_incomplete": [
                        ngettext(
                            "%(n)s entry still misses your marks. Submitting locks your marks"
                            " as they are; confirm to submit anyway.",
                            "%(n)s entries still miss your marks. Submitting locks your marks"
                            " as they are; confirm to submit anyway.",
                            missing,
                        )
                        % {"n": missing}
                    ]
                }
            )
        rows = list(
            Mark.objects.select_for_update()
            .filter(event=event, judge=judge, locked=False)
            .values_list(*_ROW_FIELDS)
        )
        _update_in_batches([r[0] for r in rows], locked=True)
        MarkLog.objects.bulk_create(
            _log_rows(
                rows, event_id=event.pk, judge_id=judge.pk, actor=actor, action=MarkLog.Action.LOCK
            ),
            batch_size=_BATCH,
        )
        assignment.submitted_at = timezone.now()
        assignment.save(update_fields=["submitted_at"])
    return {
        "locked": len(rows),
        "marks": Mark.objects.filter(event=event, judge=judge).count(),
        "missing": missing,
    }


def _unlock_reason(
    actor: User, event: Event, reason: str, registration: Registration | None
) -> str:
    """What every unlock checks first: the entry is the event's, the actor runs the event,
    and a reason is given (returned stripped)."""
    if registration is not None and registration.event_id != event.pk:
        raise ValidationError({"registration": [_("This entry is not in the event.")]})
    require_event_officer(actor, event)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": [_("Give the reason for unlocking.")]})
    return reason


def unlock_marks(
    *,
    actor: User,
    event: Event,
    judge: Judge,
    reason: str,
    registration: Registration | None = None,
    criterion_code: str = "",
) -> dict[str, int]:
    """An officer reopens a judge's submitted marks (e.g. for re-marking), with a reason:
    all of them, or only those on one entry and/or criterion (a divergence to re-mark).

    Unlocked marks lose their confirmation: they may change, so the chief judge must
    confirm them again. The judge's submission is reopened; submitting again locks them.
    """
    reason = _unlock_reason(actor, event, reason, registration)
    with transaction.atomic():
        assignment = (
            JudgeAssignment.objects.select_for_update().filter(event=event, judge=judge).first()
        )
        if assignment is None:
            raise ValidationError({"judge": [_("This judge is not assigned to the event.")]})
        marks = Mark.objects.filter(event=event, judge=judge, locked=True)
        if registration is not None:
            marks = marks.filter(registration=registration)
        if criterion_code:
            marks = marks.filter(criterion__code=criterion_code)
        rows = list(marks.select_for_update().values_list(*_ROW_FIELDS))
        _update_in_batches([r[0] for r in rows], locked=False, confirmed=False)
        MarkLog.objects.bulk_create(
            _log_rows(
                rows,
                event_id=event.pk,
                judge_id=judge.pk,
                actor=actor,
                action=MarkLog.Action.UNLOCK,
                reason=reason,
            ),
            batch_size=_BATCH,
        )
        assignment.submitted_at = None
        assignment.save(update_fields=["submitted_at"])
        if rows:
            marks_changed.send(sender=Mark, event_id=event.pk)
    return {"unlocked": len(rows)}


def unlock_entry_marks(
    *,
    actor: User,
    event: Event,
    registration: Registration,
    criterion_code: str,
    reason: str,
) -> dict[str, int]:
    """Reopen every judge's submitted marks on one entry and criterion (a divergence to
    re-mark), all in one transaction; each of those judges' submissions is reopened."""
    reason = _unlock_reason(actor, event, reason, registration)
    judges = Judge.objects.filter(
        marks__registration=registration, marks__criterion__code=criterion_code, marks__locked=True
    ).distinct()
    with transaction.atomic():
        unlocked = sum(
            unlock_marks(
                actor=actor,
                event=event,
                judge=judge,
                reason=reason,
                registration=registration,
                criterion_code=criterion_code,
            )["unlocked"]
            for judge in judges.order_by("id")
        )
    return {"unlocked": unlocked}


def confirm_marks(*, actor: User, event: Event) -> dict[str, int]:
    """The chief judge confirms the panel's submitted marks; only those count when published.

    Marks not yet submitted stay unconfirmed (the judge may still change them).
    """
    judge_of(actor)  # anyone but a judge is refused as such
    require(
        is_chief_judge(actor, event), _("Only the chief judge of this event may confirm marks.")
    )
    with transaction.atomic():
        rows = list(
            Mark.objects.select_for_update()
            .filter(event=event, locked=True, confirmed=False)
            .values_list(*_ROW_FIELDS)
        )
        _update_in_batches([r[0] for r in rows], confirmed=True)
        MarkLog.objects.bulk_create(
            _log_rows(
                rows, event_id=event.pk, judge_id=0, actor=actor, action=MarkLog.Action.CONFIRM
            ),
            batch_size=_BATCH,
        )
        if rows:
            marks_changed.send(sender=Mark, event_id=event.pk)
    return {
        "confirmed": len(rows),
        "unsubmitted": Mark.objects.filter(event=event, locked=False).count(),
    }


def _system_judge(*, event: Event, key: str, name: str) -> Judge:
    """The judge standing for an automatic source of marks (an online test): one per key,
    in the event's host union, with a user that cannot sign in."""
    username = f"{SYSTEM_JUDGE_PREFIX}{key}"[:150]
    user, _created = User.objects.get_or_create(username=username, defaults={"is_active": False})
    if _created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    judge, _created = Judge.objects.get_or_create(
        user=user, defaults={"name": name[:50], "union_id": event.contest.host_union_id}
    )
    if judge.name != name[:50]:
        judge.name = name[:50]
        judge.save(update_fields=["name"])
    return judge


def record_test_marks(
    *,
    actor: User | None,
    event: Event,
    criterion: Criterion,
    values: dict[int, Decimal],
    source: str,
    source_key: str,
) -> dict[str, int]:
    """Marks of an automatic source (an online test) on one criterion: `values` maps a
    registration id to its mark. The marks belong to a system judge named after the source
    (`source_key` keeps it one judge), are written locked and confirmed, and each create or
    change is logged (actor: the given user, else the source's own user; reason: the
    source). Idempotent: the same values again change nothing and log nothing. Results are
    recomputed through `marks_changed` (once) when anything changed. Written in bulk: the
    new marks and their audit rows by bulk inserts, the changed ones by one UPDATE per
    distinct new value (a regrade changes few)."""
    if criterion.event_id != event.pk:
        raise ValidationError({"criterion": [_("Choose a criterion of this event.")]})
    for value in values.values():
        check_value(criterion, value)
    reason = source[:500]
    with transaction.atomic():
        judge = _system_judge(event=event, key=source_key, name=source)
        actor = actor or judge.user
        entries = set(
            Registration.objects.filter(
                event=event,
                status=Registration.Status.APPROVED,
                bib__isnull=False,
                disqualified=False,
            ).values_list("pk", flat=True)
        )
        existing = {
            registration_id: (pk, value, locked and confirmed)
            for pk, registration_id, value, locked, confirmed in Mark.objects.select_for_update()
            .filter(event=event, criterion=criterion, judge=judge)
            .values_list("pk", "registration_id", "value", "locked", "confirmed")
        }
        new: list[Mark] = []
        changes: dict[Decimal, list[tuple[int, int, Decimal]]] = {}  # new value: marks
        for registration_id, value in values.items():
            if registration_id not in entries:
                continue
            row = existing.get(registration_id)
            if row is None:
                new.append(
                    Mark(
                        event_id=event.pk,
                        registration_id=registration_id,
                        criterion=criterion,
                        judge=judge,
                        value=value,
                        locked=True,
                        confirmed=True,
                    )
                )
            elif row[1] != value or not row[2]:
                changes.setdefault(value, []).append((row[0], registration_id, row[1]))
        created = Mark.objects.bulk_create(new, batch_size=_BATCH)
        log = [
            MarkLog(event_id=event.pk, mark_id=mark.pk, registration_id=mark.registration_id,
                    criterion_code=criterion.code, judge_id=judge.pk, actor=actor,
                    action=MarkLog.Action.CREATE, new_value=mark.value, reason=reason)
            for mark in created
        ]  # fmt: skip
        now = timezone.now()
        for value, marks in changes.items():
            _update_in_batches(
                [pk for pk, _r, _old in marks],
                value=value,
                locked=True,
                confirmed=True,
                updated_at=now,
            )
            log += [
                MarkLog(event_id=event.pk, mark_id=pk, registration_id=registration_id,
                        criterion_code=criterion.code, judge_id=judge.pk, actor=actor,
                        action=MarkLog.Action.CHANGE, old_value=old, new_value=value,
                        reason=reason)
                for pk, registration_id, old in marks
            ]  # fmt: skip
        MarkLog.objects.bulk_create(log, batch_size=_BATCH)
        written, changed = len(created), sum(len(m) for m in changes.values())
        if written or changed:
            marks_changed.send(sender=Mark, event_id=event.pk)
    return {"created": written, "changed": changed, "judge": judge.pk}
