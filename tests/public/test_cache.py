"""Public pages and the public API come from the cache until results are published again."""

from django.test import Client

from public import cache
from results.models import ResultRow


def _rename_first_row(published, new_masked: str):
    """A change to the published rows as a republish would make, without telling the cache."""
    ResultRow.objects.filter(pk=published["rows"][0].pk).update(masked_name=new_masked)


def test_leaderboard_page_is_served_from_cache_until_bump(published):
    event = published["events"][0]
    url = f"/events/{event.pk}/leaderboard/"
    assert "王*新" not in Client().get(url).content.decode()
    _rename_first_row(published, "王*新")
    assert "王*新" not in Client().get(url).content.decode()
    cache.bump(event_id=event.pk)
    assert "王*新" in Client().get(url).content.decode()


def test_leaderboard_api_first_page_is_cached_until_bump(api, published):
    event = published["events"][0]
    url = f"/api/v1/public/events/{event.pk}/leaderboard/"
    api.get(url)
    _rename_first_row(published, "王*新")
    assert "王*新" not in api.get(url).content.decode()
    cache.bump(event_id=event.pk)
    assert "王*新" in api.get(url).content.decode()


def test_event_bump_invalidates_its_contest_page_and_home(published):
    contest = published["contest"]
    # the contest's award lists (its page summarises them) share the contest's version
    home, page = Client().get("/").content.decode(), f"/contests/{contest.pk}/awards/"
    Client().get(page)
    _rename_first_row(published, "王*新")
    contest.name = "改名后的竞赛"
    contest.save()
    assert "改名后的竞赛" not in Client().get("/").content.decode()
    cache.bump(event_id=published["events"][0].pk)
    assert "王*新" in Client().get(page).content.decode()
    assert "改名后的竞赛" in Client().get("/").content.decode()
    assert home


def test_cached_page_carries_no_csrf_token_and_links_to_the_other_language(published):
    url = f"/contests/{published['contest'].pk}/"
    first = Client().get(url)
    again = Client().get(url)
    assert again.content == first.content
    assert "csrftoken" not in again.cookies
    assert b"csrfmiddlewaretoken" not in again.content
    assert f'href="/en{url}"'.encode() in again.content


def test_logged_in_pages_are_not_served_from_the_anonymous_cache(published, worker_user):
    url = f"/contests/{published['contest'].pk}/"
    Client().get(url)
    client = Client()
    client.force_login(worker_user)
    assert "/accounts/logout/" in client.get(url).content.decode()
