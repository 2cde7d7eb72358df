"""At phone width (390 px) the leaderboard, "my results" and the award lists keep the
columns that matter (total, award) on screen, the page never scrolls sideways, and the
objection form is not inside a table (issue 12.11)."""

from pathlib import Path

import pytest
from django.test import Client

from results.models import ResultRow

ARTIFACTS = Path(__file__).resolve().parent.parent / "artifacts"
PHONE = {"width": 390, "height": 844}

# Edges of the cells of the named columns ("Total", "Award") of every body row of every
# table that has them (English pages: the headings are msgids).
CELLS_JS = """(names) => {
  const out = [];
  for (const table of document.querySelectorAll('table')) {
    const heads = [...table.querySelectorAll('thead th')].map(t => t.textContent.trim());
    const cols = names.map(h => heads.indexOf(h));
    if (cols.includes(-1)) continue;
    for (const tr of table.querySelectorAll('tbody tr')) {
      for (const i of cols) {
        const r = tr.children[i].getBoundingClientRect();
        out.push({text: tr.children[i].textContent.trim(), left: r.left, right: r.right,
                  width: r.width});
      }
    }
  }
  return out;
}"""


@pytest.fixture
def long_names(published):
    # result rows carry the unit's name as it was at computation
    ResultRow.objects.update(employer_name="上海松江城市燃气管理所第一分公司管网运行维护中心")
    return published


def _phone_page(chromium, live_server, user=None):
    context = chromium.new_context(viewport=PHONE)
    if user is not None:
        client = Client()
        client.force_login(user)
        cookie = client.cookies["sessionid"]
        context.add_cookies([{"name": "sessionid", "value": cookie.value, "url": live_server.url}])
    return context.new_page()


def _check(page, name: str, *, min_cells: int, columns=("Total", "Award")) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"public-phone-{name}.png"), full_page=True)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"{name}: the page is {width}px wide at 390px"
    cells = page.evaluate(CELLS_JS, list(columns))
    assert len(cells) >= min_cells, f"{name}: no total/award columns found"
    off = [c for c in cells if c["width"] <= 0 or c["right"] > PHONE["width"] or c["left"] < 0]
    assert not off, f"{name}: cells off screen at 390px: {off[:4]}"


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_leaderboard_keeps_total_and_award_on_a_phone(live_server, long_names, chromium):
    page = _phone_page(chromium, live_server)
    page.goto(f"{live_server.url}/en/events/{long_names['events'][0].pk}/leaderboard/")
    _check(page, "leaderboard", min_cells=18)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_award_lists_keep_the_award_on_a_phone(live_server, long_names, chromium):
    page = _phone_page(chromium, live_server)
    page.goto(f"{live_server.url}/en/contests/{long_names['contest'].pk}/awards/")
    _check(page, "awards", min_cells=4, columns=("Award",))


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_my_results_keep_total_award_and_objection_form_on_a_phone(
    live_server, long_names, chromium
):
    worker = long_names["rows"][0].registration.worker
    page = _phone_page(chromium, live_server, worker.user)
    page.goto(f"{live_server.url}/en/me/results/")
    _check(page, "my-results", min_cells=2)
    form = page.locator("form.pub-objection").first
    assert form.evaluate("f => f.closest('table') === null"), "objection form inside a table"
    box = form.bounding_box()
    assert box and box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
    assert form.locator("button").is_visible()
