"""A worker practises on a phone (390 px): one answer right, one wrong (feedback in place with
the key and the explanation), and the wrong one appears in the wrong-answer notebook."""

from pathlib import Path

import pytest
from django.test import Client

from tests.factories import WorkerFactory
from tests.training.practice_factories import make_question
from training.models import QuestionVersion

ARTIFACTS = Path(__file__).resolve().parent.parent / "artifacts"
PHONE = {"width": 390, "height": 844}


def _phone_page(chromium, live_server, user):
    context = chromium.new_context(viewport=PHONE)
    client = Client()
    client.force_login(user)
    cookie = client.cookies["sessionid"]
    context.add_cookies([{"name": "sessionid", "value": cookie.value, "url": live_server.url}])
    return context.new_page()


def _shot(page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"training-practice-{name}.png"), full_page=True)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"{name}: the page is {width}px wide at 390px"


def _on_screen(page) -> QuestionVersion:
    stem = page.locator(".practice-stem").inner_text().strip()
    return QuestionVersion.objects.select_related("question").get(stem=stem)


def _choose(page, version: QuestionVersion, *, right: bool) -> str:
    key = (
        version.answer[0]
        if right
        else next(o["key"] for o in version.options if o["key"] not in version.answer)
    )
    page.locator(f".practice-option:has(input[value='{key}'])").click()
    page.get_by_role("button", name="Submit answer").click()
    return key


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_worker_practises_and_the_wrong_answer_goes_to_the_notebook(
    live_server, chromium, union_tree
):
    a, b, _c = union_tree
    for i in range(2):
        make_question(
            a,
            occupation="燃气管道工",
            topic="安全操作规程",
            stem=f"第{i + 1}题：进入有限空间作业前，应首先进行哪项检测？这道题的题干故意写得很长，"
            "用来检查手机屏幕上是否会出现横向滚动条。",
            options=[
                {"key": "A", "text": "可燃气体和氧含量检测"},
                {"key": "B", "text": "噪声检测"},
                {"key": "C", "text": "照度检测"},
                {"key": "D", "text": "温湿度检测"},
            ],
            answer=("A",),
            explanation="有限空间作业必须先通风、再检测、后作业，检测可燃气体与氧含量。",
        )
    worker = WorkerFactory(employer__union=b, user__username="worker_phone")
    page = _phone_page(chromium, live_server, worker.user)

    page.goto(f"{live_server.url}/en/training/practice/")
    assert page.locator("header.site a", has_text="Practice").count() == 1
    _shot(page, "categories")
    page.locator("button.practice-choice", has_text="燃气管道工").click()
    page.wait_for_url("**/training/practice/question/")
    first = _on_screen(page)
    _shot(page, "question")

    page.evaluate("window.stayed = true")
    _choose(page, first, right=True)
    verdict = page.locator(".practice-verdict")
    verdict.wait_for()
    assert "Right!" in verdict.inner_text()
    assert page.evaluate("window.stayed === true"), "the page reloaded instead of htmx"
    assert "可燃气体" in page.locator(".practice-explanation").inner_text()
    _shot(page, "right")

    page.locator("a.practice-next").click()
    page.locator(".practice-option").first.wait_for()
    second = _on_screen(page)
    assert second != first
    _choose(page, second, right=False)
    page.locator(".practice-verdict.wrong").wait_for()
    assert "A" in page.locator(".practice-key").inner_text()
    _shot(page, "wrong")

    page.goto(f"{live_server.url}/en/training/practice/notebook/")
    notebook = page.locator(".practice-notebook").inner_text()
    assert second.stem[:20] in notebook and first.stem[:20] not in notebook
    _shot(page, "notebook")

    page.goto(f"{live_server.url}/en/training/practice/progress/")
    total = page.locator(".practice-progress div", has_text="Answered in all").locator("dd")
    assert total.inner_text() == "2"
    _shot(page, "progress")
