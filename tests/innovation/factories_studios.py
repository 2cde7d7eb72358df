"""Factories of the studio part: studios, members, reviewers, ratings (seven-haves seeded by
migration), alliances; and a helper that takes a rating to "submitted"."""

import datetime as dt
import importlib

import factory
from django.apps import apps as django_apps

from innovation.models.alliances import Alliance
from innovation.models.ratings import Rating, RatingStandard, Reviewer
from innovation.models.studios import Studio, StudioMember
from tests.factories import EmployerFactory, UnionFactory, UserFactory, WorkerFactory


def seven_haves() -> RatingStandard:
    """The seven-haves standard the data migration seeded, seeded again by the migration's
    own function when a transactional test before this one flushed it."""
    migration = importlib.import_module("innovation.migrations.0003_studios_seven_haves")
    migration.seed(django_apps, None)
    return RatingStandard.objects.get(code="seven-haves")


class StudioFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Studio

    name = factory.Sequence(lambda n: f"第{n}劳模创新工作室")
    union = factory.SubFactory(UnionFactory)
    employer = factory.SubFactory(EmployerFactory, union=factory.SelfAttribute("..union"))
    leader = factory.SubFactory(WorkerFactory, employer=factory.SelfAttribute("..employer"))
    leader_titles = "全国劳动模范"
    field = "燃气管网"
    founded_on = dt.date(2018, 3, 1)

    @classmethod
    def _generate(cls, strategy, params):
        # A studio given only its work unit belongs to the work unit's union.
        if "union" not in params and params.get("employer") is not None:
            params = {**params, "union": params["employer"].union}
        return super()._generate(strategy, params)


class StudioMemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StudioMember

    studio = factory.SubFactory(StudioFactory)
    worker = factory.SubFactory(WorkerFactory, employer=factory.SelfAttribute("..studio.employer"))
    role = "骨干"
    joined_on = dt.date(2019, 1, 1)


class ReviewerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Reviewer

    user = factory.SubFactory(UserFactory)
    union = factory.SubFactory(UnionFactory)
    name = factory.Sequence(lambda n: f"专家{n}")


class RatingFactory(factory.django.DjangoModelFactory):
    """A rating opened straight in the table; tests of the flow open it through the service."""

    class Meta:
        model = Rating
        skip_postgeneration_save = True

    studio = factory.SubFactory(StudioFactory)
    standard = factory.LazyFunction(seven_haves)
    union = factory.SelfAttribute("studio.union")
    level_sought = "enterprise"
    year = 2026

    @factory.post_generation
    def assessments(self, create, extracted, **kwargs):
        for criterion in self.standard.criteria.all():
            self.assessments.get_or_create(criterion=criterion)


def submitted(rating: Rating) -> Rating:
    """Fill every criterion and mark the rating submitted (the table, not the service)."""
    rating.assessments.update(statement="已具备")
    Rating.objects.filter(pk=rating.pk).update(status="submitted")
    rating.refresh_from_db()
    return rating


class AllianceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Alliance

    slug = factory.Sequence(lambda n: f"alliance-{n}")
    name = factory.Sequence(lambda n: f"第{n}创新工作室联盟")
    convener = factory.SubFactory(UnionFactory)
