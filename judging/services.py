"""Writes of the judging app: scoring schemes, judges, assignments, marks, penalties.

Every function checks its actor itself (officer scope, judge assignment, chief judge), so
the API, the pages and the scoresheet import share one rule set. Refusals raise
PermissionDenied (403) or ValidationError keyed by field (400).

Marks are never silently overwritten: every create, change, lock, unlock and confirm writes
a `MarkLog` row in the same transaction as the change, with the old value read under a row
lock. All writes of one judge on one event also lock that judge's `JudgeAssignment` row, so
"submit" (which locks the judge's marks) can never interleave with a mark being written,
and two writes of the same mark are serialised; the unique constraint on (registration,
criterion, judge) is the last line of defence for any other writer.
"""

from __future__ import annotations

import csv
import io
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from contests.models import Event, Registration
from core.models import User
from core.scope import manages_union
from judging.models import (
    Criterion,
    Judge,
    JudgeAssignment,
    Mark,
    MarkLog,
    Penalty,
    ScoringScheme,
)
from scoring import validation as scheme_validation
from scoring.validation import Problem
from unions.models import Employer, Union

_BATCH = 2000
MAX_SCORESHEET_BYTES = 5 * 1024 * 1024
_NAMED_UNITS = 5  # work units named in a coverage warning; the rest are counted


def _schedule_recompute(event_id: int) -> None:
    """Results follow marks: ask the results engine (debounced there) once this commits."""

    def run() -> None:
        from results.scheduling import request_recompute

        request_recompute(event_id)

    transaction.on_commit(run)


# ---------------------------------------------------------------------------------------
# Who may do what
# ---------------------------------------------------------------------------------------


def _host_union(event: Event) -> Union:
    return event.contest.host_union


def manages_event(user: User | None, event: Event) -> bool:
    """Officers of the host union (or a union above it) run the event's judging."""
    return manages_union(user, _host_union(event))


def require_event_officer(actor: User, event: Event) -> None:
    if not manages_event(actor, event):
        raise PermissionDenied(_("Only officers of the host union may do this."))


def judge_of(actor: User | None) -> Judge:
    judge = getattr(actor, "judge", None) if actor and actor.is_authenticated else None
    if judge is None:
        raise PermissionDenied(_("Only judges may do this."))
    return judge


def is_chief_judge(user: User | None, event_id: int) -> bool:
    judge = getattr(user, "judge", None) if user and user.is_authenticated else None
    return bool(
        judge
        and JudgeAssignment.objects.filter(event_id=event_id, judge=judge, chief=True).exists()
    )


def _lock_assignment(judge: Judge, event_id: int) -> JudgeAssignment:
    """The judge's assignment, row-locked: every write of this judge on this event queues
    here, so a submit never interleaves with a mark being written."""
    assignment = (
        JudgeAssignment.objects.select_for_update().filter(event_id=event_id, judge=judge).first()
    )
    if assignment is None:
        raise PermissionDenied(_("You are not assigned to judge this event."))
    return assignment


# ---------------------------------------------------------------------------------------
# Scoring scheme
# ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CriterionData:
    code: str
    name: str
    weight: Decimal
    max_mark: Decimal
    kind: str = Criterion.Kind.JUDGEMENT
    aggregation: str = Criterion.Aggregation.MEAN
    judges_required: int = 1
    divergence_limit: Decimal | None = None
    step: Decimal | None = None


def _fmt(value: Decimal) -> str:
    """8.50 → "8.5", 100 → "100" (never "1E+2")."""
    return format(value.normalize(), "f")


_number = scheme_validation.parse_decimal


