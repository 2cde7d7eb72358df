"""Console forms check text and numbers as the API does (core.forms): no control or
text-direction characters, line breaks only in multi-line fields, numbers within the
model's bounds."""

import pytest
from django.contrib.auth import authenticate
from django.urls import reverse

from console.forms.contests import EventForm
from console.forms.registrations import EntryDecisionForm
from contests.models import ContestSeries

pytestmark = pytest.mark.django_db


def series_data(union_tree, **changes):
    return {"name": "长三角系列赛", "year": "2026", "organisers": [union_tree[0].pk]} | changes


def test_a_console_form_refuses_a_name_with_a_right_to_left_override(
    page_client, officer_a, union_tree
):
    data = series_data(union_tree, name="长三角\u202e系列赛")
    response = page_client(officer_a).post(reverse("console:series-create"), data)
    assert response.status_code == 200
    assert response.context["form"].errors["name"]
    assert not ContestSeries.objects.exists()


@pytest.mark.parametrize(
    "text", ["退回\x00原因", "退回\x1b原因", "退回\n原因"], ids=["nul", "esc", "lf"]
)
def test_a_console_one_line_field_refuses_nul_and_other_control_characters(text):
    form = EntryDecisionForm(data={"action": "reject", "reason": text})
    assert not form.is_valid()
    assert form.errors["reason"]


def test_a_multi_line_description_keeps_its_line_breaks(page_client, officer_a, union_tree):
    data = series_data(union_tree, description="第一行\n\t第二行")
    response = page_client(officer_a).post(reverse("console:series-create"), data)
    assert response.status_code == 302
    assert ContestSeries.objects.get().description == "第一行\n\t第二行"


def test_a_multi_line_description_refuses_a_direction_isolate(page_client, officer_a, union_tree):
    data = series_data(union_tree, description="第一行\n\u2066第二行")
    response = page_client(officer_a).post(reverse("console:series-create"), data)
    assert response.status_code == 200
    assert response.context["form"].errors["description"]


@pytest.mark.parametrize(
    ("field", "value"),
    [("min_age", "1000"), ("max_team_size", "40000"), ("quota_per_employer", "10" * 10)],
)
def test_a_console_model_form_bounds_numbers_as_the_model_does(field, value):
    form = EventForm(data={"name": "焊工", "kind": "individual", field: value})
    assert not form.is_valid()
    assert list(form.errors) == [field]


def test_a_judge_password_with_symbols_spaces_and_a_tab_is_accepted(
    page_client, officer_a, union_tree
):
    # A password is left as typed: the text checks of names do not apply to it.
    password = "P@$$ w0rd!\"#%&'()*+,-./:;<=>?[\\]^_`{|}~\t密码"
    data = {"username": "li", "name": "李裁判", "union": union_tree[1].pk, "password": password}
    response = page_client(officer_a).post(reverse("console:judges"), data)
    assert response.status_code in (200, 302)
    assert authenticate(username="li", password=password) is not None
