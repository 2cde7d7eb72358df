"""Translations: the catalogues are the only source, the API speaks the caller's language, and
a Chinese page shows no English msgid of the project."""

import datetime as dt
import importlib.util
import io
import os
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.test import Client

from core.models import User
from core.validators import make_id_number
from tests.factories import EmployerFactory

ROOT = Path(__file__).resolve().parents[2]
_spec = importlib.util.spec_from_file_location("messages", ROOT / "scripts" / "messages.py")
messages = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(messages)

GETTEXT = all(shutil.which(tool) for tool in ("xgettext", "msgmerge", "msgfmt"))
needs_gettext = pytest.mark.skipif(
    not GETTEXT and os.environ.get("CI") != "true", reason="gettext tools are not installed"
)


def test_every_app_has_a_chinese_catalogue():
    from django.apps import apps

    own_apps = {a.label for a in apps.get_app_configs() if Path(a.path).parent == ROOT}
    names = {p.relative_to(ROOT).parts[0] for p in messages.catalogues()}
    assert names == own_apps | {"locale"}


def test_every_chinese_entry_is_translated_once_and_compiled():
    assert messages.untranslated() + messages.uncompiled() == []


@needs_gettext
def test_catalogues_are_what_make_messages_makes_and_msgfmt_accepts():
    assert messages.stale() + messages.invalid() == []


# --- The API speaks the caller's language ---------------------------------------------------

REGISTER = "/api/v1/auth/register/"


def _bad_registration(api, **headers):
    valid = make_id_number("310104", dt.date(1988, 2, 29), 123)
    data = {
        "username": "wang_xb",
        "password": "Gas-pipe-2019!",
        "name": "王小兵",
        "id_number": valid[:-1] + ("1" if valid[-1] == "0" else "0"),  # a wrong check character
        "phone": "13812345678",
        "employer": EmployerFactory().pk,
        "occupation": "燃气管道工",
        "skill_grade": 3,
    }
    response = api.post(REGISTER, data, **headers)
    assert response.status_code == 400
    assert response["Vary"] and "Accept-Language" in response["Vary"]
    return response, " ".join(str(m) for m in response.data["id_number"])


@pytest.mark.django_db
def test_api_answers_in_english_to_accept_language_en(api):
    response, message = _bad_registration(api, HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9")
    assert message == "The check character of this ID number is wrong."
    assert response["Content-Language"] == "en"


@pytest.mark.django_db
def test_api_answers_in_chinese_by_default(api):
    response, message = _bad_registration(api)
    assert message == "身份证号校验位不正确。"
    assert response["Content-Language"] == "zh-hans"


@pytest.mark.django_db
def test_api_answers_in_chinese_to_accept_language_zh(api):
    assert (
        _bad_registration(api, HTTP_ACCEPT_LANGUAGE="zh-CN,zh;q=0.9")[1] == "身份证号校验位不正确。"
    )


@pytest.mark.django_db
def test_pages_follow_the_url_not_accept_language(client):
    zh = client.get("/", HTTP_ACCEPT_LANGUAGE="en")
    en = client.get("/en/", HTTP_ACCEPT_LANGUAGE="zh-CN")
    assert zh["Content-Language"] == "zh-hans" and en["Content-Language"] == "en"
    assert 'href="/en/"' in zh.content.decode() and 'href="/"' in en.content.decode()


# --- Chinese pages show no English msgid ------------------------------------------------------


def english_msgids() -> set[str]:
    """The project's msgids that Chinese pages must never show as they are."""
    found = set()
    for po in messages.catalogues():
        for e in messages.entries(po)[1:]:
            if e["msgstr"][0] != e["msgid"] and re.search("[A-Za-z]", e["msgid"]):
                found.add(e["msgid"])
                if e["msgid_plural"]:
                    found.add(e["msgid_plural"])
    return found


class VisibleText(HTMLParser):
    """Text a reader sees (text, placeholders, labels), outside elements marked in another
    language (lang="en": the brand's Latin name, the link to the English page)."""

    SHOWN = ("placeholder", "aria-label", "title", "alt")

    def __init__(self):
        super().__init__()
        self.parts: list[str] = []
        self.other: list[str] = []  # tags of open elements in another language
        self.skip = 0  # inside <script> or <style>

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in ("script", "style"):
            self.skip += 1
        if attrs.get("lang") and not attrs["lang"].startswith("zh"):
            self.other.append(tag)
        if not self.other:
            self.parts += [attrs[a] for a in self.SHOWN if attrs.get(a)]

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self.skip -= 1
        if self.other and self.other[-1] == tag:
            self.other.pop()

    def handle_data(self, data):
        if not self.other and not self.skip and data.strip():
            self.parts.append(data)


def untranslated_on(html: str, msgids: set[str]) -> set[str]:
    parser = VisibleText()
    parser.feed(html)
    pieces = set()
    for part in parser.parts:
        pieces |= {p.strip() for p in re.split(r"[:：·|–—,，()（）›‹\n]", part)}
    return {p for p in pieces if p in msgids}


@pytest.fixture
def demo(db):
    from console.management.commands.load_demo import STEPS
    from contests.models import Event
    from public import cache

    for name in STEPS:
        importlib.import_module(name).load(out=io.StringIO(), options={"workers": 400, "seed": 1})
    # Publishing bumps the public cache on commit, which a test's transaction never reaches.
    for event_id, contest_id in Event.objects.values_list("pk", "contest_id"):
        cache.bump(event_id=event_id, contest_id=contest_id)


HREF = re.compile(r'href="(/[^"?#]*)"')
NOT_PAGES = ("/en/", "/admin/", "/accounts/logout/", "/api/", "/static/", "/media/")


def crawl(client: Client, start: list[str], limit: int = 40) -> dict[str, str]:
    """The Chinese pages reachable from `start` (no query strings, no English pages)."""
    seen: dict[str, str] = {}
    queue = list(start)
    while queue and len(seen) < limit:
        url = queue.pop(0)
        if url in seen or url.startswith(NOT_PAGES) or url.endswith(".xlsx"):
            continue
        response = client.get(url)
        if response.status_code == 302:
            continue  # a page for another role
        assert response.status_code == 200, url
        seen[url] = response.content.decode()
        queue += HREF.findall(seen[url])
    return seen


def test_chinese_pages_show_no_english_msgid(demo):
    """Every page each demo role reaches, in Chinese (one demo load for all roles)."""
    msgids = english_msgids()
    shown, crawled = {}, 0
    for username in (None, "worker_demo", "judge06", "officer_ht"):
        client = Client()
        if username:
            client.force_login(User.objects.get(username=username))
        start = ["/", "/contests/", "/signup/", "/accounts/login/", "/me/entries/", "/judge/"]
        for url, html in crawl(client, start).items():
            crawled += 1
            if words := untranslated_on(html, msgids):
                shown[f"{username or 'anonymous'} {url}"] = words
    assert crawled > 40
    assert shown == {}


def test_the_check_finds_an_english_msgid():
    html = '<p>Host union: 上海航天工会</p><small lang="en">Gongjiang</small>'
    assert untranslated_on(html, {"Host union", "Gongjiang"}) == {"Host union"}