# A scheme is checked by the one scheme validator, scoring.validation (the rules the
# results engine computes with); each problem it reports becomes a message on its section
# of the scheme document ("criteria", "tie_break", "award_tiers", "promotion"), keyed
# here by (section, field, problem code).
_SCHEME_MESSAGES = {
    ("criteria", "", "required"): gettext_lazy("A scoring scheme needs at least one criterion."),
    ("criteria", "", "weights_must_add_up_to_100"): gettext_lazy(
        "The weights must add up to 100; they add up to %(total)s."
    ),
    ("criteria", "code", "required"): gettext_lazy(
        "Every criterion needs a code without spaces around it."
    ),
    ("criteria", "code", "padded"): gettext_lazy(
        "Every criterion needs a code without spaces around it."
    ),
    ("criteria", "code", "reserved"): gettext_lazy("%(code)s: this code is reserved."),
    ("criteria", "code", "duplicate"): gettext_lazy("%(code)s: criterion codes must be unique."),
    ("criteria", "name", "required"): gettext_lazy("%(code)s: a name is required."),
    ("criteria", "weight", "positive"): gettext_lazy("%(code)s: the weight must be positive."),
    ("criteria", "max_mark", "positive"): gettext_lazy(
        "%(code)s: the maximum mark must be positive."
    ),
    ("criteria", "kind", "unknown"): gettext_lazy("%(code)s: unknown kind."),
    ("criteria", "aggregation", "unknown"): gettext_lazy("%(code)s: unknown aggregation."),
    ("criteria", "judges_required", "whole_at_least"): gettext_lazy(
        "%(code)s: at least one mark is required."
    ),
    ("criteria", "divergence_limit", "judgement_only"): gettext_lazy(
        "%(code)s: a divergence limit applies to judgement criteria only."
    ),
    ("criteria", "divergence_limit", "non_negative"): gettext_lazy(
        "%(code)s: the divergence limit cannot be negative."
    ),
    ("criteria", "step", "positive"): gettext_lazy("%(code)s: the step must be positive."),
    ("criteria", "max_mark", "multiple_of_step"): gettext_lazy(
        "%(code)s: the maximum mark must be a multiple of the step."
    ),
    ("tie_break", "", "wrong_type"): gettext_lazy("Each item must be a text."),
    ("tie_break", "", "duplicate"): gettext_lazy("%(item)s is listed twice."),
    ("tie_break", "", "unknown"): gettext_lazy(
        "%(item)s is neither a criterion code of this event nor “time”."
    ),
    ("award_tiers", "", "wrong_type"): gettext_lazy("must be an object."),
    ("award_tiers", "", "unknown_keys"): gettext_lazy("unknown keys %(keys)s."),
    ("award_tiers", "", "exactly_one_size"): gettext_lazy("give exactly one of count and share."),
    ("award_tiers", "name", "required"): gettext_lazy("a name is required."),
    ("award_tiers", "name", "duplicate"): gettext_lazy("the name %(name)s is used twice."),
    ("award_tiers", "count", "whole_at_least"): gettext_lazy(
        "count must be a whole number of at least 1."
    ),
    ("award_tiers", "share", "fraction"): gettext_lazy(
        "share must be a fraction above 0 and at most 1."
    ),
    ("award_tiers", "until_share", "fraction"): gettext_lazy(
        "share must be a fraction above 0 and at most 1."
    ),
    ("award_tiers", "min_total", "non_negative"): gettext_lazy(
        "%(key)s must be a number of at least 0."
    ),
    ("award_tiers", "min_standardised", "non_negative"): gettext_lazy(
        "%(key)s must be a number of at least 0."
    ),
    ("promotion", "", "wrong_type"): gettext_lazy("Give an object."),
    ("promotion", "", "unknown_keys"): gettext_lazy("Unknown keys %(keys)s."),
    ("promotion", "", "within_rank_or_min_total"): gettext_lazy(
        "Give within_rank and/or min_total."
    ),
    ("promotion", "within_rank", "whole_at_least"): gettext_lazy("within_rank must be at least 1."),
    ("promotion", "min_total", "non_negative"): gettext_lazy(
        "min_total must be a number of at least 0."
    ),
}


def _scheme_message(problem: Problem) -> str:
    """A problem of scoring.validation in the reader's language."""
    path = problem.field.split("]")[-1]
    name = path.rsplit(".", 1)[1] if "." in path else ""
    template = _SCHEME_MESSAGES.get((problem.section, name, problem.code))
    if template is None:  # shapes the API's serializers already refuse
        return _("%(field)s is not valid.") % {"field": problem.field}
    p = problem.params
    message = str(template) % {
        "code": p.get("criterion") or "—",
        "total": _fmt(p["total"]) if "total" in p else "",
        "item": p.get("item", ""),
        "name": p.get("name", ""),
        "keys": ", ".join(p.get("keys", ())),
        "key": name,
    }
    if "tier" in p:
        message = _("Tier %(n)s: ") % {"n": p["tier"]} + message
    return message


