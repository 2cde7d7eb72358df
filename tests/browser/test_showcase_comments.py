"""Comments under a showcase post, in a browser: a member comments at phone width (one comment
held by the word filter, one awaiting review), an officer approves the second in the
moderation queue (the held one shows its word marked), three other members report it and it
is hidden. Screenshots at desktop width and at 390 px."""

from pathlib import Path

import pytest
from django.test import Client

from showcase.models import Comment, CommentStatus
from showcase.services import words as word_services
from tests.factories import OfficerFactory, UserFactory, WorkerFactory
from tests.showcase.factories_comments import PostFactory, fresh_word_filter  # noqa: F401

ARTIFACTS = Path(__file__).resolve().parent.parent / "artifacts"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


def _page_as(chromium, live_server, user, viewport):
    context = chromium.new_context(viewport=viewport)
    client = Client()
    client.force_login(user)
    cookie = client.cookies["sessionid"]
    context.add_cookies([{"name": "sessionid", "value": cookie.value, "url": live_server.url}])
    return context.new_page()


def _shot(page, name: str, *, phone: bool) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"showcase-comments-{name}.png"), full_page=True)
    if phone:
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= PHONE["width"], f"{name}: the page is {width}px wide at 390px"


def _write(page, text: str) -> None:
    page.locator("textarea[name=body]").fill(text)
    page.get_by_role("button", name="Post comment").click()
    page.locator(".sc-notice").wait_for()
    assert "awaits review" in page.locator(".sc-notice").inner_text()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("fresh_word_filter")
def test_a_comment_is_held_one_approved_and_one_reported_away(live_server, chromium, union_tree):
    a, b, _c = union_tree
    officer = OfficerFactory(union=a, user__username="officer_mod").user
    word_services.add_words(actor=officer, union=a, words=["代考"])
    post = PostFactory(union=b, title="上海航天工会燃气管道工技能比武圆满落幕")
    member = WorkerFactory(name="张建国", employer__union=b, user__username="member_phone").user
    url = f"{live_server.url}/en/showcase/posts/{post.pk}/comments/"

    phone = _page_as(chromium, live_server, member, PHONE)
    phone.goto(url)
    _write(phone, "群里有人说可以代 考等级证书，大家别信！")
    _write(phone, "向劳模学习，明年我们班组也要报名参赛。")
    _shot(phone, "member-wrote", phone=True)
    held = Comment.objects.get(status=CommentStatus.HELD)
    assert held.matches[0][2] == "代考"
    waiting = Comment.objects.get(status=CommentStatus.PENDING)
    assert phone.locator(".sc-comment").count() == 0  # nothing shown before review

    desk = _page_as(chromium, live_server, officer, DESKTOP)
    desk.goto(f"{live_server.url}/en/manage/showcase/moderation/?queue=held")
    assert desk.locator(".sc-queue mark").inner_text() == "代 考"
    _shot(desk, "queue-held-desktop", phone=False)
    desk.goto(f"{live_server.url}/en/manage/showcase/moderation/?queue=pending")
    desk.locator(f"input[name=comments][value='{waiting.pk}']").check()
    desk.locator("input[name=reason]").fill("内容积极")
    desk.get_by_role("button", name="Approve", exact=True).click()
    desk.locator(".messages").wait_for()
    waiting.refresh_from_db()
    post.refresh_from_db()
    assert waiting.status == CommentStatus.APPROVED and post.comment_count == 1

    phone.goto(url)
    assert phone.locator(".sc-comment .sc-body").inner_text() == waiting.body
    assert "张*国" in phone.locator(".sc-comment .sc-meta").inner_text()
    _shot(phone, "approved", phone=True)

    for i in range(3):
        reporter = UserFactory(username=f"reporter{i}")
        other = _page_as(chromium, live_server, reporter, PHONE)
        other.goto(url)
        other.locator(".sc-report summary").click()
        other.locator("label", has_text="spam or advertising").click()
        if i == 0:
            _shot(other, "report-open", phone=True)
        other.get_by_role("button", name="Send report").click()
        other.locator(".sc-reported").wait_for()
        other.context.close()
    waiting.refresh_from_db()
    post.refresh_from_db()
    assert waiting.status == CommentStatus.HIDDEN and post.comment_count == 0

    phone.goto(url)
    assert phone.locator(".sc-comment").count() == 0
    assert "No comments yet." in phone.locator(".sc-list").inner_text()

    desk.goto(f"{live_server.url}/en/manage/showcase/moderation/?queue=reported")
    assert "3 reports, weight 1.50" in desk.locator(".sc-queue").inner_text()
    _shot(desk, "queue-reported-desktop", phone=False)
    officer_phone = _page_as(chromium, live_server, officer, PHONE)
    officer_phone.goto(f"{live_server.url}/en/manage/showcase/moderation/?queue=reported")
    _shot(officer_phone, "queue-reported-phone", phone=True)
    officer_phone.goto(f"{live_server.url}/en/manage/showcase/moderation/words/")
    _shot(officer_phone, "words-phone", phone=True)
