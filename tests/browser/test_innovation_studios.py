"""A studio from registration to its first level, in the browser: an officer registers it and
opens a seven-haves rating; its leader fills the seven criteria on a phone (one with an
evidence file) and submits; a reviewer finds one criterion unmet (no level), the leader
revises, the reviewer finds all met (the level is granted, and shown on the public page)."""

from pathlib import Path

import pytest
from django.test import Client

from innovation.models.ratings import Rating, RatingStatus
from innovation.models.studios import Studio
from tests.factories import EmployerFactory, OfficerFactory, WorkerFactory
from tests.innovation.factories_studios import AllianceFactory, ReviewerFactory

ARTIFACTS = Path(__file__).resolve().parent.parent / "artifacts"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


def _page(chromium, live_server, user, viewport):
    context = chromium.new_context(viewport=viewport)
    client = Client()
    client.force_login(user)
    cookie = client.cookies["sessionid"]
    context.add_cookies([{"name": "sessionid", "value": cookie.value, "url": live_server.url}])
    return context.new_page()


def _shot(page, name: str, viewport) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"innovation-studios-{name}.png"), full_page=True)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= viewport["width"], f"{name}: the page is {width}px wide"


def _review(page, rating: Rating, *, unmet: str | None) -> None:
    for criterion in rating.standard.criteria.all():
        value = "0" if criterion.code == unmet else "1"
        page.locator(f"#verdict-{criterion.code} input[value='{value}']").check()
        if criterion.code == unmet:
            page.locator(f"#verdict-{criterion.code} input[type=text]").fill("经费来源未落实")
    page.get_by_role("button", name="Record the review").click()
    page.wait_for_load_state()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_register_assess_review_unmet_then_all_met(live_server, chromium, tmp_path):
    officer = OfficerFactory(user__username="officer_studios")
    employer = EmployerFactory(union=officer.union, name="浦东燃气集团")
    leader = WorkerFactory(employer=employer, name="王建国", user__username="leader_studios")
    reviewer = ReviewerFactory(union=officer.union, name="评审专家甲")

    # The officer registers the studio and opens a rating.
    console = _page(chromium, live_server, officer.user, DESKTOP)
    console.goto(f"{live_server.url}/en/manage/innovation/studios/new/")
    console.select_option("#id_union", str(officer.union.pk))
    console.fill("#id_name", "王建国劳模创新工作室")
    console.select_option("#id_employer", str(employer.pk))
    console.fill("#id_leader_id", str(leader.pk))
    console.fill("#id_leader_titles", "全国劳动模范")
    console.fill("#id_field", "燃气管网运行")
    console.fill("#id_founded_on", "2018-04-28")
    _shot(console, "console-register", DESKTOP)
    console.get_by_role("button", name="Register").click()
    console.wait_for_url("**/manage/innovation/studios/*/")
    studio = Studio.objects.get(name="王建国劳模创新工作室")
    console.select_option("#rating-form select[name=level_sought]", "city")
    console.locator("#rating-form").get_by_role("button", name="Open the rating").click()
    console.wait_for_url("**/manage/innovation/ratings/*/")
    rating = Rating.objects.get(studio=studio)
    console.goto(f"{live_server.url}/en/manage/innovation/studios/{studio.pk}/")
    _shot(console, "console-studio", DESKTOP)

    # The leader fills the seven criteria on a phone, one with a file, and submits.
    evidence = tmp_path / "荣誉证书.pdf"
    evidence.write_bytes(b"%PDF-1.4\n% a certificate\n")
    phone = _page(chromium, live_server, leader.user, PHONE)
    phone.goto(f"{live_server.url}/en/innovation/my-studios/")
    phone.get_by_role("link", name="王建国劳模创新工作室 · 2026").click()
    for n, assessment in enumerate(rating.assessments.order_by("criterion__order")):
        section = phone.locator(f"#criterion-{assessment.criterion.code}")
        section.locator("textarea").fill(f"{assessment.criterion.title}：已具备。")
        if n == 0:
            section.locator("input[name$='-link']").fill("https://example.cn/honours")
            section.locator("input[type=file]").set_input_files(str(evidence))
        section.get_by_role("button", name="Save").click()
        phone.wait_for_load_state()
    assert phone.locator("#criterion-model-worker-leads a", has_text="荣誉证书.pdf").count() == 1
    _shot(phone, "assess-phone", PHONE)
    phone.get_by_role("button", name="Submit for review").click()
    phone.wait_for_load_state()
    assert Rating.objects.get(pk=rating.pk).status == RatingStatus.SUBMITTED

    # The reviewer finds the funding criterion unmet: no level.
    review = _page(chromium, live_server, reviewer.user, DESKTOP)
    review.goto(f"{live_server.url}/en/innovation/reviews/")
    review.get_by_role("link", name="王建国劳模创新工作室").click()
    _shot(review, "review-desktop", DESKTOP)
    _review(review, rating, unmet="funding")
    studio.refresh_from_db()
    assert Rating.objects.get(pk=rating.pk).status == RatingStatus.REVISE
    assert studio.level is None

    # The leader revises the funding criterion and submits again.
    phone.goto(f"{live_server.url}/en/innovation/assess/{rating.pk}/")
    funding = phone.locator("#criterion-funding")
    assert funding.locator(".badge", has_text="not met").count() == 1
    funding.locator("textarea").fill("企业每年列支专项经费 30 万元。")
    funding.get_by_role("button", name="Save").click()
    phone.wait_for_load_state()
    phone.get_by_role("button", name="Submit for review").click()
    phone.wait_for_load_state()

    # The reviewer finds all met: the level is granted, dated, by the rating union.
    review_phone = _page(chromium, live_server, reviewer.user, PHONE)
    review_phone.goto(f"{live_server.url}/en/innovation/reviews/{rating.pk}/")
    _shot(review_phone, "review-phone", PHONE)
    _review(review_phone, rating, unmet=None)
    studio.refresh_from_db()
    assert studio.level == "city"
    assert studio.level_grants.get().union == officer.union
    assert Rating.objects.get(pk=rating.pk).reviews.count() == 2

    public = _page(chromium, live_server, leader.user, PHONE)
    public.goto(f"{live_server.url}/en/innovation/studios/{studio.pk}/")
    assert public.locator("#studio-level").inner_text().strip() == "city level"
    assert "王建国" not in public.locator("main, body").first.inner_text().replace("王建国劳模", "")
    _shot(public, "public-studio-phone", PHONE)
    public.goto(f"{live_server.url}/en/innovation/studios/")
    _shot(public, "public-list-phone", PHONE)
    desktop = _page(chromium, live_server, leader.user, DESKTOP)
    desktop.goto(f"{live_server.url}/en/innovation/studios/{studio.pk}/")
    _shot(desktop, "public-studio-desktop", DESKTOP)

    alliance = AllianceFactory(convener=officer.union, name="长三角劳模工匠创新工作室联盟")
    alliance.memberships.create(studio=studio, joined_on="2019-08-20")
    public.goto(f"{live_server.url}/en/innovation/alliances/{alliance.slug}/")
    assert "王建国" not in public.locator("body").inner_text().replace("王建国劳模", "")
    _shot(public, "public-alliance-phone", PHONE)
    console_phone = _page(chromium, live_server, officer.user, PHONE)
    console_phone.goto(f"{live_server.url}/en/manage/innovation/studios/{studio.pk}/")
    _shot(console_phone, "console-studio-phone", PHONE)