def _scheme_error(problems: list[Problem]) -> ValidationError:
    """One field-level error per problem, on its section of the scheme document."""
    errors: dict[str, list[ValidationError]] = {}
    for problem in problems:
        errors.setdefault(problem.section, []).append(
            ValidationError(_scheme_message(problem), code=problem.code)
        )
    return ValidationError(errors)


def validate_scheme(
    *,
    criteria: list[CriterionData],
    tie_break: list[str],
    award_tiers: list[dict],
    promotion: dict | None,
) -> tuple[list[dict], dict | None]:
    """Reject a scheme the results engine could not compute; messages name the culprit.

    Returns the award tiers and promotion rule normalised for storage.
    """
    tiers, tier_problems = scheme_validation.parse_tiers(award_tiers)
    rule, promotion_problems = scheme_validation.parse_promotion(promotion)
    problems = [
        *scheme_validation.criteria_problems(criteria),
        *scheme_validation.tie_break_problems(tie_break, [c.code for c in criteria]),
        *tier_problems,
        *promotion_problems,
    ]
    if problems:
        raise _scheme_error(problems)
    return scheme_validation.tiers_config(tiers), scheme_validation.promotion_config(rule)


def _lock_event_writers(event: Event) -> None:
    """Wait for every mark being written on the event: mark writers hold their judge's
    assignment row lock until they commit, so locking all assignments of the event (and
    the event row, for events without judges yet) orders a scheme change after them.

    Assignments first, and the event row only FOR NO KEY UPDATE: a committing mark takes
    FOR KEY SHARE on its event (the foreign-key check), which FOR UPDATE would block while
    this transaction waits for that mark's assignment lock: a deadlock."""
    list(JudgeAssignment.objects.select_for_update().filter(event=event).values_list("pk"))
    Event.objects.select_for_update(no_key=True).filter(pk=event.pk).first()


def replace_scheme(
    *,
    actor: User,
    event: Event,
    criteria: list[CriterionData],
    tie_break: list[str] | None = None,
    shared_places: bool = True,
    award_tiers: list[dict] | None = None,
    promotion: dict | None = None,
    team_aggregation: str | None = None,
) -> ScoringScheme:
    """Replace the event's whole scoring scheme; refused once any mark exists.

    Criteria are deleted and recreated: with no marks nothing refers to them. Mark writers
    are waited for first (see `_lock_event_writers`), so a mark committed meanwhile is seen
    and the change refused, instead of a mark left on a criterion whose meaning changed.
    """
    require_event_officer(actor, event)
    tie_break = list(tie_break or [])
    tiers, promotion = validate_scheme(
        criteria=criteria,
        tie_break=tie_break,
        award_tiers=list(award_tiers or []),
        promotion=promotion,
    )
    if team_aggregation and team_aggregation not in ScoringScheme.TeamAggregation.values:
        raise ValidationError({"team_aggregation": [_("Unknown team aggregation.")]})
    with transaction.atomic():
        _lock_event_writers(event)
        if Mark.objects.filter(event=event).exists():
            raise ValidationError(
                {
                    "criteria": [
                        _("The scoring scheme is locked: marks have been entered for this event.")
                    ]
                }
            )
        Criterion.objects.filter(event=event).delete()
        Criterion.objects.bulk_create(
            [
                Criterion(
                    event=event,
                    code=c.code,
                    name=c.name.strip(),
                    weight=c.weight,
                    max_mark=c.max_mark,
                    kind=c.kind,
                    aggregation=c.aggregation,
                    judges_required=c.judges_required,
                    divergence_limit=c.divergence_limit,
                    step=c.step,
                    position=i,
                )
                for i, c in enumerate(criteria)
            ]
        )
        codes = {c.code for c in criteria}
        for assignment in JudgeAssignment.objects.filter(event=event).exclude(criteria=[]):
            kept = [code for code in assignment.criteria if code in codes]
            if kept != assignment.criteria:
                assignment.criteria = kept
                assignment.save(update_fields=["criteria"])
        scheme, _created = ScoringScheme.objects.update_or_create(
            event=event,
            defaults={
                "tie_break": tie_break,
                "shared_places": shared_places,
                "award_tiers": tiers,
                "promotion": promotion,
                **({"team_aggregation": team_aggregation} if team_aggregation else {}),
            },
        )
        _schedule_recompute(event.pk)
    return scheme


