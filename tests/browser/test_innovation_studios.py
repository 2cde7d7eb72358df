"""A studio from registration to its first level, in the browser: an officer registers it and
opens a seven-haves rating; its leader fills the seven criteria on a phone (one with an
evidence file) and submits; a reviewer finds one criterion unmet (no level), the leader
revises, the reviewer finds all met (the level is granted, and shown on the public page)."""

import pytest

from innovation.models.ratings import Rating, RatingStatus
from tests.browser import innovation_steps as steps
from tests.browser.innovation_steps import DESKTOP, PHONE
from tests.factories import EmployerFactory, OfficerFactory, WorkerFactory
from tests.innovation.factories_studios import AllianceFactory, ReviewerFactory, seven_haves


def _page(chromium, live_server, user, viewport):
    return steps.signed_in(chromium, live_server, user, viewport)


def _shot(page, name: str, viewport) -> None:
    steps.shot(page, f"studios-{name}", viewport)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_register_assess_review_unmet_then_all_met(live_server, chromium, tmp_path):
    seven_haves()  # the standard the rating form offers
    officer = OfficerFactory(user__username="officer_studios")
    employer = EmployerFactory(union=officer.union, name="浦东燃气集团")
    leader = WorkerFactory(employer=employer, name="王建国", user__username="leader_studios")
    reviewer = ReviewerFactory(union=officer.union, name="评审专家甲")

    # The officer registers the studio and opens a rating.
    console = _page(chromium, live_server, officer.user, DESKTOP)
    studio = steps.register_studio(
        console,
        live_server.url,
        union=officer.union,
        employer=employer,
        leader=leader,
        name="王建国劳模创新工作室",
    )
    rating = steps.open_rating(console, studio, level="city")
    console.goto(f"{live_server.url}/en/manage/innovation/studios/{studio.pk}/")
    _shot(console, "console-studio", DESKTOP)

    # The leader fills the seven criteria on a phone, one with a file, and submits.
    evidence = tmp_path / "荣誉证书.pdf"
    evidence.write_bytes(b"%PDF-1.4\n% a certificate\n")
    phone = _page(chromium, live_server, leader.user, PHONE)
    steps.self_assess(
        phone, live_server.url, rating, evidence=evidence, link_name="王建国劳模创新工作室 · 2026"
    )
    assert phone.locator("#criterion-model-worker-leads a", has_text="荣誉证书.pdf").count() == 1
    _shot(phone, "assess-phone", PHONE)
    steps.submit_for_review(phone)
    assert Rating.objects.get(pk=rating.pk).status == RatingStatus.SUBMITTED

    # The reviewer finds the funding criterion unmet: no level.
    review = _page(chromium, live_server, reviewer.user, DESKTOP)
    review.goto(f"{live_server.url}/en/innovation/reviews/")
    review.get_by_role("link", name="王建国劳模创新工作室").click()
    _shot(review, "review-desktop", DESKTOP)
    steps.review(review, rating, unmet="funding")
    studio.refresh_from_db()
    assert Rating.objects.get(pk=rating.pk).status == RatingStatus.REVISE
    assert studio.level is None

    # The leader revises the funding criterion and submits again.
    steps.revise(
        phone, live_server.url, rating, code="funding", statement="企业每年列支专项经费 30 万元。"
    )

    # The reviewer finds all met: the level is granted, dated, by the rating union.
    review_phone = _page(chromium, live_server, reviewer.user, PHONE)
    review_phone.goto(f"{live_server.url}/en/innovation/reviews/{rating.pk}/")
    _shot(review_phone, "review-phone", PHONE)
    steps.review(review_phone, rating, unmet=None)
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
