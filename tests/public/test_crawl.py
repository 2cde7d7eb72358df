"""The public-data crawl: every public page and public API endpoint, anonymous, carries no
ID number, phone or full name of any worker."""

import re
from collections import deque

import pytest
from django.test import Client

from workers.models import Worker

HREF = re.compile(r'href="(/[^"#]*)"')
SKIP = (
    "/admin/",
    "/en/admin/",
    "/accounts/",
    "/en/accounts/",
    "/i18n/",
    "/static/",
    "/api/docs/",
    "/api/schema/",
    "/signup/",
    "/en/signup/",
    "/me/",
    "/en/me/",
    "/judge/",
    "/en/judge/",
)


def _forbidden() -> list[str]:
    out = []
    for name, id_number, phone in Worker.objects.values_list("name", "id_number", "phone"):
        out += [name, id_number] + ([phone] if phone else [])
    return out


def _text(response) -> str:
    if response["Content-Type"].startswith("application/vnd.openxmlformats"):
        from io import BytesIO

        from openpyxl import load_workbook

        wb = load_workbook(BytesIO(response.content))
        return " ".join(str(c.value) for ws in wb for r in ws.iter_rows() for c in r if c.value)
    return response.content.decode()


def _crawl(client: Client, start: list[str]) -> dict[str, str]:
    seen: dict[str, str] = {}
    queue = deque(start)
    while queue:
        url = queue.popleft()
        if url in seen or url.startswith(SKIP):
            continue
        response = client.get(url)
        assert response.status_code == 200, url
        body = _text(response)
        seen[url] = body
        if response["Content-Type"].startswith("text/html"):
            for link in HREF.findall(body):
                link = link.replace("&amp;", "&")
                if link not in seen and len(seen) < 400:
                    queue.append(link)
    return seen


def test_crawl_of_public_pages_and_api_shows_no_personal_data(published):
    contest, events = published["contest"], published["events"]
    api = [f"/api/v1/public/events/{e.pk}/leaderboard/" for e in events]
    api += [f"/api/v1/public/events/{e.pk}/leaderboard/?tier=一等奖" for e in events]
    api += [
        f"/api/v1/public/contests/{contest.pk}/awards/",
        f"/api/v1/contests/{contest.pk}/report/",
    ]
    pages = _crawl(Client(), ["/", "/en/", *api])
    # The crawl reached every kind of public page by following links.
    kinds = {"/series/", "/contests/", "/events/", "/awards/", "/report/", "/en/"}
    assert all(any(k in url for url in pages) for k in kinds), sorted(pages)
    forbidden = _forbidden()
    assert len(forbidden) >= 3 * 13
    leaks = [(url, word) for url, body in pages.items() for word in forbidden if word in body]
    assert leaks == []


def test_crawl_sees_masked_names(published):
    row = published["rows"][0]
    body = Client().get(f"/events/{row.snapshot.event_id}/leaderboard/").content.decode()
    assert row.masked_name in body
    assert row.display_name not in body


@pytest.mark.parametrize("path", ["/contests/{c}/report.xlsx"])
def test_report_download_is_public_and_has_no_names(published, path):
    from io import BytesIO

    from openpyxl import load_workbook

    response = Client().get(path.format(c=published["contest"].pk))
    assert response.status_code == 200
    wb = load_workbook(BytesIO(response.content))
    text = " ".join(str(c.value) for ws in wb for r in ws.iter_rows() for c in r if c.value)
    assert "非公企业" in text
    assert not [w for w in _forbidden() if w in text]