def scheme_locked(event: Event) -> bool:
    return Mark.objects.filter(event=event).exists()


# ---------------------------------------------------------------------------------------
# Judges and assignments
# ---------------------------------------------------------------------------------------


def create_judge(
    *,
    actor: User,
    username: str,
    password: str,
    name: str,
    union: Union,
    employer: Employer | None = None,
) -> Judge:
    """A login account with a judge profile, owned by a union the officer manages."""
    if not manages_union(actor, union):
        raise PermissionDenied(_("You do not manage this union."))
    username = (username or "").strip()
    if not username:
        raise ValidationError({"username": [_("This field is required.")]})
    if not (name or "").strip():
        raise ValidationError({"name": [_("This field is required.")]})
    if User.objects.filter(username__iexact=username).exists():
        raise ValidationError({"username": [_("This username is taken.")]})
    user = User(username=username)
    try:
        validate_password(password, user)
    except ValidationError as exc:
        raise ValidationError({"password": exc.messages}) from None
    user.set_password(password)
    try:
        with transaction.atomic():
            user.save()
            return Judge.objects.create(
                user=user, name=name.strip(), union=union, employer=employer
            )
    except IntegrityError:
        raise ValidationError({"username": [_("This username is taken.")]}) from None


def assign_judge(
    *,
    actor: User,
    event: Event,
    judge: Judge,
    chief: bool = False,
    criteria: list[str] | None = None,
) -> tuple[JudgeAssignment, list[str]]:
    """Assign (or re-assign) a judge to the event; returns the assignment and warnings.

    A new chief judge replaces the previous one (an event has one 裁判长). The warnings
    tell the officer which entries would lack enough eligible judges on a criterion, since
    a judge never marks an entry of their own work unit.
    """
    require_event_officer(actor, event)
    criteria = list(dict.fromkeys(criteria or []))
    if criteria:
        known = set(Criterion.objects.filter(event=event).values_list("code", flat=True))
        unknown = [c for c in criteria if c not in known]
        if unknown:
            raise ValidationError(
                {
                    "criteria": [
                        _("Not criteria of this event: %(codes)s") % {"codes": ", ".join(unknown)}
                    ]
                }
            )
    with transaction.atomic():
        Event.objects.select_for_update(no_key=True).filter(pk=event.pk).first()
        if chief:
            JudgeAssignment.objects.filter(event=event, chief=True).exclude(judge=judge).update(
                chief=False
            )
        assignment, _created = JudgeAssignment.objects.update_or_create(
            event=event, judge=judge, defaults={"chief": chief, "criteria": criteria}
        )
    return assignment, coverage_warnings(event)


def coverage_warnings(event: Event) -> list[str]:
    """Entries left with fewer eligible judges than a criterion requires; one message per
    criterion, naming the work units concerned.

    Set-based: entries are counted per work unit in one query; a judge is eligible for an
    entry unless they belong to its work unit, so per criterion the eligible count for
    unit U is (judges on the criterion) - (those of them employed by U).
    """
    crits = list(Criterion.objects.filter(event=event).values_list("code", "judges_required"))
    per_unit = dict(
        Registration.objects.filter(event=event, status=Registration.Status.APPROVED)
        .values("employer_id")
        .annotate(n=Count("id"))
        .values_list("employer_id", "n")
    )
    if not crits or not per_unit:
        return []
    assignments = list(
        JudgeAssignment.objects.filter(event=event).values_list("criteria", "judge__employer_id")
    )
    short_by_criterion = []
    for code, required in crits:
        on_crit = [emp for codes, emp in assignments if not codes or code in codes]
        by_unit = Counter(on_crit)
        short = sorted(
            (unit_id, n, len(on_crit) - by_unit.get(unit_id, 0))
            for unit_id, n in per_unit.items()
            if len(on_crit) - by_unit.get(unit_id, 0) < required
        )
        if short:
            short_by_criterion.append((code, required, short))
    named = {u for _code, _req, short in short_by_criterion for u, _n, _e in short[:_NAMED_UNITS]}
    names = dict(Employer.objects.filter(pk__in=named).values_list("id", "name"))
    warnings = []
    for code, required, short in short_by_criterion:
        units = ", ".join(
            _("%(unit)s (%(eligible)s eligible)")
            % {"unit": names.get(unit_id, unit_id), "eligible": eligible}
            for unit_id, _n, eligible in short[:_NAMED_UNITS]
        )
        if len(short) > _NAMED_UNITS:
            units += _(" and %(n)s more work units") % {"n": len(short) - _NAMED_UNITS}
        warnings.append(
            _(
                "Criterion %(code)s needs %(required)s judges per entry; %(entries)s entries "
                "have fewer eligible judges: %(units)s."
            )
            % {
                "code": code,
                "required": required,
                "entries": sum(n for _u, n, _e in short),
                "units": units,
            }
        )
    return warnings


