"""Grading an online test once its window has closed, and regrading after a correction.

Each item is graded by the one rule (scoring.quiz.grade) on the version it was shown; an
attempt's score is the sum; a registration's best attempt, scaled to the criterion's maximum
(scoring.quiz.scale), becomes its mark on the criterion (0 for an approved entrant who never
sat it) through the judging services (a
system judge named after the test, an audit entry per mark), so the results engine reads it
like any other mark. Grading again writes the same marks: nothing duplicates.
"""

from __future__ import annotations

import json
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.db.models import TextField
from django.db.models.functions import Cast
from django.utils import timezone
from django.utils.translation import gettext as _

from contests.models import Registration
from core.access import check, manages_event
from core.models import User
from judging.services.marks import record_test_marks
from scoring import quiz
from training.models import Attempt, AttemptItem, OnlineTest, Question, QuestionVersion, Regrade
from training.selectors.exams import criterion_mark

_BATCH = 1000  # attempts per chunk of items
_IDS = 5000  # ids per UPDATE (within SQLite's limit of bound parameters)


def test_source(test: OnlineTest) -> tuple[str, str]:
    """(name, key) of the system judge of the test's marks."""
    return _("Online test: %(title)s") % {"title": test.title}, f"online-test-{test.pk}"


def _load_versions(versions: dict[int, tuple[str, list]], ids) -> None:
    """Add (question type, answer key) of the versions in `ids` not loaded yet."""
    missing = set(ids) - versions.keys()
    if missing:
        for pk, kind, answer in QuestionVersion.objects.filter(pk__in=missing).values_list(
            "id", "question__kind", "answer"
        ):
            versions[pk] = (kind, answer)


def _grade_answer(versions: dict, memo: dict, version_id: int, points, given) -> Decimal:
    """The score of one answer; one grading per distinct (version, points, answer given): a
    test's many takers give few distinct answers. `given` is the answer's JSON text, parsed
    only for an answer not graded yet: [true] and [1] are different texts, so different
    answers."""
    key = (version_id, points, given)
    score = memo.get(key)
    if score is None:
        kind, answer = versions[version_id]
        value = json.loads(given) if given is not None else None
        score = memo[key] = quiz.grade(kind, answer, value, points)
    return score


_PG_ROWS = 50_000  # rows per UPDATE on PostgreSQL (two array parameters, whatever the count)


def _write_scores(model, pairs) -> None:
    """Set `score` on rows by id. PostgreSQL: one UPDATE joined to the (id, score) arrays
    per 50,000 rows; elsewhere one UPDATE per distinct score and batch of ids."""
    if not pairs:
        return
    if connection.vendor == "postgresql":
        sql = (
            f"UPDATE {model._meta.db_table} t SET score = v.score"
            " FROM unnest(%s::bigint[], %s::numeric[]) AS v(id, score) WHERE t.id = v.id"
        )
        with connection.cursor() as cursor:
            for start in range(0, len(pairs), _PG_ROWS):
                part = pairs[start : start + _PG_ROWS]
                cursor.execute(sql, [[pk for pk, _s in part], [score for _pk, score in part]])
        return
    by_score: dict[Decimal, list[int]] = {}
    for pk, score in pairs:
        by_score.setdefault(score, []).append(pk)
    for score, ids in by_score.items():
        for start in range(0, len(ids), _IDS):
            model.objects.filter(pk__in=ids[start : start + _IDS]).update(score=score)


# PostgreSQL: each distinct (version, points, answer) of the test is graded once, in Python
# by the one rule, into a temporary table; one UPDATE joins the items to it (a hash join
# over one sequential pass, as a hand-written grading statement would make) and writes only
# the scores that change; the totals come back summed by the database. A test of 100,000
# takers has ten million items but a few thousand distinct answers.
_PG_DISTINCT = """
    SELECT i.version_id, i.points, COALESCE(i.given, 'null'::jsonb)::text
    FROM training_attemptitem i JOIN training_attempt a ON a.id = i.attempt_id
    WHERE a.test_id = %s GROUP BY 1, 2, 3
"""
_PG_GRADES = """
    CREATE TEMPORARY TABLE training_grade_tmp
        (version_id bigint, points numeric, given jsonb, score numeric) ON COMMIT DROP
"""
_PG_UPDATE = """
    UPDATE training_attemptitem i SET score = g.score
    FROM training_attempt a, training_grade_tmp g
    WHERE a.test_id = %s AND i.attempt_id = a.id AND g.version_id = i.version_id
        AND g.points = i.points AND g.given = COALESCE(i.given, 'null'::jsonb)
        AND i.score IS DISTINCT FROM g.score
"""
_PG_TOTALS = """
    SELECT i.attempt_id, COALESCE(SUM(i.score), 0), SUM(i.points)
    FROM training_attemptitem i JOIN training_attempt a ON a.id = i.attempt_id
    WHERE a.test_id = %s GROUP BY 1
"""


