"""Judging rows written straight to the tables, for the results engine's tests."""

from decimal import Decimal

import factory

from judging.models import Criterion, Judge, Mark, Penalty, ScoringScheme
from tests.factories import RegistrationFactory, UnionFactory, UserFactory


class JudgeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Judge

    user = factory.SubFactory(UserFactory)
    name = factory.Sequence(lambda n: f"裁判{n}")
    union = factory.SubFactory(UnionFactory)


def make_scheme(event, criteria=(("T", 30, 100, "mean", 3), ("P", 70, 10, "trimmed_mean", 5)),
                **scheme_fields) -> tuple[ScoringScheme, dict[str, Criterion]]:  # fmt: skip
    scheme = ScoringScheme.objects.create(event=event, **scheme_fields)
    crits = {}
    for position, spec in enumerate(criteria):
        code, weight, max_mark, aggregation, required = spec[:5]
        limit = spec[5] if len(spec) > 5 else None
        crits[code] = Criterion.objects.create(
            event=event,
            code=code,
            name=code,
            weight=Decimal(weight),
            max_mark=Decimal(max_mark),
            aggregation=aggregation,
            judges_required=required,
            divergence_limit=None if limit is None else Decimal(limit),
            position=position,
        )
    return scheme, crits


def give_marks(registration, crits, marks: dict, judges: list) -> None:
    """marks: code -> list of values, the i-th given by judges[i]."""
    Mark.objects.bulk_create(
        [
            Mark(
                event_id=registration.event_id,
                registration=registration,
                criterion=crits[code],
                judge=judges[i],
                value=Decimal(str(v)),
            )
            for code, values in marks.items()
            for i, v in enumerate(values)
        ]
    )


def penalise(registration, marks) -> Penalty:
    return Penalty.objects.create(
        registration=registration, marks=Decimal(str(marks)), reason="违规"
    )


# The shared factory under the name these tests were written with.
EntryFactory = RegistrationFactory
