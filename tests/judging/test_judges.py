import pytest

from judging.models import Judge, JudgeAssignment
from tests.conftest import client_for
from tests.factories import EmployerFactory
from tests.judging.factories import JudgeFactory

pytestmark = pytest.mark.django_db


def create(user, union, **extra):
    body = {
        "username": "caipan1",
        "password": "Huangpu-2019!",
        "name": "王裁判",
        "union": union.pk,
        **extra,
    }
    return client_for(user).post("/api/v1/judges/", body, format="json")


def test_officer_creates_a_judge_account_that_can_log_in(officer_a, union_tree, api):
    employer = EmployerFactory(union=union_tree[0])
    response = create(officer_a, union_tree[1], employer=employer.pk)
    assert response.status_code == 201, response.json()
    body = response.json()
    assert "password" not in body
    judge = Judge.objects.get(pk=body["id"])
    assert (judge.name, judge.employer, judge.union) == ("王裁判", employer, union_tree[1])
    token = api.post("/api/v1/auth/token/", {"username": "caipan1", "password": "Huangpu-2019!"})
    assert token.status_code == 200


def test_judge_account_outside_the_officers_subtree_is_refused(officer_b, union_tree):
    assert create(officer_b, union_tree[0]).status_code == 403


@pytest.mark.parametrize("extra", [{"password": "123"}, {"name": " "}, {"username": " "}])
def test_invalid_judge_account_is_refused(officer_a, union_tree, extra):
    response = create(officer_a, union_tree[0], **extra)
    assert response.status_code == 400
    assert set(response.json()) & {"password", "name", "username"}


def test_username_taken_is_refused(officer_a, union_tree):
    create(officer_a, union_tree[0])
    response = create(officer_a, union_tree[0])
    assert response.status_code == 400
    assert "username" in response.json()


def test_judges_list_is_scoped(officer_a, officer_c, union_tree):
    JudgeFactory(union=union_tree[1])
    assert client_for(officer_a).get("/api/v1/judges/").json()["count"] == 1
    assert client_for(officer_c).get("/api/v1/judges/").json()["count"] == 0


def assign(user, event, judge, **extra):
    return client_for(user).post(
        f"/api/v1/events/{event.pk}/judges/", {"judge": judge.pk, **extra}, format="json"
    )


def test_officer_assigns_a_judge_and_lists_the_panel(contest, officer_a, union_tree):
    judge = JudgeFactory(union=union_tree[0])
    response = assign(officer_a, contest.event, judge, criteria=["P"])
    assert response.status_code == 201, response.json()
    assert response.json()["criteria"] == ["P"]
    panel = client_for(officer_a).get(f"/api/v1/events/{contest.event.pk}/judges/").json()
    assert len(panel) == 4
    assert [p["judge"] for p in panel if p["chief"]] == [contest.chief.pk]


def test_a_new_chief_judge_replaces_the_old_one(contest, officer_a):
    assign(officer_a, contest.event, contest.judges[0], chief=True)
    chiefs = JudgeAssignment.objects.filter(event=contest.event, chief=True)
    assert [a.judge for a in chiefs] == [contest.judges[0]]


def test_assignment_to_unknown_criteria_is_refused(contest, officer_a):
    response = assign(officer_a, contest.event, contest.judges[0], criteria=["X"])
    assert response.status_code == 400
    assert "criteria" in response.json()


def test_only_officers_of_the_host_subtree_assign(contest, officer_c):
    assert assign(officer_c, contest.event, contest.judges[0]).status_code == 403
    assert assign(contest.chief.user, contest.event, contest.judges[0]).status_code == 403


def test_assignment_warns_when_entries_lack_eligible_judges(contest, officer_a):
    # P needs 3 marks; the three judges include one from the own_entry's work unit.
    response = assign(officer_a, contest.event, contest.judges[0])
    warnings = response.json()["warnings"]
    assert len(warnings) == 1
    assert contest.own_entry.employer.name in warnings[0]
    assert "P" in warnings[0]


def test_enough_eligible_judges_give_no_warning(contest, officer_a, union_tree):
    response = assign(officer_a, contest.event, JudgeFactory(union=union_tree[0]))
    assert response.json()["warnings"] == []


@pytest.mark.usefixtures("english")  # asserts English text
def test_coverage_warning_is_one_message_per_criterion_naming_a_few_units(officer_a, union_tree):
    from judging import services
    from tests.factories import EventFactory
    from tests.judging.conftest import VOCATIONAL
    from tests.judging.factories import EntryFactory

    event = EventFactory(contest__host_union=union_tree[1])
    services.replace_scheme(actor=officer_a, event=event, criteria=VOCATIONAL)
    for _ in range(7):
        EntryFactory(event=event)  # seven entries from seven work units
    response = assign(officer_a, event, JudgeFactory(union=union_tree[0]))
    warnings = response.json()["warnings"]
    assert len(warnings) == 1  # T needs 1 judge: covered; P needs 3: 7 entries short
    assert warnings[0].startswith("Criterion P needs 3 judges per entry; 7 entries")
    assert "and 2 more work units" in warnings[0]
