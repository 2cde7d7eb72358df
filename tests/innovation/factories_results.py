"""Factories for the results side of innovation (topics, projects, results, patents,
exhibitions); studios come from factories_studios."""

import datetime as dt

import factory

from innovation.models import (
    Exhibition,
    ExhibitionItem,
    ExhibitionSection,
    InnovationResult,
    InnovationTopic,
    Patent,
    ResearchProject,
)
from innovation.patents import check_digit
from tests.factories import EmployerFactory, UserFactory
from tests.innovation.factories_studios import StudioFactory


class TopicFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = InnovationTopic

    studio = factory.SubFactory(StudioFactory)
    title = factory.Sequence(lambda n: f"课题{n}")
    started_on = dt.date(2018, 1, 1)


class ProjectFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ResearchProject

    topic = factory.SubFactory(TopicFactory)
    title = factory.Sequence(lambda n: f"攻关项目{n}")
    started_on = dt.date(2018, 3, 1)


class ResultFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = InnovationResult

    studio = factory.SubFactory(StudioFactory)
    title = factory.Sequence(lambda n: f"创新成果{n}")
    achieved_on = dt.date(2019, 6, 1)


def patent_number(serial: int, *, year: int = 2018, kind: str = "1") -> str:
    digits = f"{year}{kind}{serial:07d}"
    return f"ZL{digits}.{check_digit(digits)}"


class PatentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Patent

    class Params:
        serial = factory.Sequence(lambda n: n + 1)

    result = factory.SubFactory(ResultFactory)
    kind = "1"
    number = factory.LazyAttribute(lambda o: patent_number(o.serial, kind=o.kind))


class ExhibitionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Exhibition

    union = factory.LazyAttribute(lambda o: EmployerFactory().union)
    title = factory.Sequence(lambda n: f"第{n}届职工创新成果展")
    created_by = factory.SubFactory(UserFactory)


class SectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ExhibitionSection

    exhibition = factory.SubFactory(ExhibitionFactory)
    title = factory.Sequence(lambda n: f"展区{n}")


class ItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ExhibitionItem

    section = factory.SubFactory(SectionFactory)
    exhibition = factory.LazyAttribute(lambda o: o.section.exhibition)
    result = factory.SubFactory(ResultFactory)
