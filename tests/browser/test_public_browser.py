"""A visitor on a phone: home → contest → event leaderboard → filter → English."""

from pathlib import Path

import pytest

ARTIFACTS = Path(__file__).resolve().parent.parent / "artifacts"


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_visitor_follows_contest_to_filtered_leaderboard_in_english(
    live_server, published, browser_page
):
    ARTIFACTS.mkdir(exist_ok=True)
    contest = published["contest"]
    event = published["events"][0]
    foreign = published["employers"][1].name
    hidden = [r.display_name for r in published["rows"]]
    page = browser_page

    page.goto(live_server.url + "/")
    page.screenshot(path=str(ARTIFACTS / "public-1-home.png"), full_page=True)
    page.click(f"a.pub-contest-link:has-text('{contest.name}')")
    assert page.url.endswith(f"/contests/{contest.pk}/")
    page.screenshot(path=str(ARTIFACTS / "public-2-contest.png"), full_page=True)

    page.click(f"a.pub-event-link:has-text('{event.name}')")
    assert f"/events/{event.pk}/leaderboard/" in page.url
    assert page.locator("table.pub-leaderboard tbody tr").count() == 9
    assert page.locator("figure.pub-chart rect").count() == 10

    page.select_option("select[name=employer_kind]", "foreign")
    page.click("#leaderboard-filters button[type=submit]")
    page.wait_for_url("**employer_kind=foreign**")
    employers = page.locator("table.pub-leaderboard tbody tr td:nth-child(4)").all_inner_texts()
    assert employers and set(employers) == {foreign}
    page.screenshot(path=str(ARTIFACTS / "public-3-filtered.png"), full_page=True)

    page.click("#switch-language")
    page.wait_for_url("**/en/events/**")
    assert "employer_kind=foreign" in page.url
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator("th", has_text="Work unit").count() == 1
    page.screenshot(path=str(ARTIFACTS / "public-4-english.png"), full_page=True)
    text = page.content()
    assert not [name for name in hidden if name in text]
