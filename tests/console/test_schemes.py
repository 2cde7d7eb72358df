"""The scoring scheme editor (/manage/events/<pk>/scheme/): saved through replace_scheme,
its refusals on the part of the form they concern, read-only once marked, copied."""

from decimal import Decimal

import pytest
from django.urls import reverse

from console.forms.schemes import PRESETS
from judging import services
from judging.models import Criterion, ScoringScheme
from scoring.records import TIER_PRESETS
from tests.factories import EventFactory
from tests.judging import conftest as judging
from tests.judging.conftest import VOCATIONAL, mark

pytestmark = pytest.mark.django_db
judged = judging.contest  # fixture: the judging tests' small contest, marks to give

THEORY = {"code": "T", "name": "理论知识", "weight": "30", "max_mark": "100", "kind": "measurement"}
PRACTICE = {"code": "P", "name": "操作技能", "weight": "70", "max_mark": "10", "step": "0.5"}


def form_data(criteria=(THEORY, PRACTICE), tiers=(), **extra) -> dict:
    data = {
        "criteria-TOTAL_FORMS": len(criteria),
        "criteria-INITIAL_FORMS": 0,
        "tiers-TOTAL_FORMS": len(tiers),
        "tiers-INITIAL_FORMS": 0,
        "tie_break": "",
        "shared_places": "on",
        "promotion-within_rank": "",
        "promotion-min_total": "",
    }
    for i, row in enumerate(criteria):
        row = {"kind": "judgement", "aggregation": "mean", "judges_required": 1, **row}
        data.update({f"criteria-{i}-{key}": value for key, value in row.items()})
    for i, row in enumerate(tiers):
        data.update({f"tiers-{i}-{key}": value for key, value in row.items()})
    return {**data, **extra}


@pytest.fixture
def event(union_tree):
    return EventFactory(contest__host_union=union_tree[1], name="数控车工")


def url(event) -> str:
    return reverse("console:event-scheme", kwargs={"pk": event.pk})


def test_a_worker_is_refused(page_client, worker_user, event):
    assert page_client(worker_user).get(url(event)).status_code == 403


def test_an_officer_of_another_subtree_gets_404_and_changes_nothing(page_client, officer_c, event):
    client = page_client(officer_c)
    assert client.get(url(event)).status_code == 404
    assert client.post(url(event), form_data()).status_code == 404
    copy = reverse("console:event-scheme-copy", kwargs={"pk": event.pk})
    assert client.post(copy, {"source": event.pk}).status_code == 404
    assert not Criterion.objects.filter(event=event).exists()


def test_a_new_scheme_starts_with_one_empty_criterion_row(page_client, officer_a, event):
    body = page_client(officer_a).get(url(event)).content.decode()
    assert 'name="criteria-0-code"' in body
    assert 'name="criteria-1-code"' not in body


def test_officer_saves_criteria_tie_break_tiers_and_promotion(page_client, officer_a, event):
    data = form_data(
        tiers=[{"name": "一等奖", "size_kind": "count", "size": "1", "min_total": "60"}],
        **{"tie_break": "P，time", "promotion-within_rank": "3"},
    )
    response = page_client(officer_a).post(url(event), data)
    assert response.status_code == 302
    criteria = Criterion.objects.filter(event=event)
    assert [(c.code, c.weight, c.step) for c in criteria] == [
        ("T", Decimal(30), None),
        ("P", Decimal(70), Decimal("0.5")),
    ]
    scheme = ScoringScheme.objects.get(event=event)
    assert scheme.tie_break == ["P", "time"]
    assert scheme.award_tiers == [{"name": "一等奖", "count": 1, "min_total": "60"}]
    assert scheme.promotion == {"within_rank": 3}


def test_weights_that_do_not_add_up_are_refused_on_the_criteria(page_client, officer_a, event):
    data = form_data(criteria=[THEORY, {**PRACTICE, "weight": "60"}])
    response = page_client(officer_a).post(url(event), data)
    assert response.status_code == 200
    errors = response.context["editor"].criteria.non_form_errors()
    assert [e.code for e in errors.as_data()] == ["weights_must_add_up_to_100"]
    assert "90" in errors[0]  # the total they add up to
    assert 'class="criteria-errors"' in response.content.decode()
    assert not Criterion.objects.filter(event=event).exists()


def test_an_unknown_tie_break_item_is_refused_on_its_field(page_client, officer_a, event):
    response = page_client(officer_a).post(url(event), form_data(tie_break="X"))
    assert "tie_break" in response.context["editor"].settings.errors


def test_a_bad_promotion_rule_is_refused_on_the_promotion(page_client, officer_a, event):
    response = page_client(officer_a).post(url(event), form_data(**{"promotion-within_rank": "0"}))
    assert response.context["editor"].promotion.non_field_errors()


def test_a_bad_tier_is_refused_on_the_tiers(page_client, officer_a, event):
    tiers = [{"name": "一等奖", "size_kind": "share", "size": "2"}]
    response = page_client(officer_a).post(url(event), form_data(tiers=tiers))
    assert response.context["editor"].tiers.non_form_errors()
    assert not ScoringScheme.objects.filter(event=event).exists()


