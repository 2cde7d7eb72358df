"""The showcase in a browser: a correspondent submits a post with an image, an officer returns
it with a reason, it is resubmitted and published; two members like it (a second like from a
stale tab changes nothing); the feed orders by hot and by latest; the contest report shows the
figures. Screenshots at desktop width and at 390 px (nothing scrolls sideways on a phone)."""

import io
from pathlib import Path

import pytest
from django.db import connections
from django.utils import timezone
from PIL import Image

from scoring import hot
from showcase.models import Post, PostStatus
from tests.factories import ContestFactory, EmployerFactory, OfficerFactory, UserFactory
from tests.showcase.factories import CorrespondentFactory, PostFactory

ARTIFACTS = Path(__file__).resolve().parent.parent / "artifacts"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
PASSWORD = "Str0ng-pass!"


@pytest.fixture
def orm_in_browser(browser_page):
    yield
    connections.close_all()


def shoot(page, name: str) -> None:
    page.set_viewport_size(DESKTOP)
    page.screenshot(path=str(ARTIFACTS / f"showcase-{name}-desktop.png"), full_page=True)
    page.set_viewport_size(PHONE)
    page.screenshot(path=str(ARTIFACTS / f"showcase-{name}-390.png"), full_page=True)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"{name} is {width}px wide at 390px"
    page.set_viewport_size(DESKTOP)


def login(chromium, base: str, username: str):
    page = chromium.new_context(viewport=DESKTOP).new_page()
    page.goto(base + "/en/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("form button[type=submit]")
    page.wait_for_url(base + "/**")
    return page


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("orm_in_browser")
def test_a_post_from_submission_to_likes_feed_and_report(
    live_server, chromium, browser_page, settings, tmp_path
):
    ARTIFACTS.mkdir(exist_ok=True)
    settings.MEDIA_ROOT = tmp_path
    settings.GJ_RATE_LIMITS = {**settings.GJ_RATE_LIMITS, "enabled": False}
    base = live_server.url
    unit = EmployerFactory(name="上海燃气第一工程公司")
    OfficerFactory(union=unit.union, user__username="officer_post")
    CorrespondentFactory(employer=unit, user__username="tongxun")
    for name in ("member_a", "member_b"):
        UserFactory(username=name)
    contest = ContestFactory(host_union=unit.union, status="published", name="燃气管道工竞赛")
    earlier = timezone.now() - timezone.timedelta(hours=5)
    PostFactory(
        title="五小时前的热门稿件", employer=unit, contest=contest, published_at=earlier,
        like_count=50, hot_score=hot.score(50, earlier), hot_base=hot.time_part(earlier),
    )  # fmt: skip
    photo = tmp_path / "photo.jpg"
    buf = io.BytesIO()
    Image.new("RGB", (2400, 1600), (200, 60, 40)).save(buf, "JPEG")
    photo.write_bytes(buf.getvalue())

    # The correspondent writes with an image and submits.
    writer = login(chromium, base, "tongxun")
    writer.goto(base + "/en/showcase/mine/new/")
    writer.select_option("#id_kind", "exemplary")
    writer.fill("#id_title", "金牌职工的一天")
    writer.fill("#id_body", "他在管网一线工作二十年。\n\n<script>alert(1)</script>听声辨漏。")
    writer.select_option("#id_employer", str(unit.pk))
    writer.select_option("#id_contest", str(contest.pk))
    writer.set_input_files("#id_image", str(photo))
    shoot(writer, "editor")
    writer.click("#post-form button[name=submit][value='1']")
    writer.wait_for_selector("#post-status")
    post = Post.objects.get(title="金牌职工的一天")
    assert post.status == PostStatus.SUBMITTED and post.images.count() == 1
    assert "<script" not in post.body

    # The officer returns it with a reason.
    officer = login(chromium, base, "officer_post")
    officer.goto(base + "/en/manage/showcase/posts/")
    officer.click(f"#post-{post.pk} a")
    officer.wait_for_selector("#return-form")
    shoot(officer, "review")
    officer.fill("#return-form textarea", "请补充获奖情况")
    officer.click("#return-form button[type=submit]")
    officer.wait_for_selector(".sc-return")

    # The correspondent reads the reason, edits and resubmits.
    writer.goto(f"{base}/en/showcase/mine/{post.pk}/")
    assert "请补充获奖情况" in writer.inner_text("#return-reason")
    writer.fill("#id_title", "金牌职工的一天（获奖）")
    writer.click("#post-form button[name=submit][value='1']")
    writer.wait_for_selector("#post-status")
    post.refresh_from_db()
    assert post.status == PostStatus.SUBMITTED

    # The officer publishes it now.
    officer.goto(f"{base}/en/manage/showcase/posts/{post.pk}/")
    officer.click("#publish-form button[type=submit]")
    officer.wait_for_selector("#withdraw-form")
    post.refresh_from_db()
    assert post.status == PostStatus.PUBLISHED

    # Two members like it; a second like from a stale tab changes nothing.
    member = login(chromium, base, "member_a")
    stale = member.context.new_page()
    url = f"{base}/en/showcase/posts/{post.pk}/"
    member.goto(url)
    stale.goto(url)
    member.click(".sc-like-button")
    member.wait_for_selector(".sc-like-button.liked")
    assert member.inner_text(".sc-like-count") == "1"
    stale.click(".sc-like-button")
    stale.wait_for_selector(".sc-like-button.liked")
    assert stale.inner_text(".sc-like-count") == "1"
    other = login(chromium, base, "member_b")
    other.goto(url)
    other.click(".sc-like-button")
    other.wait_for_selector(".sc-like-button.liked")
    assert other.inner_text(".sc-like-count") == "2"
    assert member.locator(".sc-images img").count() == 1
    shoot(other, "post")

    # The feed: hot puts the older, much-liked post first; latest the new one.
    other.goto(base + "/en/showcase/?order=hot")
    titles = other.locator(".sc-title").all_inner_texts()
    assert titles[:2] == ["五小时前的热门稿件", "金牌职工的一天（获奖）"]
    shoot(other, "feed-hot")
    other.click("#order-latest")
    other.wait_for_url("**order=latest**")
    titles = other.locator(".sc-title").all_inner_texts()
    assert titles[:2] == ["金牌职工的一天（获奖）", "五小时前的热门稿件"]

    # The officer's pages: correspondents, and likes by unit (in Chinese, the default).
    officer.goto(base + "/manage/showcase/correspondents/")
    assert "tongxun" in officer.inner_text("table.sc-correspondents")
    shoot(officer, "correspondents")
    officer.goto(base + "/manage/showcase/likes/")
    assert officer.locator("table.sc-farming tbody tr").count() == 2
    shoot(officer, "likes")

    # The contest report counts the posts and likes.
    browser_page.goto(f"{base}/en/contests/{contest.pk}/report/")
    assert browser_page.inner_text("#sc-posts") == "2"
    assert browser_page.inner_text("#sc-likes") == "52"
    shoot(browser_page, "report")
