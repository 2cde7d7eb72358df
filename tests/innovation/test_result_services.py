"""Innovation results, their patents and benefit, and their entry into a contest."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from contests.models import Event, Registration
from innovation.models import AuditEntry, Patent
from innovation.services.results import (
    add_patent,
    create_result,
    enter_result_in_contest,
    remove_patent,
    update_result,
)
from tests.factories import EventFactory, WorkerFactory
from tests.innovation.factories_results import (
    PatentFactory,
    ProjectFactory,
    ResultFactory,
    StudioFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def studio(union_tree):
    return StudioFactory(union=union_tree[1])


def test_a_result_is_recorded_with_its_authors_benefit_and_project(studio, officer_a):
    author = WorkerFactory(employer=studio.employer)
    project = ProjectFactory(topic__studio=studio)
    result = create_result(
        actor=officer_a,
        studio=studio,
        title="智能巡检机器人",
        achieved_on="2020-05-01",
        project=project,
        authors=[author],
        applied=True,
        applied_on="2020-08-01",
        benefit_yuan="1200000.50",
        benefit_basis="每年节约人工巡检费用",
    )
    assert result.benefit_yuan == Decimal("1200000.50")
    assert list(result.authors.all()) == [author]
    assert result.project == project
    assert AuditEntry.objects.get(action="result.create").new["authors"] == [author.pk]


def test_a_benefit_without_its_basis_is_refused(studio, officer_a):
    with pytest.raises(ValidationError) as raised:
        create_result(
            actor=officer_a, studio=studio, title="x", achieved_on="2020-05-01", benefit_yuan=100
        )
    assert set(raised.value.message_dict) == {"benefit_basis"}


@pytest.mark.parametrize("amount", ["-1", "abc", "1e20", "NaN", "0.001"])
def test_a_benefit_out_of_bounds_or_not_a_number_is_refused(studio, officer_a, amount):
    with pytest.raises(ValidationError) as raised:
        create_result(
            actor=officer_a,
            studio=studio,
            title="x",
            achieved_on="2020-05-01",
            benefit_yuan=amount,
            benefit_basis="b",
        )
    assert "benefit_yuan" in raised.value.message_dict


def test_an_application_date_needs_an_applied_result_after_it_was_achieved(studio, officer_a):
    with pytest.raises(ValidationError) as raised:
        create_result(
            actor=officer_a,
            studio=studio,
            title="x",
            achieved_on="2020-05-01",
            applied_on="2020-01-01",
        )
    assert len(raised.value.message_dict["applied_on"]) == 2


def test_authors_from_another_work_unit_are_refused(studio, officer_a):
    with pytest.raises(ValidationError) as raised:
        create_result(
            actor=officer_a,
            studio=studio,
            title="x",
            achieved_on="2020-05-01",
            authors=[WorkerFactory()],
        )
    assert "authors" in raised.value.message_dict


def test_a_project_of_another_studio_is_refused(studio, officer_a):
    with pytest.raises(ValidationError) as raised:
        create_result(
            actor=officer_a,
            studio=studio,
            title="x",
            achieved_on="2020-05-01",
            project=ProjectFactory(),
        )
    assert "project" in raised.value.message_dict


def test_an_officer_of_another_union_may_not_record_a_result(studio, officer_c):
    with pytest.raises(PermissionDenied):
        create_result(actor=officer_c, studio=studio, title="x", achieved_on="2020-05-01")


def test_updating_a_result_logs_old_and_new(studio, officer_a):
    result = ResultFactory(studio=studio)
    update_result(actor=officer_a, result=result, applied=True, reason="已在全厂推广")
    entry = AuditEntry.objects.get(action="result.update")
    assert (entry.old, entry.new, entry.reason) == (
        {"applied": False},
        {"applied": True},
        "已在全厂推广",
    )


def test_a_patent_is_stored_in_canonical_form_with_its_type(studio, officer_a):
    result = ResultFactory(studio=studio)
    patent = add_patent(actor=officer_a, result=result, number="zl 2017 2 0601862.9")
    patent.refresh_from_db()
    assert (patent.number, patent.kind) == ("ZL201720601862.9", "2")
    assert AuditEntry.objects.filter(action="patent.add", target=f"result:{result.pk}").exists()


@pytest.mark.parametrize(
    ("number", "words"),
    [("ZL201510123456.7", "check digit"), ("ZL2015-1-0123456.1", "ZL, the year")],
)
def test_a_bad_patent_number_is_refused_with_a_clear_message(
    studio, officer_a, english, number, words
):
    with pytest.raises(ValidationError) as raised:
        add_patent(actor=officer_a, result=ResultFactory(studio=studio), number=number)
    assert words in raised.value.message_dict["number"][0]


def test_a_patent_number_from_a_future_year_is_refused(studio, officer_a):
    year = dt.date.today().year + 1
    digits = f"{year}10000001"
    from innovation.patents import check_digit

    with pytest.raises(ValidationError):
        add_patent(
            actor=officer_a,
            result=ResultFactory(studio=studio),
            number=f"ZL{digits}.{check_digit(digits)}",
        )


def test_a_patent_recorded_twice_is_refused(studio, officer_a):
    existing = PatentFactory(result__studio=studio)
    with pytest.raises(ValidationError) as raised:
        add_patent(actor=officer_a, result=ResultFactory(studio=studio), number=existing.number)
    assert "number" in raised.value.message_dict


def test_removing_a_patent_is_logged_with_the_reason(studio, officer_a):
    patent = PatentFactory(result__studio=studio)
    remove_patent(actor=officer_a, patent=patent, reason="录入错误")
    assert not Patent.objects.exists()
    assert AuditEntry.objects.get(action="patent.remove").old["number"] == patent.number


@pytest.fixture
def achievement_event(union_tree):
    return EventFactory(contest__host_union=union_tree[0], kind=Event.Kind.ACHIEVEMENT)


def test_a_result_is_entered_in_a_contest_in_one_step(studio, officer_a, achievement_event):
    author = WorkerFactory(employer=studio.employer)
    result = ResultFactory(studio=studio, summary="说明")
    result.authors.set([author])
    registration = enter_result_in_contest(actor=officer_a, result=result, event=achievement_event)
    result.refresh_from_db()
    achievement = result.contest_achievement
    assert registration.achievement == achievement
    assert (achievement.title, achievement.summary, achievement.employer) == (
        result.title,
        "说明",
        studio.employer,
    )
    assert list(achievement.authors.all()) == [author]
    assert registration.status == Registration.Status.PENDING


def test_entering_a_result_twice_is_refused(studio, officer_a, achievement_event):
    result = ResultFactory(studio=studio)
    result.authors.set([WorkerFactory(employer=studio.employer)])
    enter_result_in_contest(actor=officer_a, result=result, event=achievement_event)
    other = EventFactory(
        contest__host_union=achievement_event.contest.host_union, kind="achievement"
    )
    with pytest.raises(ValidationError) as raised:
        enter_result_in_contest(actor=officer_a, result=result, event=other)
    assert "event" in raised.value.message_dict
    assert Registration.objects.count() == 1


def test_a_result_goes_only_into_an_achievement_event(studio, officer_a, union_tree):
    result = ResultFactory(studio=studio)
    result.authors.set([WorkerFactory(employer=studio.employer)])
    event = EventFactory(contest__host_union=union_tree[0])
    with pytest.raises(ValidationError) as raised:
        enter_result_in_contest(actor=officer_a, result=result, event=event)
    assert "event" in raised.value.message_dict
    result.refresh_from_db()
    assert result.contest_achievement is None


def test_a_result_without_authors_cannot_be_entered(studio, officer_a, achievement_event):
    with pytest.raises(ValidationError) as raised:
        enter_result_in_contest(
            actor=officer_a, result=ResultFactory(studio=studio), event=achievement_event
        )
    assert "authors" in raised.value.message_dict


def test_an_officer_of_another_union_may_not_enter_a_result(studio, officer_c, achievement_event):
    result = ResultFactory(studio=studio)
    result.authors.set([WorkerFactory(employer=studio.employer)])
    with pytest.raises(PermissionDenied):
        enter_result_in_contest(actor=officer_c, result=result, event=achievement_event)
    assert not Registration.objects.exists()
