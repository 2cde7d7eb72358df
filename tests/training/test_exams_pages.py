"""Worker pages of online tests: the key never reaches a page before grading, answers are
saved one by one (htmx) or all at once (no JavaScript), the server's deadline holds, another
person's attempt is out of reach, and a closed tab resumes with every answer kept."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from tests.training.exams_fixtures import (
    KEY_SECRET,
    ready_test,
)
from training.models import Attempt, AttemptItem, OnlineTest
from training.services import attempts, grading

pytestmark = pytest.mark.django_db


@pytest.fixture
def sitting(union_tree, officer_a):
    test, regs = ready_test(union_tree, officer_a)
    client = Client()
    client.force_login(regs[0].worker.user)
    return {"test": test, "regs": regs, "client": client}


def _start(client, test) -> Attempt:
    response = client.post(reverse("training:exam-start", args=[test.pk]))
    assert response.status_code == 302
    return Attempt.objects.get()


def _item(attempt, kind):
    return (
        attempt.items.select_related("version__question")
        .filter(version__question__kind=kind)
        .first()
    )


def _body(response) -> str:
    return response.content.decode()


def test_no_page_shows_the_key_before_grading(sitting):
    client, test = sitting["client"], sitting["test"]
    attempt = _start(client, test)
    pages = [
        reverse("training:exam-list"),
        reverse("training:exam-intro", args=[test.pk]),
        reverse("training:exam-sit", args=[attempt.pk]),
        reverse("training:exam-submit", args=[attempt.pk]),
    ]
    fill = _item(attempt, "fill")
    saved = client.post(
        reverse("training:exam-save", args=[attempt.pk, fill.position]), {f"q{fill.position}": "x"}
    )
    bodies = [_body(client.get(url)) for url in pages] + [_body(saved)]
    client.post(reverse("training:exam-submit", args=[attempt.pk]))
    bodies.append(_body(client.get(reverse("training:exam-sit", args=[attempt.pk]))))
    for body in bodies:
        assert KEY_SECRET not in body
        assert "甲烷" not in body  # the fill-in question's accepted answer


def test_key_is_shown_once_the_test_is_graded(sitting):
    client, test = sitting["client"], sitting["test"]
    attempt = _start(client, test)
    client.post(reverse("training:exam-submit", args=[attempt.pk]))
    OnlineTest.objects.filter(pk=test.pk).update(closes_at=timezone.now())
    grading.grade_test(test_id=test.pk)
    assert KEY_SECRET in _body(client.get(reverse("training:exam-sit", args=[attempt.pk])))


def test_an_answer_is_saved_as_given_and_kept_on_return(sitting):
    client, test = sitting["client"], sitting["test"]
    attempt = _start(client, test)
    single = _item(attempt, "single")
    response = client.post(
        reverse("training:exam-save", args=[attempt.pk, single.position]),
        {f"q{single.position}": "B"},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    single.refresh_from_db()
    assert single.given == ["B"]
    # The tab closed; coming back through the list resumes the same attempt.
    client.post(reverse("training:exam-start", args=[test.pk]))
    assert Attempt.objects.count() == 1
    page = _body(client.get(reverse("training:exam-sit", args=[attempt.pk])))
    assert f'name="q{single.position}" value="B" checked' in page


def test_the_save_button_saves_every_answer_without_javascript(sitting):
    client, test = sitting["client"], sitting["test"]
    attempt = _start(client, test)
    tf, fill = _item(attempt, "true_false"), _item(attempt, "fill")
    response = client.post(
        reverse("training:exam-save-all", args=[attempt.pk]),
        {f"q{tf.position}": "false", f"q{fill.position}": " 乙烷 "},
    )
    assert response.status_code == 302
    tf.refresh_from_db()
    fill.refresh_from_db()
    assert tf.given == [False]
    assert fill.given == ["乙烷"]


def test_saving_after_the_deadline_is_refused_and_changes_nothing(sitting):
    client, test = sitting["client"], sitting["test"]
    attempt = _start(client, test)
    Attempt.objects.filter(pk=attempt.pk).update(deadline=timezone.now() - dt.timedelta(seconds=1))
    single = _item(attempt, "single")
    response = client.post(
        reverse("training:exam-save", args=[attempt.pk, single.position]),
        {f"q{single.position}": "A"},
    )
    assert response.status_code == 400
    assert client.post(reverse("training:exam-submit", args=[attempt.pk])).status_code == 400
    assert not AttemptItem.objects.filter(given__isnull=False).exists()
    assert Attempt.objects.get().state == Attempt.State.STARTED


def test_another_persons_attempt_is_not_found(sitting):
    test, regs = sitting["test"], sitting["regs"]
    attempt = attempts.start_attempt(worker=regs[1].worker, test=test)
    client = sitting["client"]  # the first entrant
    assert client.get(reverse("training:exam-sit", args=[attempt.pk])).status_code == 404
    response = client.post(reverse("training:exam-save", args=[attempt.pk, 1]), {"q1": "A"})
    assert response.status_code == 404
    assert not AttemptItem.objects.filter(given__isnull=False).exists()


def test_a_position_not_in_the_attempt_or_a_bad_option_is_a_400(sitting):
    client, test = sitting["client"], sitting["test"]
    attempt = _start(client, test)
    single = _item(attempt, "single")
    assert (
        client.post(reverse("training:exam-save", args=[attempt.pk, 77]), {"q77": "A"}).status_code
        == 400
    )
    response = client.post(
        reverse("training:exam-save", args=[attempt.pk, single.position]),
        {f"q{single.position}": "Z"},
    )
    assert response.status_code == 400
    assert not AttemptItem.objects.filter(given__isnull=False).exists()


def test_submit_confirmation_counts_the_unanswered(sitting):
    client, test = sitting["client"], sitting["test"]
    attempt = _start(client, test)
    with translation.override("en"):
        url = reverse("training:exam-submit", args=[attempt.pk])
    page = _body(client.get(url))
    assert "5 questions are still unanswered" in page
