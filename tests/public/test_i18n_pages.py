"""The words the translation review found wrong, as pages show them in Chinese and English."""

from django.test import Client

from contests.models import Event
from public.models import Objection
from tests.factories import OfficerFactory, UserFactory


def _kinds_cell(html: str, event: Event) -> str:
    return html.split(event.name, 1)[1].split("<td>", 1)[1].split("</td>", 1)[0]


def test_contest_page_names_event_kinds_individual_and_team_contest(published):
    contest, (solo, team) = published["contest"], published["events"]
    Event.objects.filter(pk=team.pk).update(kind=Event.Kind.TEAM)
    zh = Client().get(f"/contests/{contest.pk}/").content.decode()
    en = Client().get(f"/en/contests/{contest.pk}/").content.decode()
    assert (_kinds_cell(zh, solo), _kinds_cell(zh, team)) == ("个人赛", "团体赛")
    assert (_kinds_cell(en, solo), _kinds_cell(en, team)) == ("individual", "team")


def test_award_lists_head_their_reason_column_award_reason(published):
    path = f"/contests/{published['contest'].pk}/awards/"
    assert ">获奖理由</th>" in Client().get(path).content.decode()
    assert ">Reason</th>" in Client().get("/en" + path).content.decode()


def test_objections_table_heads_its_reason_column_objection_reason(published):
    row = published["rows"][0]
    Objection.objects.create(
        event=row.snapshot.event,
        registration=row.registration,
        filed_by=UserFactory(),
        reason="名次有误",
    )
    client = Client()
    client.force_login(OfficerFactory(union=published["host"]).user)
    html = client.get(f"/contests/{published['contest'].pk}/objections/").content.decode()
    assert "<th>异议理由</th>" in html and "获奖理由" not in html
