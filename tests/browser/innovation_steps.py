"""Steps of the innovation browser tests, shared by the studio, results and whole-flow tests:
a signed-in page, screenshots at both widths, registering a studio, the leader's
self-assessment, a review, recording a studio's work, entering a result into a contest, and
showing it in a published exhibition. Each step drives the pages and waits for their answer;
the tests make the assertions that are theirs."""

from __future__ import annotations

import re
from pathlib import Path

from django.test import Client

from innovation.models import Exhibition, InnovationResult
from innovation.models.ratings import Rating
from innovation.models.studios import Studio

ARTIFACTS = Path(__file__).resolve().parent.parent / "artifacts"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
SLOW_MS = 90_000


def signed_in(chromium, live_server, user, viewport=DESKTOP):
    """A page in a context of its own (its own cookies), signed in as `user` (or anonymous
    when `user` is None)."""
    context = chromium.new_context(viewport=viewport)
    if user is not None:
        client = Client()
        client.force_login(user)
        cookie = client.cookies["sessionid"]
        context.add_cookies([{"name": "sessionid", "value": cookie.value, "url": live_server.url}])
    return context.new_page()


def shot(page, name: str, viewport=None) -> None:
    """One screenshot at the page's width (nothing may scroll sideways)."""
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"innovation-{name}.png"), full_page=True)
    width = page.evaluate("document.documentElement.scrollWidth")
    limit = (viewport or page.viewport_size)["width"]
    assert width <= limit, f"{name}: the page is {width}px wide"


def shoot(page, name: str) -> None:
    """Screenshots at 1280 px and at 390 px; the page is left at 1280 px."""
    page.set_viewport_size(DESKTOP)
    shot(page, f"{name}-desktop", DESKTOP)
    page.set_viewport_size(PHONE)
    shot(page, f"{name}-390", PHONE)
    page.set_viewport_size(DESKTOP)


def register_studio(page, base: str, *, union, employer, leader, name: str) -> Studio:
    """The officer registers a studio in the console; its console page is left open."""
    page.goto(f"{base}/en/manage/innovation/studios/new/")
    page.select_option("#id_union", str(union.pk))
    page.fill("#id_name", name)
    page.select_option("#id_employer", str(employer.pk))
    page.fill("#id_leader_id", str(leader.pk))
    page.fill("#id_leader_titles", "全国劳动模范")
    page.fill("#id_field", "燃气管网运行")
    page.fill("#id_founded_on", "2018-04-28")
    page.get_by_role("button", name="Register").click()
    page.wait_for_url(re.compile(r".*/manage/innovation/studios/\d+/$"), timeout=SLOW_MS)
    return Studio.objects.get(name=name)


def open_rating(page, studio: Studio, *, level: str) -> Rating:
    """From the studio's console page, the officer opens a rating for `level`."""
    page.select_option("#rating-form select[name=level_sought]", level)
    page.locator("#rating-form").get_by_role("button", name="Open the rating").click()
    page.wait_for_url(re.compile(r".*/manage/innovation/ratings/\d+/$"), timeout=SLOW_MS)
    return Rating.objects.get(studio=studio)


def self_assess(page, base: str, rating: Rating, *, evidence: Path, link_name: str) -> None:
    """The leader fills the seven criteria (the first with a link and an evidence file)."""
    page.goto(f"{base}/en/innovation/my-studios/")
    page.get_by_role("link", name=link_name).click()
    for n, assessment in enumerate(rating.assessments.order_by("criterion__order")):
        section = page.locator(f"#criterion-{assessment.criterion.code}")
        section.locator("textarea").fill(f"{assessment.criterion.title}：已具备。")
        if n == 0:
            section.locator("input[name$='-link']").fill("https://example.cn/honours")
            section.locator("input[type=file]").set_input_files(str(evidence))
        section.get_by_role("button", name="Save").click()
        page.wait_for_load_state()


def submit_for_review(page) -> None:
    page.get_by_role("button", name="Submit for review").click()
    page.wait_for_load_state()


def revise(page, base: str, rating: Rating, *, code: str, statement: str) -> None:
    """The leader rewrites one criterion the reviewer found unmet and submits again."""
    page.goto(f"{base}/en/innovation/assess/{rating.pk}/")
    section = page.locator(f"#criterion-{code}")
    assert section.locator(".badge", has_text="not met").count() == 1
    section.locator("textarea").fill(statement)
    section.get_by_role("button", name="Save").click()
    page.wait_for_load_state()
    submit_for_review(page)


def review(page, rating: Rating, *, unmet: str | None) -> None:
    """The reviewer's verdicts on the open review page: all met but `unmet`."""
    for criterion in rating.standard.criteria.all():
        value = "0" if criterion.code == unmet else "1"
        page.locator(f"#verdict-{criterion.code} input[value='{value}']").check()
        if criterion.code == unmet:
            page.locator(f"#verdict-{criterion.code} input[type=text]").fill("经费来源未落实")
    page.get_by_role("button", name="Record the review").click()
    page.wait_for_load_state()


def record_topic_and_project(page, base: str, studio: Studio) -> None:
    """From the console's work list, a topic and a completed research project under it."""
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


def record_result(page, *, author) -> InnovationResult:
    """From the studio's work page, a result of the project, applied, with its benefit;
    the result's page is left open (with its patent form)."""
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
    return InnovationResult.objects.get(title="管网泄漏声波定位仪")


def add_patent(page, number: str, *, error: str | None = None) -> None:
    """A patent number on the result's page: refused with `error`, or recorded."""
    page.fill("#id_patent-number", number)
    page.click("#patent-form button[type=submit]")
    if error:
        page.wait_for_selector(f"text={error}")
    else:
        page.wait_for_selector("#patents >> text=ZL")


def enter_contest(page, event) -> None:
    """On the result's page: the result entered into an achievement event."""
    page.select_option("#id_enter-event", str(event.pk))
    page.click("#enter-form button[type=submit]")
    page.wait_for_selector("#entered")


def exhibit(page, base: str, *, union, result: InnovationResult, title: str) -> Exhibition:
    """An exhibition of `union`: created, one section, the result found and added,
    published; its console page is left open."""
    page.goto(base + "/en/manage/innovation/exhibitions/")
    page.select_option("#id_union", str(union.pk))
    page.fill("#id_title", title)
    page.click("#exhibition-form button[type=submit]")
    page.wait_for_selector("#section-form")
    page.fill("#id_section-title", "智能制造与数字化")
    page.click("#section-form button[type=submit]")
    page.wait_for_selector("#result-search")
    page.fill("#result-search input[name=q]", result.title[-4:])
    page.click("#result-search button[type=submit]")
    page.wait_for_selector(f"#found >> text=#{result.pk}")
    page.select_option("#id_item-section", label="智能制造与数字化")
    page.fill("#id_item-result", str(result.pk))
    page.click("#item-form button[type=submit]")
    page.wait_for_selector(f"text={result.title}")
    page.click("#publish-form button[type=submit]")
    page.wait_for_selector("#published")
    return Exhibition.objects.get(title=title)
