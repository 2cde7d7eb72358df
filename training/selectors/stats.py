"""Participation in online practice (网上练兵参与情况) for a union's subtree and a period:
people (workers who answered), attempts (answers given) and questions answered (distinct),
in all and by union, work unit and kind of work unit. The contest statistics report shows
them for the host union's subtree over the contest's period."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, QuerySet

from training.models import PracticeAnswer
from unions.models import Employer, Union

FIGURES = {
    "people": Count("worker", distinct=True),
    "answers": Count("id"),
    "questions": Count("version__question", distinct=True),
}


def answers_in(
    union: Union, *, since: dt.datetime | None = None, until: dt.datetime | None = None
) -> QuerySet[PracticeAnswer]:
    """Practice answers of the workers of `union` and every union below it, in [since, until)."""
    answers = PracticeAnswer.objects.filter(worker__employer__union__path__startswith=union.path)
    if since is not None:
        answers = answers.filter(answered_at__gte=since)
    if until is not None:
        answers = answers.filter(answered_at__lt=until)
    return answers


def totals(union: Union, *, since=None, until=None) -> dict[str, int]:
    return answers_in(union, since=since, until=until).aggregate(**FIGURES)


def _grouped(answers, *fields) -> list[dict]:
    return list(answers.values(*fields).annotate(**FIGURES).order_by("-answers", *fields))


def participation(union: Union, *, since=None, until=None) -> dict:
    """The figures in all and by union, by work unit and by kind of work unit (every kind
    listed, 0 where none practised)."""
    answers = answers_in(union, since=since, until=until)
    kinds = {r["worker__employer__kind"]: r for r in _grouped(answers, "worker__employer__kind")}
    empty = dict.fromkeys(FIGURES, 0)
    return {
        **answers.aggregate(**FIGURES),
        "by_union": [
            {
                "union": r["worker__employer__union_id"],
                "name": r["worker__employer__union__name"],
                **{k: r[k] for k in FIGURES},
            }
            for r in _grouped(
                answers, "worker__employer__union_id", "worker__employer__union__name"
            )
        ],
        "by_unit": [
            {
                "unit": r["worker__employer_id"],
                "name": r["worker__employer__name"],
                "kind": r["worker__employer__kind"],
                **{k: r[k] for k in FIGURES},
            }
            for r in _grouped(
                answers, "worker__employer_id", "worker__employer__name", "worker__employer__kind"
            )
        ],
        "by_kind": [
            {
                "kind": kind.value,
                "label": str(kind.label),
                **{k: kinds.get(kind.value, empty)[k] for k in FIGURES},
            }
            for kind in Employer.Kind
        ],
    }
