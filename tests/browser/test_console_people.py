"""An officer in the console: edits a scoring scheme with a preset (rows added with htmx),
imports workers from an XLSX file and watches the report, looks at judges and a panel; at
desk width and at 390 px, where no page scrolls sideways."""

import datetime as dt
import io
from pathlib import Path

import pytest
from django.db import connections
from openpyxl import Workbook

from core.validators import make_id_number
from judging.models import Criterion, ScoringScheme
from tests.factories import EmployerFactory, EventFactory, RegistrationFactory
from tests.judging.factories import AssignmentFactory, JudgeFactory
from workers.models import Worker

ARTIFACTS = Path(__file__).resolve().parent.parent / "artifacts"
PHONE, DESK = {"width": 390, "height": 844}, {"width": 1280, "height": 900}


def shoot(page, name: str) -> None:
    """Desk and phone screenshots of the page as it is; at 390 px nothing scrolls sideways."""
    for label, size in (("desktop", DESK), ("390", PHONE)):
        page.set_viewport_size(size)
        page.screenshot(path=str(ARTIFACTS / f"console-people-{name}-{label}.png"), full_page=True)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"{name} is {width}px wide at 390px"
    page.set_viewport_size(DESK)


def workers_xlsx(employer: str) -> bytes:
    book = Workbook()
    book.active.append(["姓名", "身份证号", "手机号", "单位", "职业（工种）", "技能等级"])
    for serial, name in enumerate(["王小兵", "李红", "张伟"], 1):
        number = make_id_number("310104", dt.date(1988, 6, 1), serial)
        book.active.append([name, number, "13800000001", employer, "车工", "高级工"])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


@pytest.fixture
def orm_in_browser(browser_page):
    """The test's own ORM queries run while Playwright's sync API is active, in a context of
    their own with a connection of their own (not the fixtures'): close it, or PostgreSQL
    refuses to drop the test database at the end of the session."""
    yield
    connections.close_all()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("orm_in_browser")
def test_officer_edits_a_scheme_with_a_preset_and_imports_workers(
    live_server, browser_page, officer_a, union_tree, tmp_path
):
    ARTIFACTS.mkdir(exist_ok=True)
    employer = EmployerFactory(union=union_tree[1], name="乙机械厂")
    event = EventFactory(contest__host_union=union_tree[1], name="数控车工")
    judge = JudgeFactory(union=union_tree[1], name="王裁判", employer=employer)
    AssignmentFactory(event=event, judge=judge, chief=True)
    RegistrationFactory(event=event, worker__employer=employer)  # the judge's own work unit
    page = browser_page
    page.set_viewport_size(DESK)

    page.goto(live_server.url + "/accounts/login/")
    page.fill("#id_username", "officer_a")
    page.fill("#id_password", "Str0ng-pass!")
    page.click("form button[type=submit]")
    page.wait_for_url(live_server.url + "/**")

    # The scheme: one row typed, a second added without a reload, the prize preset.
    page.goto(f"{live_server.url}/manage/events/{event.pk}/scheme/")
    page.fill("#id_criteria-0-code", "T")
    page.fill("#id_criteria-0-name", "理论知识")
    page.fill("#id_criteria-0-weight", "30")
    page.fill("#id_criteria-0-max_mark", "100")
    page.select_option("#id_criteria-0-kind", "measurement")
    page.click("button[name=add][value=criteria]")
    page.wait_for_selector("#id_criteria-1-code")
    page.fill("#id_criteria-1-code", "P")
    page.fill("#id_criteria-1-name", "操作技能")
    page.fill("#id_criteria-1-weight", "60")  # a mistake, refused on the criteria
    page.fill("#id_criteria-1-max_mark", "10")
    page.fill("#id_criteria-1-step", "0.5")
    page.fill("#id_tie_break", "P, time")
    page.click("button[name=preset][value=prizes_10_20_30]")
    page.wait_for_selector("#id_tiers-2-name")
    assert page.input_value("#id_tiers-0-name") == "一等奖"
    assert page.input_value("#id_criteria-0-code") == "T"  # no reload: typing kept
    page.click("button[name=save]")
    assert page.locator(".criteria-errors").count() == 1
    assert "90" in page.inner_text(".criteria-errors")
    shoot(page, "scheme-refused")
    page.fill("#id_criteria-1-weight", "70")
    page.click("button[name=save]")
    page.wait_for_selector(".messages li.success")
    shoot(page, "scheme")
    assert list(Criterion.objects.filter(event=event).values_list("code", flat=True)) == ["T", "P"]
    scheme = ScoringScheme.objects.get(event=event)
    assert [t["share"] for t in scheme.award_tiers] == ["0.1", "0.2", "0.3"]
    assert scheme.tie_break == ["P", "time"]

    # The worker import: template link, upload, report.
    page.goto(f"{live_server.url}/manage/workers/import/")
    assert page.locator("a[href$='template.xlsx']").count() == 1
    shoot(page, "import")
    upload = tmp_path / "职工名单.xlsx"
    upload.write_bytes(workers_xlsx("乙机械厂"))
    page.set_input_files("#id_file", str(upload))
    page.click("#import-form button[type=submit]")
    page.wait_for_selector(".import-outcome.ok")
    assert page.locator(".summary .stat").all_inner_texts()[:2] == ["3", "3"]
    shoot(page, "import-report")
    assert Worker.objects.filter(name__in=["王小兵", "李红", "张伟"]).count() == 3

    # A file with a bad row: nothing written, the row on the page and in the download.
    page.goto(f"{live_server.url}/manage/workers/import/")
    upload.write_bytes(workers_xlsx("不存在的厂"))
    page.set_input_files("#id_file", str(upload))
    page.click("#import-form button[type=submit]")
    page.wait_for_selector("table.import-errors")
    assert page.locator("table.import-errors tbody tr").count() == 3
    with page.expect_download() as download:
        page.click("a[href$='errors.csv']")
    assert download.value.suggested_filename.endswith("-errors.csv")
    shoot(page, "import-errors")

    # Judges and the panel, with the chief judge's conflict of interest shown.
    page.goto(f"{live_server.url}/manage/judges/")
    assert page.locator(f"#judge-{judge.pk}").count() == 1
    shoot(page, "judges")
    page.goto(f"{live_server.url}/manage/events/{event.pk}/panel/")
    assert page.locator(".badge.gold").count() == 1
    assert page.locator(".badge.conflict").count() == 1
    shoot(page, "panel")
