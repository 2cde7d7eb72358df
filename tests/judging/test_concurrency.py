"""Many judges write at once: on PostgreSQL no mark and no audit row is lost, and two
writes of the same judge, entry and criterion leave exactly one mark.

Real threads, each with its own database connection, started together by a barrier."""

import itertools
import threading
from decimal import Decimal

import pytest
from django.db import connection

from judging import services
from judging.models import Mark, MarkLog

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def run_threads(targets):
    barrier = threading.Barrier(len(targets))
    errors = []

    def wrap(target):
        try:
            barrier.wait(timeout=30)
            target()
        except Exception as exc:  # collected and re-raised in the test thread
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=wrap, args=(t,)) for t in targets]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert not errors, errors


def test_concurrent_judges_lose_no_mark_and_no_audit_row(contest):
    judges = contest.judges
    entries = contest.entries

    def work(judge):
        def target():
            for entry in entries:
                if entry.employer_id == judge.employer_id:
                    continue
                for value in ("60", "70.5"):  # a create, then a change
                    services.record_mark(
                        actor=judge.user,
                        registration=entry,
                        criterion_code="P",
                        value=Decimal(value),
                    )
                services.record_mark(
                    actor=judge.user, registration=entry, criterion_code="T", value=Decimal(50)
                )

        return target

    run_threads([work(j) for j in judges for _ in range(2)])  # each judge from 2 devices
    expected = len(judges) * len(entries)
    assert Mark.objects.filter(criterion__code="P").count() == expected
    assert Mark.objects.filter(criterion__code="T").count() == expected
    assert set(Mark.objects.filter(criterion__code="P").values_list("value", flat=True)) == {
        Decimal("70.5")
    }
    # Per P mark: one create and at least one change (the second device may re-change it
    # back and forth); every change is logged with the value it replaced.
    for m in Mark.objects.filter(criterion__code="P"):
        log = list(MarkLog.objects.filter(mark=m).order_by("id"))
        assert log[0].action == "create"
        assert all(entry.action == "change" for entry in log[1:])
        for before, after in itertools.pairwise(log):
            assert after.old_value == before.new_value
        assert log[-1].new_value == m.value
    assert MarkLog.objects.filter(action="create").count() == 2 * expected


def test_two_writes_of_the_same_mark_leave_exactly_one(contest):
    judge = contest.judges[1]
    for entry in contest.entries:
        values = [Decimal(40), Decimal(45), Decimal(50), Decimal(55)]
        run_threads(
            [
                (
                    lambda v=v, entry=entry: services.record_mark(
                        actor=judge.user, registration=entry, criterion_code="P", value=v
                    )
                )
                for v in values
            ]
        )
        marks = list(Mark.objects.filter(judge=judge, registration=entry, criterion__code="P"))
        assert len(marks) == 1
        log = list(MarkLog.objects.filter(mark=marks[0]).order_by("id"))
        assert [row.action for row in log] == ["create"] + ["change"] * (len(log) - 1)
        assert len(log) == 4
        assert log[-1].new_value == marks[0].value


def test_concurrent_submit_and_mark_never_leave_an_unlocked_mark_after_submit(contest):
    judge = contest.judges[1]
    results = {}

    def write():
        try:
            services.record_mark(
                actor=judge.user,
                registration=contest.entries[0],
                criterion_code="P",
                value=Decimal(66),
            )
            results["write"] = "ok"
        except Exception as exc:  # refused because it came after the submit
            results["write"] = type(exc).__name__

    def submit():
        services.submit_marks(actor=judge.user, event=contest.event, confirm_incomplete=True)

    run_threads([write, submit])
    marks = list(Mark.objects.filter(judge=judge))
    if results["write"] == "ok":
        assert [m.locked for m in marks] == [True]
    else:
        assert results["write"] == "ValidationError"
        assert marks == []


def test_scheme_replaced_while_marks_are_written_never_strands_a_mark(contest, officer_a):
    from judging.models import Criterion
    from tests.judging.conftest import VOCATIONAL

    outcome = {}

    def write():
        try:
            services.record_mark(
                actor=contest.judges[1].user,
                registration=contest.entries[0],
                criterion_code="P",
                value=Decimal(70),
            )
            outcome["mark"] = "ok"
        except Exception as exc:  # the scheme won: the criterion was replaced under it
            outcome["mark"] = type(exc).__name__

    def replace():
        try:
            services.replace_scheme(actor=officer_a, event=contest.event, criteria=VOCATIONAL)
            outcome["scheme"] = "ok"
        except Exception as exc:  # the mark won: the scheme is locked
            outcome["scheme"] = type(exc).__name__

    run_threads([write, replace])
    assert set(outcome.values()) <= {"ok", "ValidationError"}
    current = set(Criterion.objects.filter(event=contest.event).values_list("pk", flat=True))
    assert set(Mark.objects.values_list("criterion_id", flat=True)) <= current
    if outcome["scheme"] == "ValidationError":
        assert outcome["mark"] == "ok"
