"""An officer sets up a contest in the console: new contest, an event, open registration.

Screenshots of each page at desktop (1280 px) and phone (390 px) width go to
tests/artifacts/console-contests-*.png; at 390 px no page may scroll sideways.
"""

from decimal import Decimal
from pathlib import Path

import pytest
from django.db import connections
from django.utils import timezone

from contests.models import Contest, Event, Registration
from judging.models import MarkLog
from tests.factories import OfficerFactory, RegistrationFactory, SeriesFactory, UnionFactory
from tests.judging.factories import JudgeFactory

ARTIFACTS = Path(__file__).resolve().parent.parent / "artifacts"
WIDTHS = {"desktop": 1280, "phone": 390}


def _shoot(page, name: str) -> None:
    """Screenshots at both widths; the phone layout must not scroll sideways."""
    for label, width in WIDTHS.items():
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(
            path=str(ARTIFACTS / f"console-contests-{name}-{label}.png"), full_page=True
        )
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"{name} scrolls sideways at {width} px by {overflow} px"
    page.set_viewport_size({"width": WIDTHS["desktop"], "height": 900})


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_officer_creates_a_contest_and_an_event_and_opens_registration(live_server, browser_page):
    try:
        _set_up_a_contest(live_server, browser_page)
    finally:
        # The ORM calls below ran while Playwright's event loop was active, on a database
        # connection of that context: close it here, where it is reachable.
        connections.close_all()


def _set_up_a_contest(live_server, page) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    union = UnionFactory(code="SH", name="上海市总工会")
    UnionFactory(code="SH-HT", name="上海航天工会", parent=union)
    officer = OfficerFactory(union=union, user__username="officer_sh").user
    series = SeriesFactory(name="长三角地区职工劳动和技能竞赛")

    page.goto(live_server.url + "/accounts/login/?next=/manage/")
    page.fill("#id_username", "officer_sh")
    page.fill("#id_password", "Str0ng-pass!")
    page.click("form button[type=submit]")
    page.wait_for_url("**/manage/")
    _shoot(page, "1-dashboard-empty")

    page.click("a.button[href$='/manage/contests/new/']")
    page.fill("#id_name", "2026年上海市焊工职业技能竞赛")
    page.select_option("#id_series", label=str(series))  # the name and its year
    page.select_option("#id_host_union", label="上海航天工会")
    page.fill("#id_registration_opens", "2026-03-01T09:00")
    page.fill("#id_registration_closes", "2026-02-01T17:00")  # before it opens: refused
    page.fill("#id_contest_date", "2026-04-10")
    page.click("form.setup-form button[type=submit]")
    assert page.locator("#id_registration_closes-error").is_visible()
    _shoot(page, "2-contest-form-error")
    page.fill("#id_registration_closes", "2026-03-20T17:00")
    page.click("form.setup-form button[type=submit]")
    contest = Contest.objects.get(name="2026年上海市焊工职业技能竞赛")
    page.wait_for_url(f"**/manage/contests/{contest.pk}/")
    assert contest.status == "draft"

    page.click(f"a[href$='/manage/contests/{contest.pk}/events/new/']")
    page.fill("#id_name", "焊工")
    page.select_option("#id_eligible_unions", label="上海航天工会")
    page.check("input[name=employer_kinds][value=state_owned]")
    page.select_option("#id_min_skill_grade", "4")
    page.fill("#id_min_age", "18")
    page.fill("#id_max_age", "55")
    page.fill("#id_quota_per_employer", "3")
    _shoot(page, "3-event-form")
    page.click("form.setup-form button[type=submit]")
    event = Event.objects.get(name="焊工")
    page.wait_for_url(f"**/manage/events/{event.pk}/")
    assert (event.min_age, event.max_age, event.quota_per_employer) == (18, 55, 3)
    assert event.employer_kinds == ["state_owned"]
    _shoot(page, "4-event")

    page.click(f"a[href$='/manage/contests/{contest.pk}/']")
    page.click("#status-step")
    page.wait_for_selector(".messages li.success")
    contest.refresh_from_db()
    assert contest.status == "open"
    assert page.locator("#status-step").inner_text() != ""  # next: close registration
    _shoot(page, "5-contest-open")

    page.goto(live_server.url + "/manage/")
    assert page.locator("#stage-open .contest-card").count() == 1
    _shoot(page, "6-dashboard")
    _record_changes(event, officer)  # what the judging and results pages would record
    page.goto(live_server.url + f"/en/manage/contests/{contest.pk}/audit/")
    assert page.locator("table.audit tbody tr").count() == 3
    _shoot(page, "7-audit-en")


def _record_changes(event: Event, officer) -> None:
    entry = RegistrationFactory(
        event=event, worker__employer__union=officer.officer.union.children.get()
    )
    Registration.objects.filter(pk=entry.pk).update(decided_at=timezone.now())
    judge = JudgeFactory(name="李建国")
    MarkLog.objects.create(event=event, registration=entry, criterion_code="T1", judge=judge,
                           actor=judge.user, action="create", new_value=Decimal("86.5"))  # fmt: skip
    MarkLog.objects.create(event=event, registration=entry, criterion_code="T1", judge=judge,
                           actor=officer, action="unlock", old_value=Decimal("86.5"),
                           new_value=Decimal("86.5"), reason="复核焊缝尺寸")  # fmt: skip