# ---------------------------------------------------------------------------------------
# Marks
# ---------------------------------------------------------------------------------------


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
                _schedule_recompute(registration.event_id)
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
        _schedule_recompute(registration.event_id)
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
        assignment = _lock_assignment(judge, registration.event_id)
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
    if not manages_event(actor, event):
        raise PermissionDenied(_("Judges change only their own marks."))
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
            _schedule_recompute(current.event_id)
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


def submit_marks(*, actor: User, event: Event) -> dict[str, int]:
    """The judge hands in their marks for the event: all of them are locked."""
    judge = judge_of(actor)
    with transaction.atomic():
        assignment = _lock_assignment(judge, event.pk)
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
    return {"locked": len(rows), "marks": Mark.objects.filter(event=event, judge=judge).count()}


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
    if registration is not None and registration.event_id != event.pk:
        raise ValidationError({"registration": [_("This entry is not in the event.")]})
    require_event_officer(actor, event)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": [_("Give the reason for unlocking.")]})
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
        _schedule_recompute(event.pk)
    return {"unlocked": len(rows)}


def confirm_marks(*, actor: User, event: Event) -> dict[str, int]:
    """The chief judge confirms the panel's submitted marks; only those count when published.

    Marks not yet submitted stay unconfirmed (the judge may still change them).
    """
    judge = judge_of(actor)
    if not JudgeAssignment.objects.filter(event=event, judge=judge, chief=True).exists():
        raise PermissionDenied(_("Only the chief judge of this event may confirm marks."))
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
        _schedule_recompute(event.pk)
    return {
        "confirmed": len(rows),
        "unsubmitted": Mark.objects.filter(event=event, locked=False).count(),
    }


# ---------------------------------------------------------------------------------------
# Scoresheet import
# ---------------------------------------------------------------------------------------


def parse_scoresheet(name: str, content: bytes) -> list[tuple[int, list[str]]]:
    """(row number, [bib, criterion, value]) of each non-empty data row of a .csv/.xlsx.

    A first row whose first cell is not a number is taken as the header.
    """
    lower = (name or "").lower()
    rows: list[list[str]] = []
    if lower.endswith(".xlsx"):
        from openpyxl import load_workbook

        try:
            book = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
        except Exception:  # openpyxl raises many types for a corrupt file
            raise ValidationError({"file": [_("This is not a readable .xlsx file.")]}) from None
        sheet = book.worksheets[0]
        for row in sheet.iter_rows(values_only=True):
            rows.append(["" if v is None else str(v).strip() for v in row[:3]])
        book.close()
    elif lower.endswith(".csv"):
        try:
            text = content.decode("utf-8-sig")
        except UnicodeDecodeError:
            try:
                text = content.decode("gb18030")
            except UnicodeDecodeError:
                raise ValidationError({"file": [_("Save the CSV file as UTF-8.")]}) from None
        rows = [[c.strip() for c in row[:3]] for row in csv.reader(io.StringIO(text))]
    else:
        raise ValidationError({"file": [_("Upload a .xlsx or .csv file.")]})
    numbered = [(i, r + [""] * (3 - len(r))) for i, r in enumerate(rows, 1) if any(r)]
    if numbered and not numbered[0][1][0].replace(".", "", 1).isdigit():
        numbered = numbered[1:]
    return numbered


def _bib(text: str) -> int | None:
    """A bib from a cell: "12" or a spreadsheet's 12.0."""
    number = _number(text.strip()) if text else None
    if number is None or number != number.to_integral_value() or number < 1:
        return None
    return int(number)


