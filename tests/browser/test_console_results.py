"""An officer computes an event's results, previews them, is refused publication (an entry
lacks a mark), gives a reason to override and publishes: desktop and 390 px phone width."""

from pathlib import Path

import pytest
from django.db import connections

from public.services import file_objection
from results.models import ResultSnapshot
from tests.factories import ContestFactory, EmployerFactory, EventFactory, OfficerFactory
from tests.results.factories import EntryFactory, JudgeFactory, give_marks, make_scheme

ARTIFACTS = Path(__file__).resolve().parent.parent / "artifacts"
PASSWORD = "Str0ng-pass!"  # tests.factories.UserFactory's


def overflows(page) -> bool:
    """Whether the page itself scrolls sideways (wide tables scroll inside .table-wrap)."""
    return page.evaluate("document.documentElement.scrollWidth > window.innerWidth + 1")


@pytest.fixture
def event(union_tree):
    b = union_tree[1]
    contest = ContestFactory(host_union=b, status="judging", name="2024年乙区燃气行业职业技能竞赛")
    event = EventFactory(contest=contest, name="燃气管道工（个人赛）")
    _, crits = make_scheme(
        event,
        criteria=(("T", 50, 100, "mean", 1), ("P", 50, 10, "mean", 1)),
        tie_break=["P", "time"],
        award_tiers=[{"name": "一等奖", "count": 1}, {"name": "二等奖", "count": 1}],
    )
    judge = JudgeFactory(union=b, name="陈裁判")
    employer = EmployerFactory(union=b, name="乙区燃气集团第一分公司")
    marks = {
        "李建兵": {"T": [80], "P": [9]},
        "王芳": {"T": [90], "P": [8]},  # 45 + 40 = 85, level with 李建兵 (40 + 45)
        "周明": {"T": [60], "P": [7]},
        "吴强": {"T": [90]},  # no practical mark yet
    }
    for name, given in marks.items():
        entry = EntryFactory(event=event, worker__name=name, worker__employer=employer)
        give_marks(entry, crits, given, [judge])
    return event


@pytest.fixture
def page(browser_page):
    """The browser page. The test's ORM calls made while Playwright's sync API runs open a
    connection of their own context (asgiref's Local): closed here, or the test database's
    teardown on PostgreSQL would find it in use."""
    yield browser_page
    connections.close_all()


def shoot(page, name: str) -> None:
    page.screenshot(path=str(ARTIFACTS / f"console-results-{name}.png"), full_page=True)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_officer_computes_previews_and_publishes_an_events_results(
    live_server, page, union_tree, event
):
    ARTIFACTS.mkdir(exist_ok=True)
    officer = OfficerFactory(union=union_tree[1], user__username="officer_yi").user
    page.set_viewport_size({"width": 1280, "height": 900})
    results = f"/manage/events/{event.pk}/results/"

    page.goto(f"{live_server.url}/accounts/login/?next={results}")
    page.fill("#id_username", officer.username)
    page.fill("#id_password", PASSWORD)
    page.click("form button[type=submit]")
    page.wait_for_url(f"**{results}")
    assert page.locator("h1").inner_text() == event.name
    shoot(page, "1-before")

    page.click("#compute")  # no broker here: the job runs before the page answers
    page.wait_for_url("**?task=*")
    assert page.locator(".task-progress .badge.ok").count() == 1
    rows = page.locator("table.leaderboard tbody tr")
    assert rows.count() == 4
    names = page.locator("table.leaderboard tbody tr td:nth-child(3)").all_inner_texts()
    assert [n.split()[0] for n in names] == ["李建兵", "王芳", "周明", "吴强"]
    first = rows.nth(0)
    assert first.locator("td.decided").inner_text() == "45.00"  # P (weighted) broke the tie
    assert "一等奖" in first.inner_text() and "二等奖" in rows.nth(1).inner_text()
    assert rows.nth(3).get_attribute("class") == "incomplete"
    shoot(page, "2-preview")

    page.click("#publish")
    reason = page.locator("textarea[name=override_reason]")
    assert reason.is_visible()
    assert page.locator("#publish-form .errorlist").count() == 1
    assert not ResultSnapshot.objects.filter(is_public=True).exists()
    shoot(page, "3-refused")

    reason.fill("吴强实操成绩待补录，先行公示")
    page.click("#publish")
    page.wait_for_url(f"**{results}")
    assert page.locator(".messages li.success").count() == 1
    public = ResultSnapshot.objects.get(is_public=True)
    assert public.override_reason == "吴强实操成绩待补录，先行公示"
    shoot(page, "4-published")
    assert not overflows(page)

    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{live_server.url}{results}")
    assert not overflows(page)
    shoot(page, "5-phone")
    page.goto(f"{live_server.url}/manage/results/")
    assert not overflows(page)
    shoot(page, "6-phone-index")

    # The area's other pages at phone width: awards (computed here), objections, documents.
    page.click(f"a[href='/manage/contests/{event.contest_id}/awards/']")
    page.click("button[name=scope][value=awards]")
    page.wait_for_url("**?task=*")
    assert page.locator("table").count() >= 2 and not overflows(page)
    shoot(page, "7-phone-awards")
    entry = event.registrations.get(worker__name="王芳")
    file_objection(actor=entry.worker.user, registration=entry, reason="实操评分登记有误，请复核")
    page.goto(f"{live_server.url}/manage/objections/?contest={event.contest_id}")
    assert page.locator("ul.objections li").count() == 1 and not overflows(page)
    shoot(page, "8-phone-objections")
    page.click("ul.objections a.button")
    assert page.locator(".marks-form input[name^=mark_]").count() == 2 and not overflows(page)
    shoot(page, "9-phone-uphold")
    page.goto(f"{live_server.url}/manage/contests/{event.contest_id}/documents/")
    assert not overflows(page)
    shoot(page, "10-phone-documents")
