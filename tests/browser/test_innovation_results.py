"""An officer records a studio's topic, research project and result with a patent and a
benefit in the console, enters the result into a contest, shows it in a published exhibition;
the public pages show it with the author's name masked and the union's report counts it.
Screenshots at 1280 px and 390 px (nothing scrolls sideways on the phone)."""

from pathlib import Path

import pytest
from django.db import connections

from contests.models import Contest, Event
from innovation.models import Exhibition, InnovationResult
from tests.factories import EventFactory, WorkerFactory
from tests.innovation.factories_results import StudioFactory

ARTIFACTS = Path(__file__).resolve().parent.parent / "artifacts"
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}


@pytest.fixture
def orm_in_browser(browser_page):
    yield
    connections.close_all()


def shoot(page, name: str) -> None:
    """Both widths; at 390 px the page must not be wider than the screen."""
    page.set_viewport_size(DESKTOP)
    page.screenshot(path=str(ARTIFACTS / f"innovation-{name}-desktop.png"), full_page=True)
    page.set_viewport_size(PHONE)
    page.screenshot(path=str(ARTIFACTS / f"innovation-{name}-390.png"), full_page=True)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"{name} is {width}px wide at 390px"
    page.set_viewport_size(DESKTOP)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("orm_in_browser")
def test_officer_records_enters_and_exhibits_a_result(
    live_server, browser_page, officer_a, union_tree
):
    ARTIFACTS.mkdir(exist_ok=True)
    studio = StudioFactory(union=union_tree[1], name="王强劳模创新工作室", level="city")
    author = WorkerFactory(employer=studio.employer, name="欧阳明华")
    event = EventFactory(
        contest__host_union=union_tree[0],
        contest__name="第一届职工创新成果大赛",
        contest__status=Contest.Status.OPEN,
        name="职工创新成果",
        kind=Event.Kind.ACHIEVEMENT,
    )
    base = live_server.url
    page = browser_page
    page.set_viewport_size(DESKTOP)
    page.goto(base + "/en/accounts/login/")
    page.fill("#id_username", "officer_a")
    page.fill("#id_password", "Str0ng-pass!")
    page.click("form button[type=submit]")
    page.wait_for_url(base + "/**")

    # The dashboard loads the innovation block (nothing recorded yet: empty).
    page.goto(base + "/en/manage/innovation/work/")
    page.click(f"text={studio.name}")
    page.wait_for_selector("#topic-form")
    page.fill("#id_topic-title", "燃气管网智能巡检")
    page.select_option("#id_topic-status", "ongoing")
    page.fill("#id_topic-started_on", "2019-03-01")
    page.click("#topic-form button[type=submit]")
    page.wait_for_selector("#project-form")
    page.select_option("#id_project-topic", label="燃气管网智能巡检")
    page.fill("#id_project-title", "地下管网泄漏声波定位")
    page.select_option("#id_project-status", "completed")
    page.fill("#id_project-started_on", "2019-05-01")
    page.click("#project-form button[type=submit]")
    page.wait_for_selector("text=地下管网泄漏声波定位")

    page.click("text=Record a result")
    page.fill("#id_title", "管网泄漏声波定位仪")
    page.select_option("#id_project", label="地下管网泄漏声波定位")
    page.check(f"input[name=authors][value='{author.pk}']")
    page.fill("#id_achieved_on", "2021-06-15")
    page.check("#id_applied")
    page.fill("#id_applied_on", "2021-09-01")
    page.fill("#id_benefit_yuan", "860000")
    page.fill("#id_benefit_basis", "每年减少漏损气量及抢修费用")
    page.click("#result-form button[type=submit]")
    page.wait_for_selector("#patent-form")

    # A wrong check digit is refused with the reason; the right one is recorded.
    page.fill("#id_patent-number", "ZL201510123456.7")
    page.click("#patent-form button[type=submit]")
    page.wait_for_selector("text=The check digit does not match")
    page.fill("#id_patent-number", "ZL 2017 1 0601862.3")
    page.click("#patent-form button[type=submit]")
    page.wait_for_selector("#patents >> text=ZL201710601862.3")

    page.select_option("#id_enter-event", str(event.pk))
    page.click("#enter-form button[type=submit]")
    page.wait_for_selector("#entered")
    result = InnovationResult.objects.get()
    assert result.contest_achievement.registrations.get().event == event
    shoot(page, "console-result")

    page.goto(f"{base}/en/manage/innovation/studios/{studio.pk}/work/")
    shoot(page, "console-studio")

    # The exhibition: created, a section, the result found and added, published.
    page.goto(base + "/en/manage/innovation/exhibitions/")
    page.select_option("#id_union", str(union_tree[0].pk))
    page.fill("#id_title", "长三角职工创新成果展")
    page.click("#exhibition-form button[type=submit]")
    page.wait_for_selector("#section-form")
    page.fill("#id_section-title", "智能制造与数字化")
    page.click("#section-form button[type=submit]")
    page.wait_for_selector("#result-search")
    page.fill("#result-search input[name=q]", "声波定位")
    page.click("#result-search button[type=submit]")
    page.wait_for_selector(f"#found >> text=#{result.pk}")
    page.select_option("#id_item-section", label="智能制造与数字化")
    page.fill("#id_item-result", str(result.pk))
    page.click("#item-form button[type=submit]")
    page.wait_for_selector(f"text={result.title}")
    page.click("#publish-form button[type=submit]")
    page.wait_for_selector("#published")
    shoot(page, "console-exhibition")
    exhibition = Exhibition.objects.get()

    # Public pages, signed out: the author's name masked, the benefit, the patent.
    visitor = page.context.browser.new_page(viewport=DESKTOP)
    visitor.goto(f"{base}/en/innovation/exhibitions/{exhibition.pk}/")
    card = visitor.inner_text(f"#result-{result.pk}")
    assert "欧**华" in card and author.name not in visitor.content()
    shoot(visitor, "public-exhibition")
    visitor.click(f"#result-{result.pk} h3 a")
    visitor.wait_for_selector("#benefit")
    assert "860,000" in visitor.inner_text("#benefit")
    assert "ZL201710601862.3" in visitor.inner_text("#patents")
    assert visitor.inner_text("#authors") == "欧**华"
    assert author.phone not in visitor.content()
    shoot(visitor, "public-result")

    # The union's figures: the contest report of the host union and the statistics page.
    visitor.goto(f"{base}/en/contests/{event.contest.pk}/report/")
    block = visitor.inner_text(".pub-innovation")
    assert "1 worker innovation studios have been set up, 1 innovation topics" in block
    assert "1 research projects" in block and "produced 1 innovation results" in block
    assert "1 of them applied" in block and "hold 1 invention and utility model" in block
    shoot(visitor, "public-report")
    visitor.goto(f"{base}/en/innovation/stats/?union=A&since=2015-01-01")
    assert "86.00 ten thousand yuan a year" in visitor.inner_text("#innovation-press")
    shoot(visitor, "public-stats")
    visitor.close()

    page.goto(base + "/en/manage/")
    page.wait_for_selector("#innovation-figures")
    shoot(page, "console-dashboard")