def import_scoresheet(
    *, actor: User, event: Event, rows: list[tuple[int, list[str]]], judge: Judge | None = None
) -> dict[str, int]:
    """Write a judge's scoresheet: every row is checked first, then all are written or none.

    A judge uploads their own marks; an officer of the host union may upload for a judge.
    """
    if judge is None or (getattr(actor, "judge", None) and actor.judge.pk == judge.pk):
        judge = judge_of(actor)
    elif not manages_event(actor, event):
        raise PermissionDenied(_("Only officers of the host union may upload for a judge."))
    if not rows:
        raise ValidationError({"file": [_("The file has no marks.")]})
    wanted = {b for b in (_bib(r[0]) for _n, r in rows) if b is not None}
    with transaction.atomic():
        assignment = _lock_assignment(judge, event.pk)
        if assignment.submitted_at is not None:
            raise ValidationError(
                {"file": [_("These marks have been submitted; an officer must unlock them.")]}
            )
        criteria = {c.code: c for c in Criterion.objects.filter(event=event)}
        bibs: dict[int, Registration] = {}
        ordered = sorted(wanted)
        for start in range(0, len(ordered), _BATCH):
            chunk = ordered[start : start + _BATCH]
            for reg in Registration.objects.filter(event=event, bib__in=chunk):
                bibs[reg.bib] = reg
        errors: list[str] = []
        parsed: list[tuple[Registration, Criterion, Decimal]] = []
        seen: dict[tuple[int, str], int] = {}
        for number, (bib_text, code, value_text) in rows:
            problems = []
            bib = _bib(bib_text)
            reg = bibs.get(bib) if bib is not None else None
            if reg is None:
                problems.append(_("no entry with bib %(bib)s") % {"bib": bib_text or "—"})
            crit = criteria.get(code)
            if crit is None:
                problems.append(_("no criterion %(code)s") % {"code": code or "—"})
            elif assignment.criteria and code not in assignment.criteria:
                problems.append(_("not assigned to criterion %(code)s") % {"code": code})
            try:
                value = Decimal(value_text)
                if not value.is_finite():
                    raise InvalidOperation
            except InvalidOperation:
                value = None
                problems.append(_("mark %(value)s is not a number") % {"value": value_text or "—"})
            if reg is not None:
                try:
                    _check_entry(judge, reg)
                except ValidationError as exc:
                    problems.extend(exc.messages)
            if crit is not None and value is not None:
                try:
                    check_value(crit, value)
                except ValidationError as exc:
                    problems.extend(exc.messages)
            if reg is not None and crit is not None:
                first = seen.setdefault((reg.pk, crit.code), number)
                if first != number:
                    problems.append(_("same entry and criterion as row %(row)s") % {"row": first})
            if problems:
                errors.append(
                    _("Row %(row)s: %(problems)s")
                    % {"row": number, "problems": "; ".join(problems)}
                )
            else:
                parsed.append((reg, crit, value))
        if errors:
            raise ValidationError({"file": errors})
        for reg, crit, value in parsed:
            _write_mark(
                actor=actor,
                judge=judge,
                registration=reg,
                criterion=crit,
                value=value,
                schedule=False,
            )
        _schedule_recompute(event.pk)
    return {"rows": len(parsed)}


# ---------------------------------------------------------------------------------------
# Penalties
# ---------------------------------------------------------------------------------------


def _require_officer_or_chief(actor: User, event: Event) -> None:
    if not (manages_event(actor, event) or is_chief_judge(actor, event.pk)):
        raise PermissionDenied(_("Only officers of the host union or the chief judge may do this."))


def record_penalty(
    *, actor: User, registration: Registration, marks: Decimal, reason: str
) -> Penalty:
    """A deduction from the entry's total (marks off, not a percentage), with its reason."""
    _require_officer_or_chief(actor, registration.event)
    if marks is None or marks <= 0:
        raise ValidationError({"marks": [_("A penalty deducts a positive number of marks.")]})
    if marks > 100:
        raise ValidationError({"marks": [_("A penalty cannot exceed the 100-mark total.")]})
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": [_("Give the reason for the penalty.")]})
    if registration.status != Registration.Status.APPROVED:
        raise ValidationError({"registration": [_("Only approved entries can be penalised.")]})
    with transaction.atomic():
        penalty = Penalty.objects.create(
            registration=registration, marks=marks, reason=reason, recorded_by=actor
        )
        _schedule_recompute(registration.event_id)
    return penalty
