"""Factories of the judging app (shared factories live in tests/factories.py)."""

from decimal import Decimal

import factory

from contests.models import Registration
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


class EntryFactory(RegistrationFactory):
    """The shared RegistrationFactory declares `skip_postgeneration_save` as a field (it
    belongs in Meta), so Registration() refuses it; here it is a transient parameter."""

    class Meta:
        model = Registration
        skip_postgeneration_save = True

    class Params:
        skip_postgeneration_save = True
