"""Console pages of online tests: define with sections, make ready, progress, grade now,
statistics and regrade."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from judging.models import Mark
from tests.training.exams_fixtures import (
    SECTIONS,
    correct_question,
    entrants,
    exam_fields,
    make_bank,
    make_event,
)
from training.models import Attempt, OnlineTest, Regrade
from training.services import attempts, exams

pytestmark = pytest.mark.django_db


@pytest.fixture
def page_client():
    def make(user):
        client = Client()
        client.force_login(user)
        return client

    return make


def _local(value):
    return timezone.localtime(value).strftime("%Y-%m-%dT%H:%M")


def test_an_officer_defines_a_test_with_sections_and_makes_it_ready(
    union_tree, officer_a, page_client
):
    event, theory, _p = make_event(union_tree[1])
    make_bank(union_tree[0])
    client = page_client(officer_a)
    fields = exam_fields()
    data = {
        "title": "理论考试",
        "criterion": theory.pk,
        "opens_at": _local(fields["opens_at"]),
        "closes_at": _local(fields["closes_at"]),
        "minutes": 30,
        "attempts_allowed": 1,
        "shuffle_questions": "on",
        "sections-TOTAL_FORMS": 2,
        "sections-INITIAL_FORMS": 0,
        "sections-0-kind": "single",
        "sections-0-count": 2,
        "sections-0-points": "5",
        "sections-1-count": 3,
        "sections-1-points": "2",
    }
    response = client.post(reverse("console:exam-create", args=[event.pk]), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    test = OnlineTest.objects.get()
    assert [(s.kind, s.count) for s in test.sections.all()] == [("single", 2), ("", 3)]
    client.post(reverse("console:exam-ready", args=[test.pk]))
    test.refresh_from_db()
    assert test.status == OnlineTest.Status.READY
    page = client.get(reverse("console:exam", args=[test.pk]))
    assert page.status_code == 200
    assert 'hx-trigger="every 5s"' in page.content.decode()


def test_too_many_questions_for_the_bank_is_a_form_error(union_tree, officer_a, page_client):
    event, theory, _p = make_event(union_tree[1])
    make_bank(union_tree[0])
    fields = exam_fields()
    response = page_client(officer_a).post(
        reverse("console:exam-create", args=[event.pk]),
        {
            "title": "理论考试",
            "criterion": theory.pk,
            "opens_at": _local(fields["opens_at"]),
            "closes_at": _local(fields["closes_at"]),
            "minutes": 30,
            "attempts_allowed": 1,
            "sections-TOTAL_FORMS": 1,
            "sections-INITIAL_FORMS": 0,
            "sections-0-count": 50,
            "sections-0-points": "2",
        },
    )
    assert response.status_code == 400
    assert not OnlineTest.objects.exists()


def test_another_unions_officer_cannot_see_the_test(union_tree, officer_a, officer_c, page_client):
    event, theory, _p = make_event(union_tree[1])
    make_bank(union_tree[0])
    test = exams.create_test(
        actor=officer_a, event=event, criterion=theory, sections=SECTIONS, **exam_fields()
    )
    assert page_client(officer_c).get(reverse("console:exam", args=[test.pk])).status_code == 404


def test_grade_now_statistics_and_regrade(
    union_tree, officer_a, page_client, django_capture_on_commit_callbacks
):
    event, theory, _p = make_event(union_tree[1])
    bank = make_bank(union_tree[0])
    regs = entrants(event, 4)
    test = exams.create_test(
        actor=officer_a, event=event, criterion=theory, sections=SECTIONS, **exam_fields()
    )
    test = exams.make_ready(actor=officer_a, test=test)
    for n, reg in enumerate(regs):
        attempt = attempts.start_attempt(worker=reg.worker, test=test)
        for item in attempt.items.select_related("version__question"):
            right = item.version.answer if item.position <= n + 1 else None
            if item.version.question.kind == "fill" and right:
                right = ["甲烷"]
            attempts.save_answer(
                worker=reg.worker, attempt=attempt, position=item.position, given=right
            )
    past = timezone.now() - dt.timedelta(seconds=1)
    OnlineTest.objects.filter(pk=test.pk).update(closes_at=past)
    Attempt.objects.update(deadline=past)
    client = page_client(officer_a)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("console:exam-grade", args=[test.pk]))
    test.refresh_from_db()
    assert test.status == OnlineTest.Status.GRADED
    assert Mark.objects.filter(criterion=theory).count() == 4
    page = client.get(reverse("console:exam", args=[test.pk])).content.decode()
    assert f"#{bank[0].pk} " in page  # the item statistics list each question
    question = bank[0]
    correct_question(question, ["B"])
    response = client.post(
        reverse("console:exam-regrade", args=[test.pk]),
        {"question": question.pk, "reason": "答案更正"},
    )
    assert response.status_code == 302
    assert Regrade.objects.filter(test=test, question=question, actor=officer_a).exists()


def test_the_scores_table_shows_points_and_the_criterion_mark(union_tree, officer_a, page_client):
    from training.services import grading

    event, theory, _p = make_event(union_tree[1])
    make_bank(union_tree[0])
    (reg,) = entrants(event, 1)
    test = exams.create_test(
        actor=officer_a, event=event, criterion=theory, sections=SECTIONS, **exam_fields()
    )
    test = exams.make_ready(actor=officer_a, test=test)
    attempt = attempts.start_attempt(worker=reg.worker, test=test)
    tf = attempt.items.get(version__question__kind="true_false")
    attempts.save_answer(worker=reg.worker, attempt=attempt, position=tf.position, given=[True])
    attempts.submit_attempt(worker=reg.worker, attempt=attempt)
    OnlineTest.objects.filter(pk=test.pk).update(closes_at=timezone.now())
    grading.grade_test(test_id=test.pk)
    page = page_client(officer_a).get(reverse("console:exam", args=[test.pk])).content.decode()
    # One of five questions right at 2 points each: 2.00 points, 20.00 of the maximum 100.
    assert "<td>2.00</td><td>20.00</td>" in page
    assert Mark.objects.get(registration=reg).value == 20
