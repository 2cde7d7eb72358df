"""An online theory test in the browser, from the bank to the event's results (issue 14,
"Done when").

An officer imports a question bank from XLSX and from Moodle XML, sets an online test for an
event on its 理论知识 criterion and makes it ready. Two approved workers sit it on their
phones: one answers some questions, closes the tab, comes back with every answer kept and
hands in; the other runs past the deadline (moved into the past in the database: the server
refuses the answer given after it and the page says the attempt ended). The window closes
(moved too), the officer grades now, the scores become the theory marks and the computed
results use them. Before grading, no worker page carries the answer key.
"""

from __future__ import annotations

import datetime as dt
import time
from decimal import Decimal
from pathlib import Path

import pytest
from django.db import connections
from django.test import Client
from django.utils import timezone
from playwright.sync_api import expect

from judging.models import Mark
from results.models import ResultRow
from tests.training.exams_fixtures import make_event
from tests.training.test_bank_import import MOODLE, ROWS, xlsx
from training.models import Attempt, AttemptItem, OnlineTest, Question
from workers.models import Worker

ARTIFACTS = Path(__file__).resolve().parent.parent / "artifacts"
DESK = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
QUESTIONS, POINTS = 6, "5"
# The key of the imported questions that no question or option shows: explanations and the
# second accepted answer of a fill-in.
KEY_TEXT = ["按体积计量", "钢丝钳不是", "应检查火种", "综合治理方针"]


def shoot(page, name: str) -> None:
    """The page at desk and phone width; at 390 px the page never scrolls sideways."""
    ARTIFACTS.mkdir(exist_ok=True)
    size = page.viewport_size
    for label, viewport in (("desktop", DESK), ("390", PHONE)):
        page.set_viewport_size(viewport)
        page.screenshot(path=str(ARTIFACTS / f"training-exams-{name}-{label}.png"), full_page=True)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"{name} is {width}px wide at 390px"
    page.set_viewport_size(size)


def no_key(page) -> None:
    html = page.content()
    for text in KEY_TEXT:
        assert text not in html, f"the key ({text}) reached {page.url}"
    assert "exam-key" not in html


def worker_page(chromium, live_server, worker: Worker):
    context = chromium.new_context(viewport=PHONE)
    client = Client()
    client.force_login(worker.user)
    cookie = client.cookies["sessionid"]
    context.add_cookies([{"name": "sessionid", "value": cookie.value, "url": live_server.url}])
    return context.new_page()


def local(value: dt.datetime) -> str:
    return timezone.localtime(value).strftime("%Y-%m-%dT%H:%M")


def key_of(item: AttemptItem) -> list[str]:
    """What to tick or type for the right answer, as the page's input values."""
    answer = item.version.answer
    if item.version.question.kind == "true_false":
        return ["true" if answer[0] else "false"]
    return [str(a) for a in answer[:1]] if item.version.question.kind == "fill" else answer


def answer(page, item: AttemptItem) -> list[str]:
    """Give the right answer to one question in the page; wait until the server saved it."""
    box = page.locator(f"#q{item.position}")
    values = key_of(item)
    if item.version.question.kind == "fill":
        box.locator("input.exam-fill").fill(values[0])
        box.locator("input.exam-fill").blur()
    else:
        for value in values:
            box.locator(f"input[value='{value}']").check()
    expect(page.locator(f"#status-{item.position}")).to_contain_text("Saved")
    # Each tick of a multiple-choice question is a save of its own: wait for the last one.
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        given = AttemptItem.objects.get(pk=item.pk).given
        if given is not None and len(given) == len(values):
            break
        time.sleep(0.05)
    return values


def items_of(attempt: Attempt) -> list[AttemptItem]:
    return list(attempt.items.select_related("version__question").order_by("position"))


