from decimal import Decimal

import pytest
from django.test import Client

from judging.models import Mark
from tests.judging.conftest import mark

pytestmark = pytest.mark.django_db


def login(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_judge_home_lists_assigned_events(contest):
    response = login(contest.judges[1].user).get("/judge/")
    assert response.status_code == 200
    assert contest.event.name in response.content.decode()


def test_every_page_string_has_a_chinese_translation():
    import re
    from pathlib import Path

    from django.utils import translation

    root = Path(__file__).resolve().parents[2]
    ids, plurals = set(), set()
    for template in (root / "templates" / "judging").glob("*.html"):
        text = template.read_text()
        ids |= set(re.findall(r'\{% translate "([^"]+)" %\}', text))  # no context
        for block in re.findall(r"\{% blocktranslate[^%]*%\}(.*?)\{% endblocktranslate %\}", text):
            parts = re.sub(r"\{\{ (\w+) \}\}", r"%(\1)s", block).split("{% plural %}")
            (plurals.add(tuple(parts)) if len(parts) == 2 else ids.add(parts[0]))
    assert ids and plurals
    with translation.override("zh-hans"):
        missing = [i for i in ids if translation.gettext(i) == i]
        missing += [p for p in plurals if translation.ngettext(*p, 1) == p[0]]
    assert missing == []


def test_marking_sheet_shows_bibs_not_names_and_what_is_missing(contest):
    judge = contest.judges[0]
    mark(judge, contest.entries[0], "P", 80)
    text = login(judge.user).get(f"/judge/events/{contest.event.pk}/").content.decode()
    for entry in contest.entries:
        assert f'id="bib-{entry.bib}"' in text
        assert entry.worker.name not in text
        assert entry.worker.employer.name not in text
    assert f'id="bib-{contest.own_entry.bib}"' not in text  # own work unit: not shown
    assert 'value="80"' in text
    assert text.count('name="c_P"') == 3
    assert "autofocus" in text


def test_missing_only_sheet_of_a_fully_marked_judge_is_an_empty_page(contest):
    judge = contest.judges[1]
    for entry in [*contest.entries, contest.own_entry]:
        for code in ("P", "T"):
            mark(judge, entry, code, 80)
    response = login(judge.user).get(f"/judge/events/{contest.event.pk}/?show=missing")
    assert response.status_code == 200
    assert 'name="c_P"' not in response.content.decode()


def test_saving_an_entry_writes_its_marks_and_moves_on(contest):
    judge = contest.judges[1]
    first, second = contest.entries[:2]
    response = login(judge.user).post(
        f"/judge/events/{contest.event.pk}/entries/{first.pk}/",
        {"c_T": "88", "c_P": "76.5", "next": str(second.bib)},
    )
    assert response.status_code == 302
    assert response.url.endswith(f"#bib-{second.bib}")
    values = dict(Mark.objects.filter(judge=judge).values_list("criterion__code", "value"))
    assert values == {"T": Decimal(88), "P": Decimal("76.5")}


def test_a_bad_value_saves_nothing_of_the_entry_and_says_why(contest):
    judge = contest.judges[1]
    entry = contest.entries[0]
    client = login(judge.user)
    response = client.post(
        f"/judge/events/{contest.event.pk}/entries/{entry.pk}/",
        {"c_T": "88", "c_P": "120"},
    )
    assert response.status_code == 400
    assert not Mark.objects.exists()
    assert f"{entry.bib}" in response.content.decode()


def test_marks_typed_before_an_error_are_kept_with_the_error_beside_them(contest):
    """Issue 12.15: the typed values come back in the entry's fields, the error next to
    them (not only at the top of the page), and the focus stays on that entry."""
    judge = contest.judges[1]
    entry, other = contest.entries[:2]
    response = login(judge.user).post(
        f"/judge/events/{contest.event.pk}/entries/{entry.pk}/",
        {"c_T": "88", "c_P": "12x", "show": "all", "page": "1"},
    )
    assert response.status_code == 400
    rows = {r["registration"]: r for r in response.context["page"].object_list}
    typed = {f["criterion"].code: f["typed"] for f in rows[entry.pk]["fields"]}
    assert typed == {"T": "88", "P": "12x"}
    assert rows[entry.pk]["errors"] and not rows[other.pk]["errors"]
    text = response.content.decode()
    form = text[text.index(f'id="bib-{entry.bib}"') :]
    form = form[: form.index("</form>")]
    assert 'value="88"' in form and 'value="12x"' in form
    assert 'aria-invalid="true"' in form and 'class="errors"' in form and "12x" in form
    assert response.context["focus"] == str(entry.bib)


def test_judge_submits_a_complete_sheet_from_the_page_at_once(contest):
    judge = contest.judges[1]
    for entry in [*contest.entries, contest.own_entry]:
        for code in ("P", "T"):
            mark(judge, entry, code, 80)
    response = login(judge.user).post(f"/judge/events/{contest.event.pk}/submit/")
    assert response.status_code == 302
    assert all(Mark.objects.filter(judge=judge).values_list("locked", flat=True))


def test_an_incomplete_sheet_asks_first_and_says_how_many_are_missing(contest):
    """Issue 12.2: nothing is locked until the judge confirms."""
    judge = contest.judges[1]
    mark(judge, contest.entries[0], "P", 80)
    client = login(judge.user)
    response = client.post(f"/judge/events/{contest.event.pk}/submit/")
    assert response.status_code == 200
    # judges[1] marks all four entries (own_entry is judges[0]'s unit) on P (T is the chief
    # judge's measurement): the three not marked yet are missing.
    assert response.context["missing"] == len(contest.entries)
    text = response.content.decode()
    assert 'name="confirm_incomplete" value="yes"' in text
    assert not Mark.objects.get().locked
    client.post(f"/judge/events/{contest.event.pk}/submit/", {"confirm_incomplete": "yes"})
    assert Mark.objects.get().locked


def test_the_sheet_warns_before_submitting_with_blanks(contest):
    judge = contest.judges[1]
    response = login(judge.user).get(f"/judge/events/{contest.event.pk}/")
    assert response.context["missing_entries"] == len(contest.entries) + 1
    assert 'class="warn"' in response.content.decode()


def test_the_api_refuses_an_incomplete_sheet_without_the_confirmation(contest):
    from tests.conftest import client_for

    judge = contest.judges[1]
    mark(judge, contest.entries[0], "P", 80)
    url = f"/api/v1/events/{contest.event.pk}/marks/submit/"
    response = client_for(judge.user).post(url)
    assert response.status_code == 400 and "confirm_incomplete" in response.json()
    assert not Mark.objects.get().locked
    response = client_for(judge.user).post(url, {"confirm_incomplete": True}, format="json")
    assert response.status_code == 200
    assert response.json()["missing"] == len(contest.entries)  # P of the other three
    assert Mark.objects.get().locked


def test_unassigned_judge_and_worker_cannot_open_the_sheet(contest, worker_user, union_tree):
    from tests.judging.factories import JudgeFactory

    stranger = JudgeFactory(union=union_tree[0])
    assert login(stranger.user).get(f"/judge/events/{contest.event.pk}/").status_code == 403
    assert login(worker_user).get(f"/judge/events/{contest.event.pk}/").status_code == 403


def test_status_page_for_officer_and_chief_shows_divergence(contest, officer_a, officer_c):
    for judge, value in zip(contest.judges[1:], (40, 90), strict=True):
        mark(judge, contest.entries[0], "P", value)
    url = f"/judge/events/{contest.event.pk}/status/"
    text = login(officer_a).get(url).content.decode()
    assert "2/3" in text
    assert login(contest.chief.user).get(url).status_code == 200
    assert login(officer_c).get(url).status_code == 403
    assert login(contest.judges[1].user).get(url).status_code == 403


def test_officer_home_links_to_status_pages(contest, officer_a):
    text = login(officer_a).get("/judge/").content.decode()
    assert f"/judge/events/{contest.event.pk}/status/" in text


def test_admin_shows_the_audit_trail_of_the_officers_subtree_only(contest, union_tree):
    from core.models import User
    from tests.factories import OfficerFactory

    mark(contest.judges[1], contest.entries[0], "P", 80)
    inside = User.objects.get(username="officer_a")
    inside.is_staff = True
    inside.save()
    outside = OfficerFactory(union=union_tree[2], user__is_staff=True).user
    url = "/admin/judging/marklog/"
    assert login(inside).get(url).context["cl"].result_count == 1
    assert login(outside).get(url).context["cl"].result_count == 0


def test_officer_unlocks_a_divergent_entry_for_re_marking_from_the_status_page(contest, officer_a):
    from judging import services
    from judging.models import MarkLog

    entry, other = contest.entries[:2]
    for judge, value in zip(contest.judges[1:], (40, 90), strict=True):  # spread 50 > 10
        mark(judge, entry, "P", value)
        mark(judge, other, "P", 80)
        services.submit_marks(actor=judge.user, event=contest.event, confirm_incomplete=True)
    client = login(officer_a)
    page = client.get(f"/judge/events/{contest.event.pk}/status/").content.decode()
    assert f"{contest.judges[1].name} 40" in page
    assert "/status/unlock/" in page
    response = client.post(
        f"/judge/events/{contest.event.pk}/status/unlock/",
        {"registration": entry.pk, "criterion": "P", "reason": "分差超限"},
    )
    assert response.status_code == 302
    assert not Mark.objects.filter(registration=entry, locked=True).exists()
    assert Mark.objects.filter(registration=other, locked=True).count() == 2
    assert MarkLog.objects.filter(action="unlock", reason="分差超限").count() == 2


def test_chief_judge_cannot_unlock_from_the_status_page(contest):
    from judging import services

    judge = contest.judges[1]
    mark(judge, contest.entries[0], "P", 40)
    services.submit_marks(actor=judge.user, event=contest.event, confirm_incomplete=True)
    login(contest.chief.user).post(
        f"/judge/events/{contest.event.pk}/status/unlock/",
        {"registration": contest.entries[0].pk, "criterion": "P", "reason": "x"},
    )
    assert Mark.objects.get().locked
