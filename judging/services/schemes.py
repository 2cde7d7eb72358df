"""The event's scoring scheme: criteria, tie-break order, award tiers and promotion.

A scheme is validated whole before it is stored, and replaced whole; once any mark exists it
is locked (marks would otherwise sit on a criterion whose meaning changed).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from contests.models import Event
from core.models import User
from judging import selectors
from judging.models import Criterion, JudgeAssignment, Mark, ScoringScheme
from judging.services.access import require_event_officer
from judging.signals import marks_changed
from scoring import validation as scheme_validation
from scoring.validation import Problem

LOCKED = gettext_lazy("The scoring scheme is locked: marks have been entered for this event.")


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
    ("award_tiers", "count", "too_large"): gettext_lazy("%(key)s must be at most %(maximum)s."),
    ("award_tiers", "min_total", "too_large"): gettext_lazy("%(key)s must be at most %(maximum)s."),
    ("award_tiers", "min_standardised", "too_large"): gettext_lazy(
        "%(key)s must be at most %(maximum)s."
    ),
    ("promotion", "within_rank", "too_large"): gettext_lazy("%(key)s must be at most %(maximum)s."),
    ("promotion", "min_total", "too_large"): gettext_lazy("%(key)s must be at most %(maximum)s."),
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
        "maximum": p.get("maximum", ""),
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
            raise ValidationError({"criteria": [str(LOCKED)]})
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
    """Whether marks exist, so the scheme can no longer change (`LOCKED` says why)."""
    return Mark.objects.filter(event=event).exists()


def copy_scheme(*, actor: User, source: Event, target: Event) -> ScoringScheme:
    """Give `target` the scoring scheme of `source`, another event the officer runs.

    The copy is not trusted for having been valid where it came from: it goes through
    `replace_scheme` like any new scheme (validated again, refused once `target` has
    marks, atomic). A preset name stored as the source's tiers arrives as its tiers.
    """
    require_event_officer(actor, target)
    require_event_officer(actor, source)
    if source.pk == target.pk:
        raise ValidationError({"source": [_("Choose another event to copy from.")]})
    with transaction.atomic():
        document = selectors.scheme_of(source)
        if not document["criteria"]:
            raise ValidationError({"source": [_("That event has no scoring scheme to copy.")]})
        return replace_scheme(
            actor=actor,
            event=target,
            criteria=[CriterionData(**row) for row in document["criteria"]],
            tie_break=document["tie_break"],
            shared_places=document["shared_places"],
            award_tiers=document["award_tiers"],
            promotion=document["promotion"],
            team_aggregation=document["team_aggregation"],
        )