@pytest.fixture
def orm_and_media(chromium, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    yield chromium
    connections.close_all()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_an_online_test_from_the_bank_to_the_results(
    live_server, orm_and_media, union_tree, officer_a, tmp_path
):
    from tests.factories import RegistrationFactory

    chromium = orm_and_media
    event, theory, _practical = make_event(union_tree[1])
    first, second = (
        RegistrationFactory(event=event, worker__employer__union=union_tree[1]) for _ in range(2)
    )
    url = live_server.url + "/en"

    # --- the officer: the bank from XLSX and Moodle XML, the test, ready -----------------
    officer = chromium.new_context(viewport=DESK).new_page()
    officer.goto(f"{url}/accounts/login/?next=/en/manage/")
    officer.fill("#id_username", "officer_a")
    officer.fill("#id_password", "Str0ng-pass!")
    officer.click("form button[type=submit]")
    officer.wait_for_url("**/manage/")
    sheet, quiz = tmp_path / "bank.xlsx", tmp_path / "quiz.xml"
    sheet.write_bytes(xlsx(ROWS))
    quiz.write_text(MOODLE, encoding="utf-8")
    for upload in (sheet, quiz):
        officer.goto(f"{url}/manage/training/bank/import/")
        officer.set_input_files("#id_file", str(upload))
        with officer.expect_navigation():
            officer.click("#import-form button[type=submit]")
        expect(officer.locator(".import-outcome.ok")).to_be_visible()
    shoot(officer, "01-bank-imported")
    assert Question.objects.count() == 8

    officer.goto(f"{url}/manage/training/tests/")
    with officer.expect_navigation():
        officer.click(f"a[href$='/manage/training/tests/new/{event.pk}/']")
    now = timezone.now()
    officer.fill("#id_title", "燃气管道工理论考试")
    officer.select_option("#id_criterion", str(theory.pk))
    officer.fill("#id_opens_at", local(now - dt.timedelta(minutes=5)))
    officer.fill("#id_closes_at", local(now + dt.timedelta(hours=2)))
    officer.fill("#id_minutes", "30")
    officer.fill("#id_attempts_allowed", "1")
    officer.fill("#id_sections-0-count", str(QUESTIONS))
    officer.fill("#id_sections-0-points", POINTS)
    shoot(officer, "02-test-form")
    with officer.expect_navigation():
        officer.click("form.stacked button[type=submit]")
    test = OnlineTest.objects.get()
    assert officer.url.endswith(f"/manage/training/tests/{test.pk}/")
    with officer.expect_navigation():
        officer.click(f"form[action$='/tests/{test.pk}/ready/'] button")
    test.refresh_from_db()
    assert (test.status, test.criterion_id) == (OnlineTest.Status.READY, theory.pk)
    shoot(officer, "03-test-ready")

    # --- the first worker: some answers, the tab closed, resumed, handed in -------------
    page = worker_page(chromium, live_server, first.worker)
    page.goto(f"{url}/training/tests/")
    with page.expect_navigation():
        page.click(f"a[href$='/training/tests/{test.pk}/']")
    no_key(page)
    with page.expect_navigation():
        page.get_by_role("button", name="Start the test").click()
    attempt = Attempt.objects.get(registration=first)
    items = items_of(attempt)
    assert len(items) == QUESTIONS
    no_key(page)
    shoot(page, "04-sitting")
    given = {item.position: answer(page, item) for item in items[:3]}
    context = page.context
    page.close()

    page = context.new_page()
    page.goto(f"{url}/training/tests/{test.pk}/")
    with page.expect_navigation():
        page.get_by_role("link", name="Continue the test").click()
    assert page.url.endswith(f"/training/attempts/{attempt.pk}/")
    for position, values in given.items():
        box = page.locator(f"#q{position}")
        if items[position - 1].version.question.kind == "fill":
            expect(box.locator("input.exam-fill")).to_have_value(values[0])
        else:
            for value in values:
                expect(box.locator(f"input[value='{value}']")).to_be_checked()
        expect(page.locator(f"#status-{position}")).to_contain_text("Saved")
    for item in items[3:-1]:  # the last one left unanswered
        answer(page, item)
    no_key(page)
    shoot(page, "05-resumed")
    with page.expect_navigation():
        page.get_by_role("link", name="Hand in").click()
    expect(page.locator(".exam-warning")).to_contain_text("1 question is still unanswered")
    no_key(page)
    shoot(page, "06-hand-in")
    with page.expect_navigation():
        page.get_by_role("button", name="Hand in now").click()
    expect(page.locator(".messages")).to_contain_text("handed in")
    no_key(page)
    attempt.refresh_from_db()
    assert attempt.state == Attempt.State.SUBMITTED
    assert [i.given is not None for i in items_of(attempt)] == [True] * 5 + [False]

    # --- the second worker: past the deadline, the server refuses ------------------------
    late = worker_page(chromium, live_server, second.worker)
    late.goto(f"{url}/training/tests/{test.pk}/")
    with late.expect_navigation():
        late.get_by_role("button", name="Start the test").click()
    overdue = Attempt.objects.get(registration=second)
    late_items = items_of(overdue)
    for item in late_items[:2]:
        answer(late, item)
    Attempt.objects.filter(pk=overdue.pk).update(deadline=timezone.now() - dt.timedelta(seconds=1))
    refused = late_items[2]
    with late.expect_response(lambda r: f"/save/{refused.position}/" in r.url) as response:
        box = late.locator(f"#q{refused.position}")
        if refused.version.question.kind == "fill":
            box.locator("input.exam-fill").fill("36")
            box.locator("input.exam-fill").blur()
        else:
            box.locator("input").first.check()
    assert response.value.status == 400
    expect(late.locator(f"#status-{refused.position}")).to_contain_text("has ended")
    assert AttemptItem.objects.get(pk=refused.pk).given is None
    late.reload()
    expect(late.locator(".exam-ended")).to_contain_text("ended at its deadline")
    assert late.locator(".exam-form input:not([disabled])[name^=q]").count() == 0
    no_key(late)
    shoot(late, "07-deadline-passed")

    # --- the window closes; the officer grades; the marks and the results ----------------
    OnlineTest.objects.filter(pk=test.pk).update(closes_at=timezone.now() - dt.timedelta(seconds=1))
    page.goto(f"{url}/training/tests/{test.pk}/")
    no_key(page)
    officer.goto(f"{url}/manage/training/tests/{test.pk}/")
    with officer.expect_navigation():
        officer.get_by_role("button", name="Grade now").click()
    officer.goto(f"{url}/manage/training/tests/{test.pk}/")
    expect(officer.locator("h1 .badge")).to_have_text("graded")
    shoot(officer, "08-graded")

    # Five right of six at 5 points each: 25 of 30, scaled to the criterion's 100.
    full = Decimal(100)
    expected = {
        first.pk: (full * 5 / 6).quantize(Decimal("0.01")),
        second.pk: (full * 2 / 6).quantize(Decimal("0.01")),
    }
    marks = {m.registration_id: m.value for m in Mark.objects.filter(criterion=theory)}
    assert marks == expected
    # The console lists each entrant's points (of 30); the marks are the scaled ones.
    scores = officer.locator("table", has=officer.locator("th", has_text="Bib")).inner_text()
    assert "25.00" in scores and "10.00" in scores

    officer.goto(f"{url}/manage/events/{event.pk}/judging/")
    shoot(officer, "09-judging")
    # Judging progress counts the test's marks as the theory criterion's, both present.
    expect(officer.locator("tr", has_text="理论知识").first).to_contain_text("2 / 2")

    officer.goto(f"{url}/manage/events/{event.pk}/results/")
    with officer.expect_navigation():
        officer.click("#compute")
    officer.wait_for_url("**?task=*")
    expect(officer.locator(".task-progress .badge.ok")).to_be_visible()
    officer.goto(f"{url}/manage/events/{event.pk}/results/")
    shoot(officer, "10-results")
    rows = {
        r.registration_id: r
        for r in ResultRow.objects.filter(snapshot__event=event, snapshot__is_current=True)
    }
    # A row holds each criterion's weighted points: the mark of 100 at the weight of 30.
    weighted = {
        pk: (mark / theory.max_mark * theory.weight).quantize(Decimal("0.01"))
        for pk, mark in expected.items()
    }
    assert {pk: Decimal(str(rows[pk].criteria["T"])) for pk in expected} == weighted
    board = officer.locator("table", has=officer.locator("th", has_text="理论知识")).inner_text()
    for value in weighted.values():
        assert str(value) in board

    # After grading the worker sees the score and, reviewing, the key.
    page.goto(f"{url}/training/tests/{test.pk}/")
    attempt.refresh_from_db()
    assert attempt.score == Decimal(25)
    expect(page.locator(".exam")).to_contain_text(f"Score {attempt.score}")
