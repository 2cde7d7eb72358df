"""On a phone (390 px): a judge keeps the marks typed before an error and is asked before
handing in an incomplete sheet (issue 12.2, 12.15); a worker is asked before withdrawing,
and only while judging has not started (12.3)."""

from pathlib import Path

import pytest
from django.db import connections

from contests.models import Registration
from judging import services
from judging.models import Mark
from tests.factories import ContestFactory, EmployerFactory, EventFactory, RegistrationFactory
from tests.judging.conftest import VOCATIONAL
from tests.judging.factories import AssignmentFactory, JudgeFactory

ARTIFACTS = Path(__file__).resolve().parent.parent / "artifacts"
PASSWORD = "Str0ng-pass!"  # tests.factories.UserFactory's
PHONE = {"width": 390, "height": 844}


@pytest.fixture
def orm_in_playwright():
    yield
    connections.close_all()


def shoot(page, name: str) -> None:
    page.screenshot(path=str(ARTIFACTS / f"states-{name}-390.png"), full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def sign_in(page, base: str, user, next_url: str) -> None:
    page.goto(f"{base}/en/accounts/login/?next={next_url}")
    page.fill("#id_username", user.username)
    page.fill("#id_password", PASSWORD)
    page.click("form.card button[type=submit]")
    page.wait_for_url(f"**{next_url}")


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_judge_keeps_typed_marks_and_confirms_an_incomplete_sheet(
    live_server, chromium, orm_in_playwright, union_tree, officer_a
):
    ARTIFACTS.mkdir(exist_ok=True)
    a, b, _c = union_tree
    event = EventFactory(contest=ContestFactory(host_union=a, status="judging"), name="焊工")
    services.replace_scheme(actor=officer_a, event=event, criteria=VOCATIONAL)
    entries = [
        RegistrationFactory(event=event, worker__employer=EmployerFactory(union=b))
        for _ in range(3)
    ]
    judge = JudgeFactory(union=a, user__username="judge_phone")
    AssignmentFactory(event=event, judge=judge)
    page = chromium.new_page(viewport=PHONE)
    sheet = f"/en/judge/events/{event.pk}/"
    sign_in(page, live_server.url, judge.user, sheet)

    first = entries[0]
    form = page.locator(f"#bib-{first.bib}")
    form.locator("input[name=c_T]").fill("88")
    form.locator("input[name=c_P]").fill("12x")
    form.locator("button[type=submit]").click()
    page.wait_for_selector(f"#bib-{first.bib} ul.errors")
    form = page.locator(f"#bib-{first.bib}")
    assert form.locator("input[name=c_T]").input_value() == "88"
    assert form.locator("input[name=c_P]").input_value() == "12x"
    assert "12x" in form.locator("ul.errors").inner_text()
    shoot(page, "judge-1-error-kept")

    form.locator("input[name=c_P]").fill("80")
    form.locator("button[type=submit]").click()
    page.wait_for_selector(".messages li.success")
    assert Mark.objects.filter(judge=judge).count() == 2

    page.click("form.submit-all button[type=submit]")
    page.wait_for_selector(".confirm-submit")
    assert "2 entries still miss your marks" in page.locator(".confirm-submit .warn").inner_text()
    assert not Mark.objects.filter(judge=judge, locked=True).exists()
    shoot(page, "judge-2-confirm")
    page.click(".confirm-submit button[type=submit]")
    page.wait_for_selector(".messages li.success")
    assert Mark.objects.filter(judge=judge, locked=True).count() == 2
    shoot(page, "judge-3-submitted")


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_worker_confirms_a_withdrawal_and_cannot_once_judging_starts(
    live_server, chromium, orm_in_playwright, union_tree
):
    ARTIFACTS.mkdir(exist_ok=True)
    a, b, _c = union_tree
    open_entry = RegistrationFactory(
        event=EventFactory(contest=ContestFactory(host_union=a), name="电工"),
        worker__employer=EmployerFactory(union=b),
        status="pending",
        bib=None,
    )
    worker = open_entry.worker
    judged = RegistrationFactory(
        event=EventFactory(contest=ContestFactory(host_union=a, status="published"), name="钳工"),
        worker=worker,
    )
    page = chromium.new_page(viewport=PHONE)
    sign_in(page, live_server.url, worker.user, "/en/me/entries/")

    assert page.locator(f"form[action$='/me/entries/{judged.pk}/withdraw/']").count() == 0
    page.click("details.withdraw summary")
    button = page.locator("details.withdraw button[type=submit]")
    assert button.is_visible()
    shoot(page, "worker-1-confirm")
    button.click()
    page.wait_for_selector(".messages li.success")
    open_entry.refresh_from_db()
    judged.refresh_from_db()
    assert open_entry.status == Registration.Status.WITHDRAWN
    assert judged.status == Registration.Status.APPROVED
    shoot(page, "worker-2-withdrawn")
