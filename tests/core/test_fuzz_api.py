"""Schema-driven fuzzing of the whole API (schemathesis over the WSGI application).

Every operation of the OpenAPI schema is called with generated requests, valid and invalid,
as an officer of the host union and anonymously, against a small seeded world (a contest
with events, entries, a team, a scheme and a mark). The server must never answer 5xx, and
every answer must be one the schema documents: its status, content type and body.

Each request runs in a savepoint that is rolled back, so every request meets the same world;
path ids are drawn from the world's own ids half the time so requests reach real objects,
not only 404s. Bounded: a few examples per operation and mode, no shrinking, so the whole
file stays near a minute on a small machine. A failure prints the request to reproduce.
"""

from __future__ import annotations

import json
import os
import time

import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections, transaction
from drf_spectacular.generators import SchemaGenerator
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from hypothesis.errors import Unsatisfiable
from schemathesis.specs.openapi import checks as openapi_checks

from contests.models import Contest
from core.tokens import issue_token
from judging.models import JudgeAssignment, Mark
from public.models import Objection
from tests.factories import (
    ContestFactory,
    EmployerFactory,
    EventFactory,
    RegistrationFactory,
    TeamFactory,
)
from tests.public.conftest import clear_public_cache
from tests.results.factories import JudgeFactory, make_scheme

pytestmark = pytest.mark.django_db

EXAMPLES = {"positive": 3, "negative": 2}
CHECKS = [
    schemathesis.checks.not_a_server_error,
    openapi_checks.status_code_conformance,
    openapi_checks.content_type_conformance,
    openapi_checks.response_schema_conformance,
]


def _schema():
    document = SchemaGenerator().get_schema(request=None, public=True)
    # Through JSON: lazy strings and decimals become what the served schema holds.
    loaded = schemathesis.openapi.from_dict(json.loads(json.dumps(document, default=str)))
    loaded.app = get_wsgi_application()
    return loaded


@pytest.fixture
def wsgi_requests():
    """Requests through the WSGI handler keep the test's connection and transaction open
    (as Django's test client does: the handler would otherwise close the connection)."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture
def world(union_tree, officer_a, worker_user):
    clear_public_cache()
    a = union_tree[0]
    worker = worker_user.worker
    team = TeamFactory(employer=worker.employer, name="乙班组", leader=worker)
    team.members.add(worker)
    EmployerFactory(union=a, name="甲机械厂")
    judge = JudgeFactory(union=a, user__username="judge", name="裁判甲")
    contest = ContestFactory(host_union=a, name="燃气行业职业技能竞赛")
    contest.series.organisers.add(a)
    event = EventFactory(contest=contest, name="燃气管道工")
    EventFactory(contest=contest, name="燃气表装修工")
    _, criteria = make_scheme(event, criteria=(("T", 100, 100, "mean", 1),))
    JudgeAssignment.objects.create(event=event, judge=judge)
    entry = RegistrationFactory(event=event, worker=worker, bib=1)
    RegistrationFactory(event=event, worker__employer__union=a, bib=2)
    Contest.objects.filter(pk=contest.pk).update(last_bib=2)
    Mark.objects.create(
        event=event, registration=entry, criterion=criteria["T"], judge=judge, value=80
    )
    Objection.objects.create(
        event=event, registration=entry, filed_by=worker_user, reason="评分有误"
    )
    # Ids of every seeded row: path parameters are drawn from these (and from anywhere).
    ids = set()
    for model in (Contest, type(event), type(entry), type(team), type(judge), Mark, Objection):
        ids.update(model.objects.values_list("pk", flat=True))
    ids.update(u.pk for u in union_tree)
    return {"officer_token": issue_token(user=officer_a)[1], "ids": sorted(ids)}


def _fuzz_operation(operation, headers: dict, ids: list[int]) -> None:
    for mode, examples in EXAMPLES.items():
        strategy = operation.as_strategy(generation_mode=schemathesis.GenerationMode(mode))

        @settings(
            max_examples=examples,
            deadline=None,
            database=None,
            derandomize=True,
            phases=[Phase.explicit, Phase.generate],
            suppress_health_check=list(HealthCheck),
        )
        @given(case=strategy, seeded_id=st.sampled_from([None, *ids]))
        def run(case, seeded_id):
            if seeded_id is not None and case.path_parameters:
                for name, value in case.path_parameters.items():
                    if isinstance(value, int):
                        case.path_parameters[name] = seeded_id
            with transaction.atomic():
                response = case.call(headers=headers)
                transaction.set_rollback(True)
            case.validate_response(response, checks=CHECKS, headers=headers)

        try:
            run()
        except Unsatisfiable:
            if mode == "positive":
                raise  # an operation with no input at all has no invalid input to send


SCHEMA = None


def _operations():
    global SCHEMA
    if SCHEMA is None:
        SCHEMA = _schema()
    return [result.ok() for result in SCHEMA.get_all_operations()]


@pytest.mark.parametrize("role", ["anonymous", "officer"])
def test_every_operation_answers_within_its_schema(role, world, wsgi_requests, english):
    headers = {"Authorization": f"Token {world['officer_token']}"} if role == "officer" else {}
    failures = []
    for operation in _operations():
        started = time.monotonic()
        try:
            _fuzz_operation(operation, headers, world["ids"])
        except (Exception, BaseExceptionGroup) as exc:  # collect all, report together
            failures.append(f"{operation.method.upper()} {operation.path}: {exc}")
        if os.environ.get("FUZZ_TIMES"):
            print(f"{time.monotonic() - started:6.2f}s {operation.method.upper()} {operation.path}")
    assert not failures, "\n\n".join(failures)