def _grade_items_pg(test: OnlineTest) -> dict[int, tuple[Decimal, Decimal]]:
    """Items of the test graded in the database by the distinct answers' grades;
    (earned, possible) per attempt id that has items."""
    with connection.cursor() as cursor:
        cursor.execute(_PG_DISTINCT, [test.pk])
        distinct = cursor.fetchall()
        versions: dict[int, tuple[str, list]] = {}
        _load_versions(versions, (row[0] for row in distinct))
        memo: dict = {}
        cursor.execute("DROP TABLE IF EXISTS pg_temp.training_grade_tmp")
        cursor.execute(_PG_GRADES)
        cursor.execute(
            "INSERT INTO training_grade_tmp"
            " SELECT * FROM unnest(%s::bigint[], %s::numeric[], %s::jsonb[], %s::numeric[])",
            [
                [row[0] for row in distinct],
                [row[1] for row in distinct],
                [row[2] for row in distinct],
                [_grade_answer(versions, memo, *row) for row in distinct],
            ],
        )
        cursor.execute("ANALYZE training_grade_tmp")
        cursor.execute(_PG_UPDATE, [test.pk])
        cursor.execute(_PG_TOTALS, [test.pk])
        totals = {pk: (earned, possible) for pk, earned, possible in cursor.fetchall()}
        cursor.execute("DROP TABLE training_grade_tmp")
    return totals


def _grade_attempts(test: OnlineTest, now) -> dict[int, tuple[Decimal, Decimal]]:
    """Score every attempt, set-based, writing only the scores that change; (earned,
    possible) per attempt id. PostgreSQL: _grade_items_pg. Elsewhere: item rows fetched in
    chunks of attempts as plain values, graded by the one rule, one UPDATE per distinct
    score."""
    attempt_ids = list(
        Attempt.objects.filter(test=test).order_by("id").values_list("id", flat=True)
    )
    totals = dict.fromkeys(attempt_ids, (Decimal(0), Decimal(0)))
    if connection.vendor == "postgresql":
        totals.update(_grade_items_pg(test))
        return _close_attempts(test, now, totals)
    versions: dict[int, tuple[str, list]] = {}
    memo: dict = {}
    for start in range(0, len(attempt_ids), _BATCH):
        chunk = attempt_ids[start : start + _BATCH]
        rows = list(
            AttemptItem.objects.filter(attempt_id__in=chunk)
            .annotate(given_text=Cast("given", output_field=TextField()))
            .values_list("id", "attempt_id", "version_id", "points", "given_text", "score")
        )
        _load_versions(versions, (row[2] for row in rows))
        changed = []
        for item_id, attempt_id, version_id, points, given, old in rows:
            score = _grade_answer(versions, memo, version_id, points, given)
            earned, possible = totals[attempt_id]
            totals[attempt_id] = (earned + score, possible + points)
            if old != score:
                changed.append((item_id, score))
        _write_scores(AttemptItem, changed)
    return _close_attempts(test, now, totals)


def _close_attempts(test: OnlineTest, now, totals: dict) -> dict[int, tuple[Decimal, Decimal]]:
    """Expire attempts left running past their deadline and write each attempt's score."""
    # An attempt still "started" past its deadline ended there.
    Attempt.objects.filter(test=test, state=Attempt.State.STARTED, deadline__lte=now).update(
        state=Attempt.State.EXPIRED
    )
    current = dict(Attempt.objects.filter(test=test).values_list("id", "score"))
    _write_scores(
        Attempt,
        [
            (pk, earned.quantize(quiz.CENT))
            for pk, (earned, _possible) in totals.items()
            if current.get(pk) != earned.quantize(quiz.CENT)
        ],
    )
    return totals


