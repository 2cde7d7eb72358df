"""An officer records a studio's topic, research project and result with a patent and a
benefit in the console, enters the result into a contest, shows it in a published exhibition;
the public pages show it with the author's name masked and the union's report counts it.
Screenshots at 1280 px and 390 px (nothing scrolls sideways on the phone)."""

import pytest
from django.db import connections

from contests.models import Contest, Event
from tests.browser import innovation_steps as steps
from tests.browser.innovation_steps import DESKTOP, shoot
from tests.factories import EventFactory, WorkerFactory
from tests.innovation.factories_results import StudioFactory


@pytest.fixture
def orm_in_browser(browser_page):
    yield
    connections.close_all()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("orm_in_browser")
def test_officer_records_enters_and_exhibits_a_result(
    live_server, browser_page, officer_a, union_tree
):
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

    # A topic, a project under it, and a result of the project.
    steps.record_topic_and_project(page, base, studio)
    result = steps.record_result(page, author=author)

    # A wrong check digit is refused with the reason; the right one is recorded.
    steps.add_patent(page, "ZL201510123456.7", error="The check digit does not match")
    steps.add_patent(page, "ZL 2017 1 0601862.3")
    assert page.locator("#patents", has_text="ZL201710601862.3").count() == 1
    steps.enter_contest(page, event)
    result.refresh_from_db()
    assert result.contest_achievement.registrations.get().event == event
    shoot(page, "console-result")

    page.goto(f"{base}/en/manage/innovation/studios/{studio.pk}/work/")
    shoot(page, "console-studio")

    # The exhibition: created, a section, the result found and added, published.
    exhibition = steps.exhibit(
        page, base, union=union_tree[0], result=result, title="长三角职工创新成果展"
    )
    shoot(page, "console-exhibition")

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
