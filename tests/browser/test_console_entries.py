"""An officer in the console: bulk-approves the pending registrations of an event, checks
a worker's identity, unlocks a judge's submitted marks with a reason from the judging
progress page, and disqualifies an entry."""

from pathlib import Path

import pytest
from django.db import connections

from contests.models import Registration
from judging import services
from judging.models import Mark
from tests.factories import ContestFactory, EmployerFactory, EventFactory, RegistrationFactory
from tests.judging.conftest import VOCATIONAL, mark
from tests.judging.factories import AssignmentFactory, JudgeFactory
from workers.models import IdNumberDisclosure

ARTIFACTS = Path(__file__).resolve().parent.parent / "artifacts"
PASSWORD = "Str0ng-pass!"  # tests.factories.UserFactory's


def shoot(page, name: str) -> None:
    """The page at desktop width and at 390 px; the page itself never scrolls sideways."""
    for width, label in ((1280, "desktop"), (390, "390")):
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=str(ARTIFACTS / f"console-entries-{name}-{label}.png"), full_page=True)
        assert page.evaluate("document.documentElement.scrollWidth") <= width


@pytest.fixture
def orm_in_playwright():
    """The ORM used while Playwright's event loop runs gets connections of its own (Django
    keeps them per context); close them with the test, or PostgreSQL cannot drop the test
    database at the end of the session ("being accessed by other users")."""
    yield
    connections.close_all()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_officer_approves_entries_in_bulk_and_unlocks_a_judges_marks(
    live_server, browser_page, orm_in_playwright, union_tree, officer_a
):
    ARTIFACTS.mkdir(exist_ok=True)
    a, b, _c = union_tree
    event = EventFactory(
        contest=ContestFactory(host_union=b, name="乙工会焊工技能竞赛"), name="焊工"
    )
    services.replace_scheme(actor=officer_a, event=event, criteria=VOCATIONAL)
    employer = EmployerFactory(union=b, name="乙机械厂")
    pending = [
        RegistrationFactory(event=event, worker__employer=employer, status="pending", bib=None)
        for _ in range(4)
    ]
    judges = [JudgeFactory(union=a, user__username=f"judge{i}") for i in range(3)]
    for i, judge in enumerate(judges):
        AssignmentFactory(event=event, judge=judge, chief=i == 0)
    page = browser_page

    page.goto(f"{live_server.url}/accounts/login/?next=/manage/registrations/")
    page.fill("#id_username", officer_a.username)
    page.fill("#id_password", PASSWORD)
    page.click("form.card button[type=submit]")
    page.wait_for_url("**/manage/registrations/")

    page.select_option("#id_status", "pending")
    page.click("#queue-filters button[type=submit]")
    page.wait_for_url("**status=pending**")
    assert page.locator("table.queue tbody tr").count() == 4
    for entry in pending[:3]:
        page.check(f"#entry-{entry.pk} input[name=registrations]")
    shoot(page, "1-queue")
    page.click("#bulk button[value=approve]")
    page.wait_for_selector(".messages li.success")
    assert page.locator("table.queue tbody tr").count() == 1
    approved = Registration.objects.filter(status="approved").order_by("bib")
    assert [r.bib for r in approved] == [1, 2, 3]

    # Identity check of the one still pending: its worker's page, the full ID number on request.
    worker = pending[3].worker
    page.click(f"#entry-{pending[3].pk} a:has-text('{worker.name}')")
    page.wait_for_url(f"**/manage/workers/{worker.pk}/")
    assert worker.id_number not in page.content()
    page.click("#id-number button")
    page.wait_for_selector("#id-number .revealed")
    assert page.locator("#id-number .revealed").inner_text() == worker.id_number
    assert page.locator("#id-disclosures li").count() == 1
    assert IdNumberDisclosure.objects.filter(worker=worker, viewer=officer_a).count() == 1
    shoot(page, "2-worker")

    judge = judges[1]
    for entry in approved:
        mark(judge, entry, "T", 80)
        mark(judge, entry, "P", 75)
    services.submit_marks(actor=judge.user, event=event, confirm_incomplete=True)

    page.set_viewport_size({"width": 1280, "height": 900})
    page.click(".console-menu a[href$='/manage/judging/']")
    page.click(f"a[href$='/manage/events/{event.pk}/judging/']")
    row = page.locator(f"#judge-{judge.pk}")
    assert "6 / 6" in row.inner_text()
    row.locator("a[href$='#unlock']").click()
    page.wait_for_url(f"**judge={judge.pk}**")
    assert page.locator("#id_judge").input_value() == str(judge.pk)
    page.fill("#id_reason", "裁判误录，重新评分")
    shoot(page, "3-judging")
    page.click("form.unlock-form button[type=submit]")
    page.wait_for_selector("#judging-board .notice")  # htmx swapped the board in place
    assert "6" in page.locator("#judging-board .notice").inner_text()
    assert not Mark.objects.filter(judge=judge, locked=True).exists()
    assert judge.assignments.get().submitted_at is None
    assert "#unlock" in page.url  # no page load: the board was swapped in place
    shoot(page, "4-unlocked")

    # Bib 3 turns out to be someone else: disqualified on its entry page, with the reason.
    entry = approved[2]
    page.goto(f"{live_server.url}/manage/registrations/{entry.pk}/")
    page.fill("form.decision input[name=reason]", "冒名顶替")
    page.click("form.decision button[type=submit]")
    page.wait_for_selector(".messages li.success")
    assert "冒名顶替" in page.locator("ul.log").inner_text()
    entry.refresh_from_db()
    assert entry.disqualified
    shoot(page, "5-disqualified")
