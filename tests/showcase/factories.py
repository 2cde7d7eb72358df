"""Factories of the showcase's posts part (on top of tests/factories.py)."""

import factory
from django.utils import timezone

from scoring import hot
from showcase.models import Correspondent, Post, PostKind, PostStatus
from tests.factories import EmployerFactory, OfficerFactory, UserFactory


class PostFactory(factory.django.DjangoModelFactory):
    """A published post (use status=… / published_at=… for others)."""

    class Meta:
        model = Post

    kind = PostKind.NEWS
    title = factory.Sequence(lambda n: f"第{n}条动态")
    body = "<p>正文</p>"
    employer = factory.SubFactory(EmployerFactory)
    union = factory.LazyAttribute(lambda o: o.employer.union)
    region = factory.LazyAttribute(lambda o: o.employer.region)
    author = factory.SubFactory(UserFactory)
    status = PostStatus.PUBLISHED
    published_at = factory.LazyFunction(lambda: timezone.now() - timezone.timedelta(hours=1))
    hot_base = factory.LazyAttribute(
        lambda o: hot.time_part(o.published_at) if o.published_at else 0
    )
    hot_score = factory.LazyAttribute(lambda o: hot.like_part(o.like_count) + o.hot_base)
    like_count = 0


class CorrespondentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Correspondent

    user = factory.SubFactory(UserFactory)
    employer = factory.SubFactory(EmployerFactory)
    appointed_by = factory.LazyAttribute(lambda o: OfficerFactory(union=o.employer.union).user)
