"""The event's scoring scheme: criteria, tie-break order, award tiers and promotion.

A scheme is validated whole before it is stored, and replaced whole; once any mark exists it
is locked (marks would otherwise sit on a criterion whose meaning changed).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from contests.models import Event
from core.models import User
from judging.models import Criterion, JudgeAssignment, Mark, ScoringScheme
from judging.services.access import require_event_officer
from judging.signals import marks_changed


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


#: Tie-break items and result labels the results engine reserves; no criterion may use them.
RESERVED_CODES = frozenset({"time", "total", "draw"})
_HUNDRED = Decimal(100)


def _fmt(value: Decimal) -> str:
    """8.50 → "8.5", 100 → "100" (never "1E+2")."""
    return format(value.normalize(), "f")


def _criteria_error(message: str) -> ValidationError:
    return ValidationError({"criteria": [message]})


def _validate_criteria(criteria: list[CriterionData]) -> None:
    """Weights add up to 100, codes are unique, every number is in range."""
    if not criteria:
        raise _criteria_error(_("A scoring scheme needs at least one criterion."))
    seen: set[str] = set()
    total = Decimal(0)
    kinds = set(Criterion.Kind.values)
    aggregations = set(Criterion.Aggregation.values)
    for c in criteria:
        code = (c.code or "").strip()
        label = {"code": code or "—"}
        if not code or code != c.code:
            raise _criteria_error(_("Every criterion needs a code without spaces around it."))
        if code in RESERVED_CODES:
            raise _criteria_error(_("%(code)s: this code is reserved.") % label)
        if code in seen:
            raise _criteria_error(_("%(code)s: criterion codes must be unique.") % label)
        seen.add(code)
        if not (c.name or "").strip():
            raise _criteria_error(_("%(code)s: a name is required.") % label)
        if c.weight is None or c.weight <= 0:
            raise _criteria_error(_("%(code)s: the weight must be positive.") % label)
        if c.max_mark is None or c.max_mark <= 0:
            raise _criteria_error(_("%(code)s: the maximum mark must be positive.") % label)
        if c.kind not in kinds:
            raise _criteria_error(_("%(code)s: unknown kind.") % label)
        if c.aggregation not in aggregations:
            raise _criteria_error(_("%(code)s: unknown aggregation.") % label)
        if not isinstance(c.judges_required, int) or c.judges_required < 1:
            raise _criteria_error(_("%(code)s: at least one mark is required.") % label)
        if c.divergence_limit is not None:
            if c.kind != Criterion.Kind.JUDGEMENT:
                raise _criteria_error(
                    _("%(code)s: a divergence limit applies to judgement criteria only.") % label
                )
            if c.divergence_limit < 0:
                raise _criteria_error(
                    _("%(code)s: the divergence limit cannot be negative.") % label
                )
        if c.step is not None:
            if c.step <= 0:
                raise _criteria_error(_("%(code)s: the step must be positive.") % label)
            if c.max_mark % c.step != 0:
                raise _criteria_error(
                    _("%(code)s: the maximum mark must be a multiple of the step.") % label
                )
        total += c.weight
    if total != _HUNDRED:
        raise _criteria_error(
            _("The weights must add up to 100; they add up to %(total)s.") % {"total": _fmt(total)}
        )


def _validate_tie_break(tie_break: list[str], codes: set[str]) -> None:
    """Criterion codes of the event or "time", each once (the results engine's order)."""
    seen: set[str] = set()
    for item in tie_break:
        if not isinstance(item, str):
            raise ValidationError({"tie_break": [_("Each item must be a text.")]})
        if item in seen:
            raise ValidationError({"tie_break": [_("%(item)s is listed twice.") % {"item": item}]})
        seen.add(item)
        if item != "time" and item not in codes:
            raise ValidationError(
                {
                    "tie_break": [
                        _("%(item)s is neither a criterion code of this event nor “time”.")
                        % {"item": item}
                    ]
                }
            )


def _number(value: Any) -> Decimal | None:
    if value is None or isinstance(value, bool):
        return None
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        return None
    return number if number.is_finite() else None


_TIER_KEYS = {"name", "count", "share", "until_share", "min_total", "min_standardised"}


def _validate_award_tiers(award_tiers: list[dict]) -> list[dict]:
    """Each tier: a name, exactly one of count / share (/ until_share), optional floors.

    Returns the tiers normalised for JSON storage (decimals as strings, no nulls).
    """
    cleaned: list[dict] = []
    names: set[str] = set()
    for i, tier in enumerate(award_tiers, 1):
        where = {"n": i}

        def error(message: str, where: dict = where) -> ValidationError:
            return ValidationError({"award_tiers": [_("Tier %(n)s: ") % where + message]})

        if not isinstance(tier, dict):
            raise error(_("must be an object."))
        unknown = sorted(set(tier) - _TIER_KEYS)
        if unknown:
            raise error(_("unknown keys %(keys)s.") % {"keys": ", ".join(unknown)})
        name = tier.get("name")
        if not isinstance(name, str) or not name.strip():
            raise error(_("a name is required."))
        if name in names:
            raise error(_("the name %(name)s is used twice.") % {"name": name})
        names.add(name)
        sizes = [k for k in ("count", "share", "until_share") if tier.get(k) is not None]
        if len(sizes) != 1:
            raise error(_("give exactly one of count and share."))
        out: dict[str, Any] = {"name": name}
        if "count" in sizes:
            count = tier["count"]
            if not isinstance(count, int) or isinstance(count, bool) or count < 1:
                raise error(_("count must be a whole number of at least 1."))
            out["count"] = count
        else:
            key = sizes[0]
            share = _number(tier[key])
            if share is None or share <= 0 or share > 1:
                raise error(_("share must be a fraction above 0 and at most 1."))
            out[key] = str(share)
        for key in ("min_total", "min_standardised"):
            if tier.get(key) is not None:
                floor = _number(tier[key])
                if floor is None or floor < 0:
                    raise error(_("%(key)s must be a number of at least 0.") % {"key": key})
                out[key] = str(floor)
        cleaned.append(out)
    return cleaned


def _validate_promotion(promotion: dict | None) -> dict | None:
    if promotion is None:
        return None
    if not isinstance(promotion, dict):
        raise ValidationError({"promotion": [_("Give an object.")]})
    unknown = sorted(set(promotion) - {"within_rank", "min_total"})
    if unknown:
        raise ValidationError(
            {"promotion": [_("Unknown keys %(keys)s.") % {"keys": ", ".join(unknown)}]}
        )
    within, floor = promotion.get("within_rank"), promotion.get("min_total")
    if within is None and floor is None:
        raise ValidationError({"promotion": [_("Give within_rank and/or min_total.")]})
    out: dict[str, Any] = {}
    if within is not None:
        if not isinstance(within, int) or isinstance(within, bool) or within < 1:
            raise ValidationError({"promotion": [_("within_rank must be at least 1.")]})
        out["within_rank"] = within
    if floor is not None:
        number = _number(floor)
        if number is None or number < 0:
            raise ValidationError({"promotion": [_("min_total must be a number of at least 0.")]})
        out["min_total"] = str(number)
    return out


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
    _validate_criteria(criteria)
    _validate_tie_break(tie_break, {c.code for c in criteria})
    return _validate_award_tiers(award_tiers), _validate_promotion(promotion)


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
        marks_changed.send(sender=ScoringScheme, event_id=event.pk)
    return scheme


def scheme_locked(event: Event) -> bool:
    return Mark.objects.filter(event=event).exists()
