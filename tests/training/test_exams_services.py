"""Online tests: defining, sitting (server deadline, owner only, shaped answers), grading
into the criterion's marks through judging, and regrading after a correction."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from contests.models import Registration
from judging.models import Mark, MarkLog
from results.models import ResultRow
from results.services import compute_event
from tests.factories import RegistrationFactory, WorkerFactory
from tests.results.factories import JudgeFactory, give_marks
from tests.training.exams_fixtures import (
    SECTIONS,
    correct_question,
    entrants,
    exam_fields,
    make_bank,
    make_event,
)
from training.models import Attempt, AttemptItem, OnlineTest, Regrade
from training.services import attempts, exams, grading

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup(union_tree, officer_a):
    a, b, _c = union_tree
    event, theory, practical = make_event(b)
    bank = make_bank(a)  # owned above the host: visible to it
    regs = entrants(event, 3)
    test = exams.create_test(
        actor=officer_a, event=event, criterion=theory, sections=SECTIONS, **exam_fields()
    )
    test = exams.make_ready(actor=officer_a, test=test)
    return {
        "event": event,
        "theory": theory,
        "practical": practical,
        "bank": bank,
        "regs": regs,
        "test": test,
    }


def answer_right(worker, attempt, *, wrong=()):
    """Answer every item right, except the stems listed in `wrong` (answered wrong)."""
    for item in attempt.items.select_related("version__question"):
        v = item.version
        kind = v.question.kind
        right = {
            "single": v.answer,
            "multiple": v.answer,
            "true_false": v.answer,
            "fill": ["甲烷"],
        }[kind]
        if v.stem in wrong:
            right = {"single": ["B"], "multiple": ["B"], "true_false": [False], "fill": ["x"]}[kind]
        attempts.save_answer(worker=worker, attempt=attempt, position=item.position, given=right)


def close(test):
    OnlineTest.objects.filter(pk=test.pk).update(closes_at=timezone.now() - dt.timedelta(seconds=1))
    Attempt.objects.filter(test=test).update(deadline=timezone.now() - dt.timedelta(seconds=1))
    test.refresh_from_db()


# --- defining ----------------------------------------------------------------------------


def test_officer_of_another_union_cannot_define_a_test(union_tree, officer_c):
    event, theory, _p = make_event(union_tree[1])
    make_bank(union_tree[0])
    with pytest.raises(PermissionDenied):
        exams.create_test(
            actor=officer_c, event=event, criterion=theory, sections=SECTIONS, **exam_fields()
        )
    assert not OnlineTest.objects.exists()


def test_a_judgement_criterion_is_refused(union_tree, officer_a):
    event, theory, _p = make_event(union_tree[1], kind="judgement")
    make_bank(union_tree[0])
    with pytest.raises(ValidationError) as err:
        exams.create_test(
            actor=officer_a, event=event, criterion=theory, sections=SECTIONS, **exam_fields()
        )
    assert "criterion" in err.value.message_dict


def test_window_must_open_before_it_closes(union_tree, officer_a):
    event, theory, _p = make_event(union_tree[1])
    make_bank(union_tree[0])
    now = timezone.now()
    with pytest.raises(ValidationError) as err:
        exams.create_test(
            actor=officer_a,
            event=event,
            criterion=theory,
            sections=SECTIONS,
            **exam_fields(opens_at=now, closes_at=now - dt.timedelta(hours=1)),
        )
    assert "closes_at" in err.value.message_dict


def test_a_section_needs_enough_visible_questions(union_tree, officer_a):
    event, theory, _p = make_event(union_tree[0])
    make_bank(union_tree[1])  # below the host: not visible to it
    with pytest.raises(ValidationError) as err:
        exams.create_test(
            actor=officer_a,
            event=event,
            criterion=theory,
            sections=[{"count": 1, "points": "1"}],
            **exam_fields(),
        )
    assert "sections" in err.value.message_dict
    assert not OnlineTest.objects.exists()


def test_malformed_sections_are_a_field_error(union_tree, officer_a):
    event, theory, _p = make_event(union_tree[1])
    make_bank(union_tree[0])
    for sections in ([], [{"count": "x", "points": 1}], [{"count": 1, "points": "-1"}]):
        with pytest.raises(ValidationError) as err:
            exams.create_test(
                actor=officer_a, event=event, criterion=theory, sections=sections, **exam_fields()
            )
        assert "sections" in err.value.message_dict


# --- sitting -----------------------------------------------------------------------------


def test_only_approved_entrants_may_start(setup):
    outsider = WorkerFactory()
    with pytest.raises(PermissionDenied):
        attempts.start_attempt(worker=outsider, test=setup["test"])
    pending = RegistrationFactory(event=setup["event"], status=Registration.Status.PENDING)
    with pytest.raises(PermissionDenied):
        attempts.start_attempt(worker=pending.worker, test=setup["test"])
    assert not Attempt.objects.exists()


def test_no_start_outside_the_window(setup):
    test = setup["test"]
    OnlineTest.objects.filter(pk=test.pk).update(opens_at=timezone.now() + dt.timedelta(hours=1))
    test.refresh_from_db()
    with pytest.raises(ValidationError):
        attempts.start_attempt(worker=setup["regs"][0].worker, test=test)
    close(test)
    with pytest.raises(ValidationError):
        attempts.start_attempt(worker=setup["regs"][0].worker, test=test)
    assert not Attempt.objects.exists()


def test_start_draws_every_question_and_deadline_is_the_servers(setup):
    test = setup["test"]
    attempt = attempts.start_attempt(worker=setup["regs"][0].worker, test=test)
    assert attempt.items.count() == 5
    assert len({i.version.question_id for i in attempt.items.all()}) == 5
    assert attempt.deadline <= test.closes_at
    assert attempt.deadline <= timezone.now() + dt.timedelta(minutes=test.minutes)


def test_deadline_is_the_window_close_when_that_comes_first(setup):
    test = setup["test"]
    closes = timezone.now() + dt.timedelta(minutes=5)
    OnlineTest.objects.filter(pk=test.pk).update(closes_at=closes)
    test.refresh_from_db()
    attempt = attempts.start_attempt(worker=setup["regs"][0].worker, test=test)
    assert attempt.deadline == closes


def test_starting_again_resumes_with_every_answer_kept(setup):
    worker = setup["regs"][0].worker
    first = attempts.start_attempt(worker=worker, test=setup["test"])
    answer_right(worker, first)
    again = attempts.start_attempt(worker=worker, test=setup["test"])
    assert again.pk == first.pk
    assert not again.items.filter(given__isnull=True).exists()
    assert Attempt.objects.count() == 1


def test_attempts_allowed_is_enforced(setup):
    worker = setup["regs"][0].worker
    first = attempts.start_attempt(worker=worker, test=setup["test"])
    attempts.submit_attempt(worker=worker, attempt=first)
    with pytest.raises(ValidationError):
        attempts.start_attempt(worker=worker, test=setup["test"])
    assert Attempt.objects.count() == 1


def test_answers_after_the_deadline_change_nothing(setup):
    worker = setup["regs"][0].worker
    attempt = attempts.start_attempt(worker=worker, test=setup["test"])
    Attempt.objects.filter(pk=attempt.pk).update(deadline=timezone.now() - dt.timedelta(seconds=1))
    attempt.refresh_from_db()
    with pytest.raises(ValidationError):
        attempts.save_answer(worker=worker, attempt=attempt, position=1, given=[True])
    with pytest.raises(ValidationError):
        attempts.submit_attempt(worker=worker, attempt=attempt)
    attempt.refresh_from_db()
    assert attempt.state == Attempt.State.STARTED
    assert not AttemptItem.objects.filter(given__isnull=False).exists()


def test_answers_to_another_persons_attempt_are_refused(setup):
    owner, other = setup["regs"][0].worker, setup["regs"][1].worker
    attempt = attempts.start_attempt(worker=owner, test=setup["test"])
    with pytest.raises(PermissionDenied):
        attempts.save_answer(worker=other, attempt=attempt, position=1, given=["A"])
    with pytest.raises(PermissionDenied):
        attempts.submit_attempt(worker=other, attempt=attempt)
    assert not AttemptItem.objects.filter(given__isnull=False).exists()
    attempt.refresh_from_db()
    assert attempt.state == Attempt.State.STARTED


def test_positions_not_in_the_attempt_and_malformed_answers_are_refused(setup):
    worker = setup["regs"][0].worker
    attempt = attempts.start_attempt(worker=worker, test=setup["test"])
    with pytest.raises(ValidationError):
        attempts.save_answer(worker=worker, attempt=attempt, position=99, given=["A"])
    with pytest.raises(ValidationError):
        attempts.save_answer(worker=worker, attempt=attempt, position="1", given=["A"])
    for item in attempt.items.select_related("version__question"):
        kind = item.version.question.kind
        bad = {
            "single": [["A", "B"], ["Z"], "A", [1]],
            "multiple": [["A", "A"], ["G"], {"A": 1}],
            "true_false": [["true"], [True, False], [1]],
            "fill": [["x" * 201], [3], ["a", "b"]],
        }[kind]
        for given in bad:
            with pytest.raises(ValidationError):
                attempts.save_answer(
                    worker=worker, attempt=attempt, position=item.position, given=given
                )
    assert not AttemptItem.objects.filter(given__isnull=False).exists()


def test_submitted_attempt_takes_no_more_answers(setup):
    worker = setup["regs"][0].worker
    attempt = attempts.start_attempt(worker=worker, test=setup["test"])
    attempts.submit_attempt(worker=worker, attempt=attempt)
    attempt.refresh_from_db()
    with pytest.raises(ValidationError):
        attempts.save_answer(worker=worker, attempt=attempt, position=1, given=None)


# --- grading -----------------------------------------------------------------------------


def test_grading_writes_the_criterions_marks_through_judging_and_is_idempotent(setup):
    test, regs = setup["test"], setup["regs"]
    first = attempts.start_attempt(worker=regs[0].worker, test=test)
    answer_right(regs[0].worker, first)
    attempts.submit_attempt(worker=regs[0].worker, attempt=first)
    second = attempts.start_attempt(worker=regs[1].worker, test=test)
    answer_right(regs[1].worker, second, wrong={"单选一", "判断一"})  # left running
    close(test)
    grading.grade_test(test_id=test.pk)
    marks = dict(
        Mark.objects.filter(criterion=setup["theory"]).values_list("registration_id", "value")
    )
    # 5 questions x 2 points; 10 of 10 → 100; 6 of 10 → 60 (scaled to the maximum 100);
    # the third entrant never sat the test: 0.
    assert marks == {
        regs[0].pk: Decimal("100.00"),
        regs[1].pk: Decimal("60.00"),
        regs[2].pk: Decimal("0.00"),
    }
    assert Mark.objects.filter(locked=True, confirmed=True).count() == 3
    logs = MarkLog.objects.filter(criterion_code="T")
    assert logs.count() == 3
    assert all("理论考试" in log.reason for log in logs)
    second.refresh_from_db()
    assert second.state == Attempt.State.EXPIRED
    grading.grade_test(test_id=test.pk)
    assert Mark.objects.count() == 3
    assert MarkLog.objects.count() == 3


def test_grading_again_writes_no_item_or_attempt_and_scores_each_answer_on_its_own(setup):
    test, regs = setup["test"], setup["regs"]
    attempt = attempts.start_attempt(worker=regs[0].worker, test=test)
    answer_right(regs[0].worker, attempt)
    attempts.submit_attempt(worker=regs[0].worker, attempt=attempt)
    other = attempts.start_attempt(worker=regs[1].worker, test=test)
    answer_right(regs[1].worker, other)
    # A malformed stored answer ([1] for [true]) earns 0 even next to a right [true].
    AttemptItem.objects.filter(attempt=other, version__question__kind="true_false").update(
        given=[1]
    )
    close(test)
    grading.grade_test(test_id=test.pk)
    scores = dict(Attempt.objects.values_list("registration_id", "score"))
    assert scores == {regs[0].pk: Decimal("10.00"), regs[1].pk: Decimal("8.00")}
    before = _rows_updated()
    with CaptureQueriesContext(connection) as queries:
        grading.grade_test(test_id=test.pk)
    if connection.vendor == "postgresql":
        # One joined UPDATE runs each time; it must match no row.
        assert _rows_updated() == before
    else:
        assert not [
            q for q in queries if q["sql"].startswith("UPDATE") and 'SET "score"' in q["sql"]
        ]


def _rows_updated() -> int | None:
    """Rows of attempts and their items updated so far in this transaction (PostgreSQL)."""
    if connection.vendor != "postgresql":
        return None
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT SUM(n_tup_upd) FROM pg_stat_xact_user_tables"
            " WHERE relname IN ('training_attemptitem', 'training_attempt')"
        )
        return cursor.fetchone()[0]


def test_the_events_results_use_the_test_marks(setup):
    test, regs = setup["test"], setup["regs"]
    for reg, wrong in ((regs[0], ()), (regs[1], {"单选一"})):
        attempt = attempts.start_attempt(worker=reg.worker, test=test)
        answer_right(reg.worker, attempt, wrong=wrong)
        attempts.submit_attempt(worker=reg.worker, attempt=attempt)
    close(test)
    grading.grade_test(test_id=test.pk)
    judge = JudgeFactory(union=setup["event"].contest.host_union)
    for reg in regs:
        give_marks(reg, {"P": setup["practical"]}, {"P": [50]}, [judge])
    snapshot = compute_event(event_id=setup["event"].pk)
    rows = {r.registration_id: r for r in ResultRow.objects.filter(snapshot=snapshot)}
    # 30 % theory + 70 % practical: 100 → 65.00, 80 → 59.00.
    assert rows[regs[0].pk].total == Decimal("65.00")
    assert rows[regs[1].pk].total == Decimal("59.00")
    assert rows[regs[0].pk].rank < rows[regs[1].pk].rank


def test_grading_waits_for_the_window_to_close(setup):
    with pytest.raises(ValidationError):
        grading.grade_test(test_id=setup["test"].pk)
    assert not Mark.objects.exists()


def test_regrade_moves_items_to_the_corrected_version_and_changes_the_marks(setup, officer_a):
    test, regs = setup["test"], setup["regs"]
    attempt = attempts.start_attempt(worker=regs[0].worker, test=test)
    answer_right(regs[0].worker, attempt, wrong={"单选一"})  # answers B to 单选一
    attempts.submit_attempt(worker=regs[0].worker, attempt=attempt)
    close(test)
    grading.grade_test(test_id=test.pk)
    mark = Mark.objects.get(registration=regs[0])
    assert mark.value == Decimal("80.00")
    question = next(q for q in setup["bank"] if q.current.stem == "单选一")
    old = question.current
    new = correct_question(question, ["B"])
    grading.regrade_question(actor=officer_a, test=test, question=question, reason="答案有误")
    assert AttemptItem.objects.filter(version=new).count() == 1
    assert not AttemptItem.objects.filter(version=old).exists()
    audit = Regrade.objects.get()
    assert (audit.old_version, audit.new_version, audit.actor) == (old, new, officer_a)
    mark.refresh_from_db()
    assert mark.value == Decimal("100.00")
    assert MarkLog.objects.filter(action=MarkLog.Action.CHANGE).count() == 1


def test_a_regrade_cannot_change_the_options_the_takers_chose_from(setup, officer_a):
    test, regs = setup["test"], setup["regs"]
    attempt = attempts.start_attempt(worker=regs[0].worker, test=test)
    answer_right(regs[0].worker, attempt)
    attempts.submit_attempt(worker=regs[0].worker, attempt=attempt)
    question = next(q for q in setup["bank"] if q.current.stem == "单选一")
    old = question.current
    new = correct_question(question, old.answer)
    new.options = [
        {**o, "text": o["text"] + "（改）"} if o["key"] == "B" else o for o in old.options
    ]
    new.save(update_fields=["options"])
    with pytest.raises(ValidationError) as refused:
        grading.regrade_question(actor=officer_a, test=test, question=question, reason="改选项")
    assert "question" in refused.value.message_dict
    assert AttemptItem.objects.filter(attempt=attempt, version=old).exists()
    assert not Regrade.objects.exists()


def test_regrade_needs_a_reason_and_an_officer(setup, officer_c):
    test = setup["test"]
    question = setup["bank"][0]
    with pytest.raises(PermissionDenied):
        grading.regrade_question(actor=officer_c, test=test, question=question, reason="x")
    assert not Regrade.objects.exists()


def test_grading_task_waits_for_the_close_and_the_sweep_grades_closed_tests(setup):
    from training import tasks

    test = setup["test"]
    assert tasks.grade_online_test.apply(args=(test.pk,)).get()["graded"] is False
    assert grading.grade_closed_tests() == []
    close(test)
    assert grading.grade_closed_tests() == [test.pk]
    test.refresh_from_db()
    assert test.status == OnlineTest.Status.GRADED


def test_an_entrant_who_never_sat_scores_zero_audited_as_the_test(setup):
    test, regs = setup["test"], setup["regs"]
    close(test)
    grading.grade_test(test_id=test.pk)
    marks = Mark.objects.filter(criterion=setup["theory"])
    assert {m.registration_id: m.value for m in marks} == {r.pk: Decimal("0.00") for r in regs}
    log = MarkLog.objects.get(registration=regs[2])
    assert log.action == MarkLog.Action.CREATE
    assert log.actor == marks.first().judge.user
    assert "理论考试" in log.reason


def test_grading_writes_the_marks_in_bulk_and_announces_once(setup):
    from judging.signals import marks_changed

    test, regs = setup["test"], setup["regs"]
    for reg in regs:
        attempt = attempts.start_attempt(worker=reg.worker, test=test)
        answer_right(reg.worker, attempt)
        attempts.submit_attempt(worker=reg.worker, attempt=attempt)
    close(test)
    announced = []

    def heard(sender, event_id, **kwargs):
        announced.append(event_id)

    marks_changed.connect(heard)
    try:
        with CaptureQueriesContext(connection) as queries:
            grading.grade_test(test_id=test.pk)
    finally:
        marks_changed.disconnect(heard)
    assert announced == [setup["event"].pk]
    inserts = [q["sql"] for q in queries if q["sql"].startswith("INSERT")]
    assert sum('"judging_mark"' in sql.split("(")[0] for sql in inserts) == 1
    assert sum('"judging_marklog"' in sql.split("(")[0] for sql in inserts) == 1
    assert Mark.objects.count() == MarkLog.objects.count() == 3
