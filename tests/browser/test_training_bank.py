"""An officer imports a question bank from XLSX and from Moodle XML in the console, at 390 px
(the import page and the job's page with its report fit the phone: nothing scrolls
sideways)."""

from pathlib import Path

import pytest
from django.db import connections

from tests.training.test_bank_import import MOODLE, ROWS, xlsx
from training.models import Question

ARTIFACTS = Path(__file__).resolve().parent.parent / "artifacts"
PHONE = {"width": 390, "height": 844}


@pytest.fixture
def orm_in_browser(browser_page):
    yield
    connections.close_all()


def fits(page, name: str) -> None:
    page.screenshot(path=str(ARTIFACTS / f"training-bank-{name}-390.png"), full_page=True)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"{name} is {width}px wide at 390px"


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("orm_in_browser")
def test_officer_imports_a_bank_at_390px(live_server, browser_page, officer_a, tmp_path):
    ARTIFACTS.mkdir(exist_ok=True)
    page = browser_page
    page.set_viewport_size(PHONE)
    page.goto(live_server.url + "/en/accounts/login/")
    page.fill("#id_username", "officer_a")
    page.fill("#id_password", "Str0ng-pass!")
    page.click("form button[type=submit]")
    page.wait_for_url(live_server.url + "/**")

    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(xlsx([*ROWS, [5, "问答", "一道不支持的题", "", "", "", "", "A"]]))
    page.goto(f"{live_server.url}/en/manage/training/bank/import/")
    fits(page, "import")
    page.set_input_files("#id_file", str(bad))
    page.click("#import-form button[type=submit]")
    # The job's page: the task ran (eagerly here), the per-row report is shown.
    page.wait_for_selector("#import-progress .import-outcome")
    assert "Nothing was imported" in page.inner_text("#import-progress")
    assert "题型" in page.inner_text(".import-errors")
    fits(page, "import-errors")
    assert Question.objects.count() == 0

    good = tmp_path / "good.xlsx"
    good.write_bytes(xlsx(ROWS))
    page.goto(f"{live_server.url}/en/manage/training/bank/import/")
    page.set_input_files("#id_file", str(good))
    page.click("#import-form button[type=submit]")
    page.wait_for_selector(".import-outcome.ok")
    moodle = tmp_path / "quiz.xml"
    moodle.write_text(MOODLE, encoding="utf-8")
    page.goto(f"{live_server.url}/en/manage/training/bank/import/")
    page.set_input_files("#id_file", str(moodle))
    page.click("#import-form button[type=submit]")
    page.wait_for_selector(".import-outcome.ok")
    fits(page, "import-done")
    assert Question.objects.count() == 8

    page.goto(f"{live_server.url}/en/manage/training/bank/")
    fits(page, "list")
    assert page.locator("table.questions tbody tr").count() == 8