def test_a_row_ticked_delete_is_left_out(page_client, officer_a, event):
    extra = {"code": "X", "name": "多余", "weight": "10", "max_mark": "10", "DELETE": "on"}
    page_client(officer_a).post(url(event), form_data(criteria=[THEORY, PRACTICE, extra]))
    assert list(Criterion.objects.filter(event=event).values_list("code", flat=True)) == ["T", "P"]


def test_a_preset_fills_the_tiers_without_saving(page_client, officer_a, event):
    response = page_client(officer_a).post(url(event), form_data(preset="medals"))
    body = response.content.decode()
    assert response.status_code == 200
    assert 'value="金牌"' in body
    assert 'name="tiers-3-name"' in body  # four tiers
    assert 'value="理论知识"' in body  # what was typed is kept
    assert not ScoringScheme.objects.filter(event=event).exists()


def test_a_preset_saved_is_stored_as_its_tiers(page_client, officer_a, event):
    client = page_client(officer_a)
    tiers = client.post(url(event), form_data(preset="prizes_10_20_30")).context["editor"].tiers
    rows = [{k: v for k, v in f.initial.items() if v is not None} for f in tiers]
    client.post(url(event), form_data(tiers=rows))
    stored = ScoringScheme.objects.get(event=event).award_tiers
    assert stored == [
        {"name": "一等奖", "share": "0.1"},
        {"name": "二等奖", "share": "0.2"},
        {"name": "三等奖", "share": "0.3"},
    ]


def test_htmx_preset_answers_the_tiers_alone(page_client, officer_a, event):
    response = page_client(officer_a).get(url(event), {"preset": "medals"}, HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert body.lstrip().startswith('<fieldset id="tiers">')
    assert 'value="优胜奖"' in body


def test_htmx_add_answers_one_numbered_row_and_the_new_count(page_client, officer_a, event):
    response = page_client(officer_a).get(
        url(event), {"add": "criteria", "criteria-TOTAL_FORMS": "2"}, HTTP_HX_REQUEST="true"
    )
    body = response.content.decode()
    assert 'name="criteria-2-code"' in body
    assert 'id="id_criteria-TOTAL_FORMS" hx-swap-oob="true"' in body
    assert 'value="3"' in body


def test_without_javascript_add_returns_the_form_with_one_more_row(page_client, officer_a, event):
    response = page_client(officer_a).post(url(event), form_data(add="criteria"))
    assert 'name="criteria-2-code"' in response.content.decode()
    assert not Criterion.objects.filter(event=event).exists()


def test_the_stored_scheme_is_shown_for_editing(page_client, officer_a, event):
    services.replace_scheme(actor=officer_a, event=event, criteria=VOCATIONAL, award_tiers=[])
    ScoringScheme.objects.filter(event=event).update(award_tiers="medals")
    body = page_client(officer_a).get(url(event)).content.decode()
    assert 'value="操作技能"' in body
    assert 'value="金牌"' in body


def test_a_marked_scheme_is_read_only_with_the_reason(page_client, officer_a, judged):
    mark(judged.judges[1], judged.entries[0], "T", 80)
    client = page_client(officer_a)
    response = client.get(url(judged.event))
    body = response.content.decode()
    assert str(services.LOCKED) in body
    assert 'name="criteria-0-code"' not in body
    client.post(url(judged.event), form_data())
    assert Criterion.objects.get(event=judged.event, code="P").weight == Decimal(70)


def test_officer_copies_the_scheme_of_another_of_their_events(page_client, officer_a, event):
    source = EventFactory(contest__host_union=event.contest.host_union)
    services.replace_scheme(actor=officer_a, event=source, criteria=VOCATIONAL)
    copy = reverse("console:event-scheme-copy", kwargs={"pk": event.pk})
    response = page_client(officer_a).post(copy, {"source": source.pk})
    assert response.status_code == 302
    assert list(Criterion.objects.filter(event=event).values_list("code", flat=True)) == ["T", "P"]


def test_the_scheme_of_another_subtree_is_neither_offered_nor_copied(
    page_client, officer_b, officer_a, union_tree
):
    event = EventFactory(contest__host_union=union_tree[1])
    foreign = EventFactory(contest__host_union=union_tree[0], name="甲工会项目")
    services.replace_scheme(actor=officer_a, event=foreign, criteria=VOCATIONAL)
    client = page_client(officer_b)
    assert "甲工会项目" not in client.get(url(event)).content.decode()
    copy = reverse("console:event-scheme-copy", kwargs={"pk": event.pk})
    client.post(copy, {"source": foreign.pk})
    assert not Criterion.objects.filter(event=event).exists()


def test_every_preset_of_the_rules_is_offered():
    assert set(PRESETS) == set(TIER_PRESETS)


def test_the_editor_speaks_english_under_en(page_client, officer_a, event):
    response = page_client(officer_a).get(f"/en/manage/events/{event.pk}/scheme/")
    assert response.status_code == 200
    assert "Add a criterion" in response.content.decode()
