"""Factories of the judging app (shared factories live in tests/factories.py)."""

from decimal import Decimal

import factory

from judging.models import Criterion, Judge, JudgeAssignment
from tests.factories import EmployerFactory, RegistrationFactory, UnionFactory, UserFactory


class JudgeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Judge

    user = factory.SubFactory(UserFactory)
    name = factory.Sequence(lambda n: f"裁判{n}")
    union = factory.SubFactory(UnionFactory)
    employer = factory.SubFactory(EmployerFactory, union=factory.SelfAttribute("..union"))


class CriterionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Criterion

    code = factory.Sequence(lambda n: f"C{n}")
    name = factory.Sequence(lambda n: f"评分项{n}")
    weight = Decimal(100)
    max_mark = Decimal(100)


class AssignmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = JudgeAssignment

    judge = factory.SubFactory(JudgeFactory)


# The shared factory under the name these tests were written with.
EntryFactory = RegistrationFactory
