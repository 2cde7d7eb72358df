"""factory_boy factories for every model. Apps' own tests may add more in their folders."""

import datetime as dt
import itertools

import factory
from django.utils import timezone

from contests.models import Contest, ContestSeries, Event, Registration
from core.models import User
from core.validators import make_id_number
from unions.models import Employer, Officer, Region, Union
from workers.models import Team, Worker

_serial = itertools.count(1)


def region(code: str = "310000") -> Region:
    """Regions are reference data loaded by migration: fetch, never create."""
    return Region.objects.get(code=code)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    password = factory.django.Password("Str0ng-pass!")


class UnionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Union

    code = factory.Sequence(lambda n: f"U{n}")
    name = factory.Sequence(lambda n: f"第{n}工会")
    kind = Union.Kind.CITY
    parent = None
    region = factory.LazyFunction(region)
    path = factory.LazyAttribute(lambda o: Union.path_for(o.code, o.parent))


class OfficerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Officer

    user = factory.SubFactory(UserFactory)
    union = factory.SubFactory(UnionFactory)


class EmployerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Employer

    name = factory.Sequence(lambda n: f"第{n}机械厂")
    kind = Employer.Kind.STATE_OWNED
    union = factory.SubFactory(UnionFactory)
    region = factory.LazyAttribute(lambda o: o.union.region)


def id_number(birth: dt.date = dt.date(1990, 5, 17), region_code: str = "310101") -> str:
    """A fresh valid ID number: the serial walks region codes' last digits to stay unique."""
    n = next(_serial)
    return make_id_number(f"{region_code[:4]}{n // 1000 % 100:02d}", birth, n % 1000)


class WorkerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Worker

    user = factory.SubFactory(UserFactory)
    name = factory.Sequence(lambda n: f"张{'伟明华强军'[n % 5]}{n}")
    birth_date = dt.date(1990, 5, 17)
    id_number = factory.LazyAttribute(lambda o: id_number(o.birth_date))
    sex = "M"
    phone = factory.Sequence(lambda n: f"138{n:08d}")
    employer = factory.SubFactory(EmployerFactory)
    occupation = "燃气管道工"
    skill_grade = 3


class TeamFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Team

    name = factory.Sequence(lambda n: f"第{n}班组")
    employer = factory.SubFactory(EmployerFactory)


class SeriesFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ContestSeries

    name = "长三角地区职工劳动和技能竞赛"
    year = 2019


_BEFORE_CLOSING = (Contest.Status.DRAFT, Contest.Status.OPEN)


class ContestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Contest

    series = factory.SubFactory(SeriesFactory)
    host_union = factory.SubFactory(UnionFactory)
    name = factory.Sequence(lambda n: f"第{n}届燃气行业职业技能竞赛")
    # The window agrees with the status: open until ten days from now for a draft or open
    # contest, closed yesterday once registration is closed (judging, published).
    registration_opens = factory.LazyAttribute(
        lambda o: timezone.now() - dt.timedelta(days=1 if o.status in _BEFORE_CLOSING else 30)
    )
    registration_closes = factory.LazyAttribute(
        lambda o: timezone.now() + dt.timedelta(days=10 if o.status in _BEFORE_CLOSING else -1)
    )
    contest_date = factory.LazyFunction(lambda: timezone.localdate() + dt.timedelta(days=20))
    status = Contest.Status.OPEN


class EventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Event

    contest = factory.SubFactory(ContestFactory)
    name = factory.Sequence(lambda n: f"燃气管道工{n}")
    kind = Event.Kind.INDIVIDUAL


class RegistrationFactory(factory.django.DjangoModelFactory):
    """An individual entry, written straight to the table (tests of later stages)."""

    class Meta:
        model = Registration
        # The hook below adds member rows; the registration itself needs no second save.
        skip_postgeneration_save = True

    event = factory.SubFactory(EventFactory)
    contest = factory.LazyAttribute(lambda o: o.event.contest)
    worker = factory.SubFactory(WorkerFactory)
    employer = factory.LazyAttribute(lambda o: o.worker.employer)
    status = Registration.Status.APPROVED
    bib = factory.Sequence(lambda n: n + 1)

    @factory.post_generation
    def member(obj, create, extracted, **kwargs):  # noqa: N805 - factory_boy hook
        if create and obj.worker_id:
            obj.members.create(
                event=obj.event, worker=obj.worker, active=obj.status in Registration.ACTIVE
            )