def grade_test(*, test_id: int, actor: User | None = None) -> dict:
    """Grade every attempt of a test whose window has closed and write the criterion's
    marks; idempotent. An officer's "grade now" passes `actor` (checked); the task none."""
    with transaction.atomic():
        test = (
            OnlineTest.objects.select_for_update()
            .select_related("event__contest", "criterion")
            .get(pk=test_id)
        )
        if actor is not None:
            check(manages_event, actor, test.event)
        now = timezone.now()
        if test.status == OnlineTest.Status.DRAFT:
            raise ValidationError({"status": [_("A draft test is not graded.")]})
        if now < test.closes_at:
            raise ValidationError({"status": [_("The test is graded once its window closes.")]})
        totals = _grade_attempts(test, now)
        regs = dict(Attempt.objects.filter(test=test).values_list("id", "registration_id"))
        best: dict[int, Decimal] = {}
        for attempt_id, (earned, possible) in totals.items():
            mark = criterion_mark(earned, possible, test.criterion)
            registration_id = regs[attempt_id]
            if registration_id not in best or mark > best[registration_id]:
                best[registration_id] = mark
        # An approved entrant who never sat the test scores 0 once its window has closed,
        # as a paper test not sat would: a missing mark would hold up the event's results
        # (judging treats it as incomplete), and the scoring scheme knows no "absent".
        for registration_id in Registration.objects.filter(
            event_id=test.event_id, status=Registration.Status.APPROVED
        ).values_list("pk", flat=True):
            best.setdefault(registration_id, Decimal(0))
        name, key = test_source(test)
        written = record_test_marks(
            actor=actor,
            event=test.event,
            criterion=test.criterion,
            values=best,
            source=name,
            source_key=key,
        )
        test.status = OnlineTest.Status.GRADED
        test.graded_at = now
        test.save(update_fields=["status", "graded_at"])
    return {"test": test.pk, "attempts": len(totals), "marks": len(best), **written}


def grade_closed_tests() -> list[int]:
    """Ids of ready tests whose window has closed, graded now (a beat-safe sweep)."""
    done = []
    for test_id in OnlineTest.objects.filter(
        status=OnlineTest.Status.READY, closes_at__lte=timezone.now()
    ).values_list("id", flat=True):
        grade_test(test_id=test_id)
        done.append(test_id)
    return done


def regrade_question(
    *, actor: User, test: OnlineTest, question: Question, reason: str
) -> dict[str, int]:
    """Move the test's items of `question` to its current (corrected) version, audited per
    old version (who, old, new, why), then grade again if the window has closed."""
    check(manages_event, actor, test.event)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": [_("Give the reason for regrading.")]})
    if len(reason) > 500:
        raise ValidationError({"reason": [_("At most 500 characters.")]})
    if test.status == OnlineTest.Status.DRAFT:
        raise ValidationError({"status": [_("A draft test has nothing to regrade.")]})
    with transaction.atomic():
        question = Question.objects.select_for_update().get(pk=question.pk)
        items = AttemptItem.objects.filter(attempt__test=test, version__question=question)
        if not items.exists():
            raise ValidationError({"question": [_("This question is not in the test.")]})
        if question.current_id is None:
            raise ValidationError({"question": [_("The question has no current version.")]})
        moved = 0
        old_versions = set(
            items.exclude(version_id=question.current_id).values_list("version_id", flat=True)
        )
        _check_same_options(question, old_versions)
        for old in sorted(old_versions):
            n = AttemptItem.objects.filter(attempt__test=test, version_id=old).update(
                version_id=question.current_id
            )
            Regrade.objects.create(
                test=test,
                question=question,
                old_version_id=old,
                new_version_id=question.current_id,
                items=n,
                actor=actor,
                reason=reason,
            )
            moved += n
        graded = None
        if timezone.now() >= test.closes_at:
            graded = grade_test(test_id=test.pk, actor=actor)
    return {"moved": moved, "marks": graded["marks"] if graded else 0}


def _options(version_options) -> dict:
    return {str(o.get("key")): str(o.get("text", "")).strip() for o in version_options or ()}


def _check_same_options(question: Question, old_version_ids) -> None:
    """A regrade changes what counts as right, never what was answered: the takers chose
    among the options (by key) of the version they saw, so the corrected version must offer
    the same options, key for key and text for text (the answer, the points, the wording of
    the question and its explanation may change)."""
    current = QuestionVersion.objects.only("options").get(pk=question.current_id)
    wanted = _options(current.options)
    for options in QuestionVersion.objects.filter(pk__in=old_version_ids).values_list(
        "options", flat=True
    ):
        if _options(options) != wanted:
            raise ValidationError(
                {
                    "question": [
                        _(
                            "The corrected version changes the options the takers chose from: "
                            "a regrade can change the answer, not the options."
                        )
                    ]
                }
            )


def request_grading(*, actor: User, test: OnlineTest):
    """An officer's "grade now" after the window closed: the grading task, tracked."""
    from core.services import start_task
    from training import tasks

    check(manages_event, actor, test.event)
    if test.status == OnlineTest.Status.DRAFT:
        raise ValidationError({"status": [_("A draft test is not graded.")]})
    if timezone.now() < test.closes_at:
        raise ValidationError({"status": [_("The test is graded once its window closes.")]})
    return start_task(
        name="training.grade_online_test",
        owner=actor,
        task=tasks.grade_online_test,
        args=(test.pk,),
    )
