"""Fixtures for contests tests: an open contest hosted by union A with one event of each kind."""

import datetime as dt

import pytest
from django.utils import timezone

from contests.models import Event
from tests.factories import (
    ContestFactory,
    EmployerFactory,
    EventFactory,
    TeamFactory,
    WorkerFactory,
)


@pytest.fixture
def contest(union_tree):
    return ContestFactory(host_union=union_tree[0])


@pytest.fixture
def event(contest):
    return EventFactory(contest=contest, kind=Event.Kind.INDIVIDUAL)


@pytest.fixture
def team_event(contest):
    return EventFactory(contest=contest, kind=Event.Kind.TEAM, min_team_size=2, max_team_size=4)


@pytest.fixture
def achievement_event(contest):
    return EventFactory(contest=contest, kind=Event.Kind.ACHIEVEMENT)


@pytest.fixture
def employer_b(union_tree):
    return EmployerFactory(union=union_tree[1])


@pytest.fixture
def worker(employer_b):
    """A worker of union B (below the host A), born 1990-05-17, grade 3 (高级工)."""
    return WorkerFactory(employer=employer_b)


@pytest.fixture
def team(employer_b):
    members = WorkerFactory.create_batch(3, employer=employer_b)
    team = TeamFactory(employer=employer_b, leader=members[0])
    team.members.set(members)
    return team


def days(n: int) -> dt.datetime:
    return timezone.now() + dt.timedelta(days=n)
