"""The Content-Security-Policy in a real browser: the site's pages, the officer console
(htmx, the select-all box), the admin and the API docs work with no violation."""

from pathlib import Path

import pytest
from django.db import connections
from playwright.sync_api import expect

from contests.models import Registration
from tests.factories import EventFactory, RegistrationFactory
from tests.judging.factories import AssignmentFactory, JudgeFactory

ARTIFACTS = Path(__file__).resolve().parent.parent / "artifacts"

# Playwright's init scripts are not subject to the page's CSP: this one records violations.
RECORD = """
window.__csp = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.__csp.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`);
});
"""


@pytest.fixture
def watched(browser_page):
    page = browser_page
    page.set_viewport_size({"width": 1280, "height": 900})
    messages: list[str] = []
    page.on(
        "console",
        lambda m: messages.append(m.text) if "Content Security Policy" in m.text else None,
    )
    page.add_init_script(RECORD)
    yield page, messages
    connections.close_all()


def violations(page, messages) -> list[str]:
    return messages + page.evaluate("window.__csp || []")


def log_in(page, url: str, username: str) -> None:
    page.goto(url + "/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", "Str0ng-pass!")
    page.click("form button[type=submit]")
    page.wait_for_url(url + "/**")


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_pages_console_admin_and_api_docs_run_without_csp_violations(
    live_server, watched, officer_a, superuser, union_tree
):
    page, messages = watched
    ARTIFACTS.mkdir(exist_ok=True)
    url = live_server.url
    event = EventFactory(contest__host_union=union_tree[0], name="数控车工")
    AssignmentFactory(event=event, judge=JudgeFactory(union=union_tree[0]), chief=True)
    for _ in range(2):
        RegistrationFactory(
            event=event, worker__employer__union=union_tree[0], status=Registration.Status.PENDING
        )

    # The API docs: Swagger UI from the sidecar's static files, started by a script file.
    page.goto(url + "/api/docs/")
    page.wait_for_selector(".swagger-ui .info .title")
    page.wait_for_selector(".opblock-tag")
    assert "Gongjiang API" in page.inner_text(".swagger-ui .info .title")
    page.screenshot(path=str(ARTIFACTS / "csp-api-docs.png"))

    for path in ["/", "/en/", "/contests/", "/signup/", "/accounts/login/"]:
        page.goto(url + path)

    log_in(page, url, "officer_a")
    page.goto(f"{url}/manage/")
    page.goto(f"{url}/manage/registrations/?contest={event.contest_id}&status=pending")
    boxes = page.locator("#bulk input[name=registrations]")
    assert boxes.count() == 2
    page.check("table.queue thead input[type=checkbox]")  # ticks every entry (console.js)
    assert all(box.is_checked() for box in boxes.all())
    page.screenshot(path=str(ARTIFACTS / "csp-console-queue.png"))
    page.goto(f"{url}/manage/events/{event.pk}/scheme/")
    rows = page.locator("#criteria-rows > *")
    before = rows.count()
    page.click("button[hx-include='#id_criteria-TOTAL_FORMS']")  # htmx adds a row
    # Waited for from Python: Playwright's wait_for_function evaluates a string, which the
    # page's CSP (rightly) refuses as eval.
    expect(rows).to_have_count(before + 1)
    page.goto(f"{url}/manage/events/{event.pk}/judging/")
    assert page.locator("table.progress-table progress.progress").count() >= 1
    page.screenshot(path=str(ARTIFACTS / "csp-console-judging.png"))

    page.context.clear_cookies()
    page.goto(url + "/admin/login/")
    page.fill("#id_username", "root")
    page.fill("#id_password", "Str0ng-pass!")
    page.click("input[type=submit]")
    page.wait_for_url(url + "/admin/")
    page.goto(url + "/admin/workers/worker/")
    page.goto(url + "/admin/unions/union/add/")

    assert violations(page, messages) == []


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_an_injected_inline_script_is_blocked(live_server, watched):
    page, messages = watched
    page.goto(live_server.url + "/")
    page.evaluate(
        """() => { const s = document.createElement("script");
        s.textContent = "window.__ran = true"; document.body.append(s); }"""
    )
    assert page.evaluate("window.__ran === undefined")
    assert any("script-src" in v for v in violations(page, messages))
