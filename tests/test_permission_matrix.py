"""Who may call what: one table of every API endpoint and page against every role.

Each row is one endpoint and method with the status every role gets, in the column order of
`ROLES`:

    anonymous · worker (of union B) · judge (assigned to the event) · chief (its chief judge)
    · officer_a (of A, the host union) · officer_b (of B, below A) · officer_c (of C,
    unrelated) · superuser

The world (`world`) is one contest hosted by union A with an event, its scoring scheme, a
judged entry of the worker, a pending entry, an objection and a task record. Every role
calls the endpoint against the same world: each call runs in a savepoint that is rolled
back, so one role's write never changes what the next role meets (and the world is built
once per row, not once per role). A row with an `effect` also checks the write itself:
it happened exactly when the status was a success, and had not happened before.

How to read the statuses: 401 anonymous on the API (token auth asks for credentials), 302
anonymous on a page (to the login form), 403 a role the view or the service refuses, 404 an
object outside the caller's union subtree (it is invisible to them), 400 a caller who may
act but whose request the rules reject (the world does not satisfy them).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import Client
from django.utils import timezone

from contests.models import Contest, ContestSeries, Division, Event, Registration
from core.models import TaskRecord
from judging.models import Judge, JudgeAssignment, Mark, Penalty
from public.models import Objection
from tests.conftest import client_for
from tests.factories import (
    ContestFactory,
    EmployerFactory,
    EventFactory,
    RegistrationFactory,
    TeamFactory,
)
from tests.public.conftest import clear_public_cache
from tests.results.factories import JudgeFactory, make_scheme
from unions.models import Employer, Officer, Region, Union
from workers.models import Team, Worker, WorkerImport

ROLES = (
    "anonymous",
    "worker",
    "judge",
    "chief",
    "officer_a",
    "officer_b",
    "officer_c",
    "superuser",
)
PASSWORD = "Gong-jiang-2019!"

pytestmark = pytest.mark.django_db


@dataclass(frozen=True)
class Endpoint:
    """One row of the table: a request and the status each role gets for it.

    `path` is formatted with the world's primary keys (`{event}`, `{employer_b}` ...);
    `body` is a dict or a function of the world; `effect(world) -> bool` says whether the
    write has happened, which must be exactly for the roles that got a success (2xx), or
    for the roles named in `writers` (pages answer every POST with a redirect);
    `page` rows go through the page client (session login).
    """

    method: str
    path: str
    statuses: str
    body: Any = None
    effect: Callable[[dict], bool] | None = None
    multipart: bool = False
    page: bool = False
    writers: str | None = None
    expected: dict[str, int] = field(init=False, compare=False)

    def __post_init__(self):
        codes = [int(code) for code in self.statuses.split()]
        assert len(codes) == len(ROLES), f"{self}: one status per role"
        object.__setattr__(self, "expected", dict(zip(ROLES, codes, strict=True)))

    def __str__(self) -> str:
        return f"{self.method} {self.path}"

    def call(self, client, world: dict):
        url = self.path.format(**{k: getattr(v, "pk", v) for k, v in world.items()})
        body = self.body(world) if callable(self.body) else self.body
        send = getattr(client, self.method.lower())
        if self.method == "GET":
            return send(url, body or {})
        if self.page:
            return send(url, body or {})
        if self.multipart:
            return send(url, body, format="multipart")
        return send(url, body, format="json")


def row(method, path, statuses, **kwargs) -> Endpoint:
    return Endpoint(method, path, statuses, **kwargs)


# --- The world ------------------------------------------------------------------------------


@pytest.fixture
def world(union_tree, superuser, officer_a, officer_b, officer_c, worker_user):
    """Union A hosts an open contest; B is below A; C is unrelated (tests/conftest.py)."""
    clear_public_cache()  # anonymous pages and public JSON are cached by primary key
    a, b, c = union_tree
    worker = worker_user.worker
    employer_a = EmployerFactory(union=a, name="甲机械厂")
    employer_c = EmployerFactory(union=c, name="丙机械厂")
    team_b = TeamFactory(employer=worker.employer, name="乙班组", leader=worker)
    team_b.members.add(worker)
    judge = JudgeFactory(union=a, user__username="judge", name="裁判甲")
    chief = JudgeFactory(union=a, user__username="chief", name="裁判长")
    contest = ContestFactory(host_union=a, name="燃气行业职业技能竞赛")
    event = EventFactory(contest=contest, name="燃气管道工")
    open_event = EventFactory(contest=contest, name="燃气表装修工")
    _, criteria = make_scheme(event, criteria=(("T", 100, 100, "mean", 1),))
    JudgeAssignment.objects.create(event=event, judge=judge)
    JudgeAssignment.objects.create(event=event, judge=chief, chief=True)
    contest.series.organisers.add(a)
    entry = RegistrationFactory(event=event, worker=worker, bib=1)
    Contest.objects.filter(pk=contest.pk).update(last_bib=1)
    pending = RegistrationFactory(
        event=event, worker__employer__union=a, status=Registration.Status.PENDING, bib=None
    )
    withdrawable = RegistrationFactory(
        event=EventFactory(contest=contest, name="燃气调压工"),
        worker=worker,
        status=Registration.Status.PENDING,
        bib=None,
    )
    mark = Mark.objects.create(
        event=event, registration=entry, criterion=criteria["T"], judge=judge, value=80
    )
    objection = Objection.objects.create(
        event=event, registration=entry, filed_by=worker_user, reason="评分有误"
    )
    task = TaskRecord.objects.create(name="import_workers", owner=officer_a)
    return {
        "a": a,
        "b": b,
        "c": c,
        "officer_a": officer_a,
        "officer_b": officer_b,
        "officer_c": officer_c,
        "officer_b_row": officer_b.officer,
        "superuser": superuser,
        "worker_user": worker_user,
        "worker": worker,
        "employer_a": employer_a,
        "employer_b": worker.employer,
        "employer_c": employer_c,
        "team_b": team_b,
        "leaf": _leaf_union(b),
        "judge": judge,
        "chief": chief,
        "series": contest.series,
        "contest": contest,
        "event": event,
        "open_event": open_event,
        "entry": entry,
        "pending": pending,
        "withdrawable": withdrawable,
        "mark": mark,
        "objection": objection,
        "task": task,
        "region": Region.objects.get(code="320600"),
        "jiangsu": Region.objects.get(code="320000"),
    }


def role_user(world: dict, role: str):
    return {
        "anonymous": None,
        "worker": world["worker_user"],
        "judge": world["judge"].user,
        "chief": world["chief"].user,
        "officer_a": world["officer_a"],
        "officer_b": world["officer_b"],
        "officer_c": world["officer_c"],
        "superuser": world["superuser"],
    }[role]


def api_client(user):
    from rest_framework.test import APIClient

    return APIClient() if user is None else client_for(user)


def page_client(user) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


class PermissionMatrix:
    """The generic test: every endpoint of `endpoints`, every role, one savepoint each.

    Subclasses list their endpoints; `pytest_generate_tests` below parametrises the test
    with them, so a failure names the endpoint and shows every role's status at once.
    """

    endpoints: tuple[Endpoint, ...] = ()

    def test_statuses(self, endpoint: Endpoint, world):
        statuses: dict[str, int] = {}
        wrong_effects: list[str] = []
        for role in ROLES:
            user = role_user(world, role)
            client = page_client(user) if endpoint.page else api_client(user)
            with transaction.atomic():
                if endpoint.effect is not None and endpoint.effect(world):
                    wrong_effects.append(f"{role}: the effect holds before the call")
                response = endpoint.call(client, world)
                statuses[role] = response.status_code
                if endpoint.effect is not None:
                    done = endpoint.effect(world)
                    if endpoint.writers is not None:
                        should = role in endpoint.writers.split()
                    else:
                        should = 200 <= response.status_code < 300
                    if done != should:
                        wrong_effects.append(f"{role}: {response.status_code}, written={done}")
                transaction.set_rollback(True)
        got = " ".join(str(statuses[role]) for role in ROLES)
        assert statuses == endpoint.expected, f"{endpoint}: {got}"
        assert wrong_effects == []


def pytest_generate_tests(metafunc):
    if "endpoint" in metafunc.fixturenames:
        metafunc.parametrize("endpoint", metafunc.cls.endpoints, ids=str)


def _exists(model, **lookup) -> Callable[[dict], bool]:
    return lambda w: model.objects.filter(**lookup).exists()


def _gone(model, key: str) -> Callable[[dict], bool]:
    return lambda w: not model.objects.filter(pk=w[key].pk).exists()


def _changed(model, key: str, **values) -> Callable[[dict], bool]:
    return lambda w: model.objects.filter(pk=w[key].pk, **values).exists()


def _leaf_union(parent: Union) -> Union:
    code = f"{parent.code}-L"
    return Union.objects.create(
        code=code, name="叶", kind="enterprise", parent=parent, region=parent.region,
        path=Union.path_for(code, parent),
    )  # fmt: skip


# --- Tables ----------------------------------------------------------------------------------
#   columns:  anon wrkr judge chief  offA offB offC  super


class TestCoreAndUnions(PermissionMatrix):
    endpoints = (
        row("POST", "/api/v1/auth/token/", "200 200 200 200 200 200 200 200",
            body=lambda w: {"username": "officer_a", "password": "Str0ng-pass!"}),
        row("GET", "/api/v1/auth/tokens/", "401 200 200 200 200 200 200 200"),
        row("DELETE", "/api/v1/auth/tokens/", "401 204 204 204 204 204 204 204"),
        row("DELETE", "/api/v1/auth/tokens/999999/", "401 404 404 404 404 404 404 404"),
        row("GET", "/api/v1/tasks/{task}/", "401 404 404 404 200 404 404 200"),
        # Regions: public to read, superuser to write.
        row("GET", "/api/v1/regions/", "200 200 200 200 200 200 200 200"),
        row("GET", "/api/v1/regions/{region}/", "200 200 200 200 200 200 200 200"),
        row("POST", "/api/v1/regions/", "401 403 403 403 403 403 403 201",
            body=lambda w: {"code": "320300", "name": "徐州市", "name_en": "Xuzhou",
                            "level": "city", "parent": w["jiangsu"].pk},
            effect=_exists(Region, code="320300")),
        row("PATCH", "/api/v1/regions/{region}/", "401 403 403 403 403 403 403 200",
            body={"name_en": "Nan-tong"}, effect=_changed(Region, "region", name_en="Nan-tong")),
        # Unions: public to read; officers write within their subtree (403 outside: the
        # union itself is public, so refusing is no leak).
        row("GET", "/api/v1/unions/", "200 200 200 200 200 200 200 200"),
        row("GET", "/api/v1/unions/{b}/", "200 200 200 200 200 200 200 200"),
        row("POST", "/api/v1/unions/", "401 403 403 403 201 201 403 201",
            body=lambda w: {"code": "A-B-X", "name": "新工会", "parent": w["b"].pk,
                            "region": w["b"].region_id},
            effect=_exists(Union, code="A-B-X", path="/A/A-B/A-B-X/")),
        row("POST", "/api/v1/unions/", "401 403 403 403 201 403 403 201",  # above B
            body=lambda w: {"code": "A-Y", "name": "新工会", "parent": w["a"].pk,
                            "region": w["a"].region_id},
            effect=_exists(Union, code="A-Y")),
        row("POST", "/api/v1/unions/", "401 403 403 403 403 403 403 201",  # top level
            body=lambda w: {"code": "TOP", "name": "顶层工会", "region": w["a"].region_id},
            effect=_exists(Union, code="TOP")),
        row("PATCH", "/api/v1/unions/{b}/", "401 403 403 403 200 200 403 200",
            body={"name": "乙工会新名"}, effect=_changed(Union, "b", name="乙工会新名")),
        row("PATCH", "/api/v1/unions/{a}/", "401 403 403 403 200 403 403 200",
            body={"name": "甲工会新名"}, effect=_changed(Union, "a", name="甲工会新名")),
        # B may not delete their own union; A's officer may, once it is empty.
        row("DELETE", "/api/v1/unions/{b}/", "401 403 403 403 400 403 403 400",
            effect=_gone(Union, "b")),
        row("DELETE", "/api/v1/unions/{leaf}/", "401 403 403 403 204 204 403 204",
            effect=_gone(Union, "leaf")),
        # Work units: visible only inside the officer's subtree (404 outside it).
        row("GET", "/api/v1/employers/", "401 403 403 403 200 200 200 200"),
        row("GET", "/api/v1/employers/{employer_b}/", "401 403 403 403 200 200 404 200"),
        row("POST", "/api/v1/employers/", "401 403 403 403 201 201 403 201",
            body=lambda w: {"name": "新单位", "kind": "foreign", "region": w["b"].region_id,
                            "union": w["b"].pk},
            effect=_exists(Employer, name="新单位")),
        row("PATCH", "/api/v1/employers/{employer_b}/", "401 403 403 403 200 200 404 200",
            body={"kind": "non_public"},
            effect=_changed(Employer, "employer_b", kind="non_public")),
        # Moving B's work unit to A: only where the mover manages A.
        row("PATCH", "/api/v1/employers/{employer_b}/", "401 403 403 403 200 403 404 200",
            body=lambda w: {"union": w["a"].pk},
            effect=lambda w: Employer.objects.filter(pk=w["employer_b"].pk, union=w["a"]).exists()),
        row("DELETE", "/api/v1/employers/{employer_a}/", "401 403 403 403 204 404 404 204",
            effect=_gone(Employer, "employer_a")),
        row("DELETE", "/api/v1/employers/{employer_c}/", "401 403 403 403 404 404 204 204",
            effect=_gone(Employer, "employer_c")),
        # A work unit with workers is never deleted: 400, not 500.
        row("DELETE", "/api/v1/employers/{employer_b}/", "401 403 403 403 400 400 404 400",
            effect=_gone(Employer, "employer_b")),
        # Officers: an officer creates officers for their own union or one below it.
        row("GET", "/api/v1/officers/", "401 403 403 403 200 200 200 200"),
        row("GET", "/api/v1/officers/{officer_b_row}/", "401 403 403 403 200 200 404 200"),
        row("POST", "/api/v1/officers/", "401 403 403 403 201 201 403 201",
            body=lambda w: {"username": "new_officer", "password": PASSWORD, "union": w["b"].pk},
            effect=_exists(Officer, user__username="new_officer")),
        row("POST", "/api/v1/officers/", "401 403 403 403 201 403 403 201",
            body=lambda w: {"username": "new_officer", "password": PASSWORD, "union": w["a"].pk},
            effect=_exists(Officer, user__username="new_officer")),
        # B may not remove their own role; C cannot see B's officers at all.
        row("DELETE", "/api/v1/officers/{officer_b_row}/", "401 403 403 403 204 403 404 204",
            effect=_gone(Officer, "officer_b_row")),
    )  # fmt: skip


class TestWorkers(PermissionMatrix):
    endpoints = (
        # Sign-up is anonymous by design: every caller is treated alike.
        row("POST", "/api/v1/auth/register/", "201 201 201 201 201 201 201 201",
            body=lambda w: {"username": "new_worker", "password": PASSWORD, "name": "王小兵",
                            "id_number": "110101199001011237", "phone": "13800000009",
                            "employer": w["employer_b"].pk, "occupation": "焊工",
                            "skill_grade": 3},
            effect=_exists(Worker, user__username="new_worker")),
        # Workers of the officer's subtree; a worker outside it is invisible (404).
        row("GET", "/api/v1/workers/", "401 403 403 403 200 200 200 200"),
        row("GET", "/api/v1/workers/{worker}/", "401 403 403 403 200 200 404 200"),
        row("PATCH", "/api/v1/workers/{worker}/", "401 403 403 403 200 200 404 200",
            body={"occupation": "焊工"}, effect=_changed(Worker, "worker", occupation="焊工")),
        # The ID number is the identity: never changed, by anyone.
        row("PATCH", "/api/v1/workers/{worker}/", "401 403 403 403 400 400 404 400",
            body={"id_number": "110101199001011237"},
            effect=_changed(Worker, "worker", id_number="110101199001011237")),
        # B's officer cannot move B's worker to A's work unit (A's unit is not theirs).
        row("PATCH", "/api/v1/workers/{worker}/", "401 403 403 403 200 400 404 200",
            body=lambda w: {"employer": w["employer_a"].pk},
            effect=lambda w: Worker.objects.filter(
                pk=w["worker"].pk, employer=w["employer_a"]).exists()),
        row("GET", "/api/v1/workers/me/", "401 200 403 403 403 403 403 403"),
        row("PATCH", "/api/v1/workers/me/", "401 200 403 403 403 403 403 403",
            body={"occupation": "焊工"}, effect=_changed(Worker, "worker", occupation="焊工")),
        # Teams: the officer's subtree; a team leader may also read their own teams.
        row("GET", "/api/v1/teams/", "401 200 403 403 200 200 200 200"),
        row("GET", "/api/v1/teams/{team_b}/", "401 200 403 403 200 200 404 200"),
        row("POST", "/api/v1/teams/", "401 403 403 403 201 201 400 201",
            body=lambda w: {"name": "新班组", "employer": w["employer_b"].pk,
                            "leader": w["worker"].pk, "members": [w["worker"].pk]},
            effect=_exists(Team, name="新班组")),
        row("PATCH", "/api/v1/teams/{team_b}/", "401 403 403 403 200 200 404 200",
            body={"name": "乙班组二"}, effect=_changed(Team, "team_b", name="乙班组二")),
        row("DELETE", "/api/v1/teams/{team_b}/", "401 403 403 403 204 204 404 204",
            effect=_gone(Team, "team_b")),
        row("POST", "/api/v1/workers/import/", "401 403 403 403 202 202 400 202",
            multipart=True,
            body=lambda w: {"union": w["b"].pk, "file": SimpleUploadedFile(
                "w.csv", "name,id_number,employer\n王小兵,110101199001011237,{}\n".format(
                    w["employer_b"].name).encode())},
            effect=lambda w: WorkerImport.objects.exists()),
    )  # fmt: skip


def _contest_body(w: dict) -> dict:
    now = timezone.now()
    return {
        "series": w["series"].pk,
        "host_union": w["b"].pk,
        "name": "新竞赛",
        "registration_opens": now.isoformat(),
        "registration_closes": (now + dt.timedelta(days=5)).isoformat(),
        "contest_date": (now + dt.timedelta(days=10)).date().isoformat(),
    }


class TestContests(PermissionMatrix):
    endpoints = (
        row("GET", "/api/v1/series/", "200 200 200 200 200 200 200 200"),
        row("GET", "/api/v1/series/{series}/", "200 200 200 200 200 200 200 200"),
        row("POST", "/api/v1/series/", "401 403 403 403 201 201 403 201",
            body=lambda w: {"name": "新系列", "year": 2020, "organisers": [w["b"].pk]},
            effect=_exists(ContestSeries, name="新系列")),
        row("PATCH", "/api/v1/series/{series}/", "401 403 403 403 200 403 403 200",
            body={"name": "系列新名"}, effect=_changed(ContestSeries, "series", name="系列新名")),
        row("GET", "/api/v1/divisions/", "200 200 200 200 200 200 200 200"),
        row("POST", "/api/v1/divisions/", "401 403 403 403 201 201 403 201",
            body=lambda w: {"series": w["series"].pk, "name": "新赛区",
                            "lead_unions": [w["b"].pk], "regions": []},
            effect=_exists(Division, name="新赛区")),
        row("GET", "/api/v1/contests/", "200 200 200 200 200 200 200 200"),
        row("GET", "/api/v1/contests/{contest}/", "200 200 200 200 200 200 200 200"),
        row("POST", "/api/v1/contests/", "401 403 403 403 201 201 403 201",
            body=_contest_body, effect=_exists(Contest, name="新竞赛")),
        row("PATCH", "/api/v1/contests/{contest}/", "401 403 403 403 200 403 403 200",
            body={"name": "竞赛新名"}, effect=_changed(Contest, "contest", name="竞赛新名")),
        row("GET", "/api/v1/events/", "200 200 200 200 200 200 200 200"),
        row("GET", "/api/v1/events/{event}/", "200 200 200 200 200 200 200 200"),
        row("POST", "/api/v1/events/", "401 403 403 403 201 403 403 201",
            body=lambda w: {"contest": w["contest"].pk, "name": "新项目"},
            effect=_exists(Event, name="新项目")),
        row("PATCH", "/api/v1/events/{event}/", "401 403 403 403 200 403 403 200",
            body={"name": "项目新名"}, effect=_changed(Event, "event", name="项目新名")),
        # Entries: officers of the host subtree or of the entrant's; the entrant themself.
        row("GET", "/api/v1/registrations/", "401 200 403 403 200 200 200 200"),
        row("GET", "/api/v1/registrations/{entry}/", "401 200 403 403 200 200 404 200"),
        row("POST", "/api/v1/registrations/", "401 201 403 403 201 201 403 201",
            body=lambda w: {"event": w["open_event"].pk, "worker": w["worker"].pk},
            effect=_exists(Registration, event__name="燃气表装修工")),
        # completion_seconds: host officers or the event's chief judge.
        row("PATCH", "/api/v1/registrations/{entry}/", "401 403 404 200 200 403 404 200",
            body={"completion_seconds": 600},
            effect=_changed(Registration, "entry", completion_seconds=600)),
        row("POST", "/api/v1/registrations/{pending}/approve/", "401 403 403 403 200 404 404 200",
            effect=_changed(Registration, "pending", status="approved")),
        row("POST", "/api/v1/registrations/{pending}/reject/", "401 403 403 403 200 404 404 200",
            body={"reason": "不符合条件"}, effect=_changed(Registration, "pending", status="rejected")),
        # Only the entrant withdraws (officers decide through approve and reject).
        # `entry` is marked already (judging has started for it): an unmarked event's entry.
        row("POST", "/api/v1/registrations/{withdrawable}/withdraw/",
            "401 200 403 403 403 403 404 403",
            effect=_changed(Registration, "withdrawable", status="withdrawn")),
    )  # fmt: skip


def _scoresheet(w: dict) -> dict:
    return {"file": SimpleUploadedFile("s.csv", b"bib,criterion,value\n1,T,85\n")}


class TestJudging(PermissionMatrix):
    endpoints = (
        row("GET", "/api/v1/judges/", "401 403 403 403 200 200 200 200"),
        row("GET", "/api/v1/judges/{judge}/", "401 403 403 403 200 404 404 200"),
        row("POST", "/api/v1/judges/", "401 403 403 403 201 201 403 201",
            body=lambda w: {"username": "new_judge", "password": PASSWORD, "name": "新裁判",
                            "union": w["b"].pk},
            effect=_exists(Judge, user__username="new_judge")),
        # The panel: officers of the host union (403 to others: events are public).
        row("GET", "/api/v1/events/{event}/judges/", "401 403 403 403 200 403 403 200"),
        row("POST", "/api/v1/events/{event}/judges/", "401 403 403 403 201 403 403 201",
            body=lambda w: {"judge": JudgeFactory(union=w["a"], name="新裁判").pk},
            effect=lambda w: JudgeAssignment.objects.filter(judge__name="新裁判").exists()),
        row("GET", "/api/v1/events/{event}/scheme/", "200 200 200 200 200 200 200 200"),
        # Marked already: the scheme is locked, so even the host officer gets a 400.
        row("PUT", "/api/v1/events/{event}/scheme/", "401 403 403 403 400 403 403 400",
            body={"criteria": [{"code": "T", "name": "理论", "weight": 100, "max_mark": 100}]}),
        row("PUT", "/api/v1/events/{open_event}/scheme/", "401 403 403 403 200 403 403 200",
            body={"criteria": [{"code": "T", "name": "理论", "weight": 100, "max_mark": 100}]},
            effect=lambda w: w["open_event"].criteria.exists()),
        row("GET", "/api/v1/marks/", "401 403 200 200 200 200 200 200"),
        row("GET", "/api/v1/marks/{mark}/", "401 403 200 404 200 404 404 200"),
        row("POST", "/api/v1/marks/", "401 403 201 201 403 403 403 403",
            body=lambda w: {"registration": w["entry"].pk, "criterion": "T", "value": "90"},
            effect=lambda w: Mark.objects.filter(value=90).exists()),
        row("PATCH", "/api/v1/marks/{mark}/", "401 403 200 404 200 404 404 200",
            body={"value": "85", "reason": "复核"},
            effect=_changed(Mark, "mark", value=Decimal(85))),
        # The chief has marked nothing: an incomplete sheet, handed in with the confirmation.
        row("POST", "/api/v1/events/{event}/marks/submit/", "401 403 200 200 403 403 403 403",
            body={"confirm_incomplete": True},
            effect=lambda w: JudgeAssignment.objects.filter(submitted_at__isnull=False).exists()),
        row("POST", "/api/v1/events/{event}/marks/confirm/", "401 403 403 200 403 403 403 403"),
        row("POST", "/api/v1/events/{event}/marks/unlock/", "401 403 403 403 200 403 403 200",
            body=lambda w: {"judge": w["judge"].pk, "reason": "复核"}),
        row("POST", "/api/v1/events/{event}/marks/upload/", "401 403 200 200 403 403 403 403",
            multipart=True, body=_scoresheet, writers="judge",
            effect=_changed(Mark, "mark", value=Decimal(85))),
        row("GET", "/api/v1/events/{event}/marksheet/", "401 403 200 200 403 403 403 403"),
        row("GET", "/api/v1/events/{event}/mark-log/", "401 403 403 403 200 403 403 200"),
        row("GET", "/api/v1/events/{event}/judging-status/", "401 403 403 200 200 403 403 200"),
        row("GET", "/api/v1/registrations/{entry}/penalties/", "401 403 403 200 200 403 403 200"),
        row("POST", "/api/v1/registrations/{entry}/penalties/", "401 403 403 201 201 403 403 201",
            body={"marks": "2.5", "reason": "违规操作"},
            effect=lambda w: Penalty.objects.exists()),
    )  # fmt: skip


class TestResults(PermissionMatrix):
    endpoints = (
        # Outside the officer's subtree the event or contest does not exist (404).
        row("POST", "/api/v1/events/{event}/compute/", "401 403 403 403 202 404 404 202",
            effect=lambda w: TaskRecord.objects.filter(name__startswith="results.").exists()),
        row("POST", "/api/v1/contests/{contest}/compute/", "401 403 403 403 202 404 404 202",
            effect=lambda w: TaskRecord.objects.filter(name__startswith="results.").exists()),
        row("POST", "/api/v1/events/{event}/publish/", "401 403 403 403 400 404 404 400"),
        row("POST", "/api/v1/contests/{contest}/publish/", "401 403 403 403 400 404 404 400"),
        row("GET", "/api/v1/events/{event}/results/", "200 200 200 200 200 200 200 200"),
        row("GET", "/api/v1/contests/{contest}/awards/", "200 200 200 200 200 200 200 200"),
        row("POST", "/api/v1/events/{event}/draw/", "401 403 403 403 400 404 404 400",
            body=lambda w: {"lots": [{"registration": w["entry"].pk, "lot": 1}]}),
        row("POST", "/api/v1/events/{event}/promotions/apply/", "401 403 403 403 400 404 404 400"),
    )  # fmt: skip


class TestPublic(PermissionMatrix):
    endpoints = (
        row("GET", "/api/v1/public/events/{event}/leaderboard/", "200 200 200 200 200 200 200 200"),
        row("GET", "/api/v1/public/contests/{contest}/awards/", "200 200 200 200 200 200 200 200"),
        row("GET", "/api/v1/contests/{contest}/report/", "200 200 200 200 200 200 200 200"),
        row("GET", "/api/v1/events/{event}/results-export/", "401 403 403 403 200 404 404 200"),
        row("GET", "/api/v1/contests/{contest}/awards-export/", "401 403 403 403 200 404 404 200"),
        # Not final yet: officers who may reach the contest are told so (400).
        row("GET", "/api/v1/contests/{contest}/certificates/", "401 403 403 403 400 404 404 400"),
        row("POST", "/api/v1/contests/{contest}/certificates/", "401 403 403 403 400 404 404 400"),
        # Anyone may verify a certificate; no certificate is issued in this world.
        row("GET", "/api/v1/public/certificates/0000000000000000/",
            "404 404 404 404 404 404 404 404"),
        row("GET", "/api/v1/objections/", "401 200 200 200 200 200 200 200"),
        row("GET", "/api/v1/objections/{objection}/", "401 200 404 404 200 404 404 200"),
        # Nothing is published: the worker may file, but not now (400).
        row("POST", "/api/v1/objections/", "401 400 403 403 403 403 403 403",
            body=lambda w: {"registration": w["entry"].pk, "reason": "评分有误"}),
        row("POST", "/api/v1/objections/{objection}/dismiss/", "401 403 403 403 200 404 404 200",
            body={"answer": "维持原结果"},
            effect=_changed(Objection, "objection", status="dismissed")),
        # Upholding republishes, refused while the world's contest is open for entries (400).
        row("POST", "/api/v1/objections/{objection}/uphold/", "401 403 403 403 400 404 404 400",
            body={"answer": "重新评分"}, effect=_changed(Objection, "objection", status="upheld")),
    )  # fmt: skip


class TestPages(PermissionMatrix):
    endpoints = (
        row("GET", "/judge/", "302 200 200 200 200 200 200 200", page=True),
        row("GET", "/judge/events/{event}/", "302 403 200 200 403 403 403 403", page=True),
        row("POST", "/judge/events/{event}/entries/{entry}/", "302 403 302 302 403 403 403 403",
            page=True, body={"c_T": "88"}, writers="judge", effect=_changed(Mark, "mark", value=Decimal(88))),
        row("GET", "/judge/events/{event}/status/", "302 403 403 200 200 403 403 200", page=True),
        row("POST", "/judge/events/{event}/submit/", "302 302 302 302 302 302 302 302",
            page=True, writers="judge chief", body={"confirm_incomplete": "yes"},
            effect=lambda w: JudgeAssignment.objects.filter(submitted_at__isnull=False).exists()),
        row("POST", "/judge/events/{event}/confirm/", "302 302 302 302 302 302 302 302",
            page=True),
        row("POST", "/judge/events/{event}/status/unlock/", "302 302 302 302 302 302 302 302",
            page=True, body=lambda w: {"registration": w["entry"].pk, "criterion": "T",
                                       "reason": "复核"}),
        row("GET", "/contests/{contest}/objections/", "302 404 404 404 200 404 404 200",
            page=True),
        row("POST", "/contests/{contest}/objections/", "302 404 404 404 302 404 404 302",
            page=True, writers="officer_a superuser",
            effect=_changed(Objection, "objection", status="dismissed"),
            body=lambda w: {"objection": w["objection"].pk, "decision": "dismiss",
                                       "answer": "维持原结果"}),
        row("POST", "/contests/events/{open_event}/enter/", "302 302 302 302 302 302 302 302",
            page=True, writers="worker", effect=_exists(Registration, event__name="燃气表装修工")),
    )  # fmt: skip
