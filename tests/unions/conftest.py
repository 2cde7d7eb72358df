"""A small world for the permission matrix: one work unit, team and worker per union."""

import pytest

from tests.factories import EmployerFactory, TeamFactory

ROLES = ["anonymous", "worker_user", "officer_a", "officer_b", "officer_c", "superuser"]


@pytest.fixture
def world(union_tree, worker_user):
    a, b, c = union_tree
    worker = worker_user.worker
    employer_b = worker.employer
    employer_a = EmployerFactory(union=a, name="甲机械厂")
    employer_c = EmployerFactory(union=c, name="丙机械厂")
    team_b = TeamFactory(employer=employer_b, name="乙班组", leader=worker)
    team_b.members.add(worker)
    return {
        "a": a,
        "b": b,
        "c": c,
        "employer_a": employer_a,
        "employer_b": employer_b,
        "employer_c": employer_c,
        "worker": worker,
        "team_b": team_b,
    }


@pytest.fixture
def as_role(request, api):
    """as_role("officer_a") -> an API client signed in as that role (or anonymous)."""

    def make(role: str):
        if role == "anonymous":
            return api
        from tests.conftest import client_for

        return client_for(request.getfixturevalue(role))

    return make
