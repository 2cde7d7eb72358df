"""The judge panel of an event (/manage/events/<pk>/panel/): assign, chief judge, remove,
conflicts of interest shown."""

import pytest
from django.urls import reverse

from judging.models import JudgeAssignment
from tests.judging import conftest as judging
from tests.judging.conftest import mark
from tests.judging.factories import JudgeFactory

pytestmark = pytest.mark.django_db
judged = judging.contest  # fixture: the judging tests' small contest, marks to give


def url(event) -> str:
    return reverse("console:event-panel", kwargs={"pk": event.pk})


def test_a_worker_is_refused(page_client, worker_user, judged):
    assert page_client(worker_user).get(url(judged.event)).status_code == 403


def test_an_officer_of_another_subtree_gets_404_and_changes_nothing(
    page_client, officer_c, judged, union_tree
):
    client = page_client(officer_c)
    own = JudgeFactory(union=union_tree[2])
    assert client.get(url(judged.event)).status_code == 404
    assert client.post(url(judged.event), {"judge": own.pk}).status_code == 404
    remove = reverse(
        "console:event-panel-remove", kwargs={"pk": judged.event.pk, "judge": judged.judges[0].pk}
    )
    assert client.post(remove).status_code == 404
    assert JudgeAssignment.objects.filter(event=judged.event).count() == 3


def test_the_panel_shows_the_chief_and_each_judges_conflicts(page_client, officer_a, judged):
    response = page_client(officer_a).get(url(judged.event))
    assert response.status_code == 200
    rows = {a.judge: a for a in response.context["assignments"]}
    assert rows[judged.judges[0]].conflicts == 1  # judged.own_entry
    assert rows[judged.judges[1]].conflicts == 0
    assert [a.judge for a in response.context["assignments"] if a.chief] == [judged.chief]
    assert response.context["warnings"]  # P needs 3 judges; judges[0] cannot mark own_entry
    body = response.content.decode()
    assert 'class="badge warn conflict"' in body


def test_officer_assigns_a_judge_as_the_new_chief(page_client, officer_a, judged, union_tree):
    judge = JudgeFactory(union=union_tree[0])
    data = {"judge": judge.pk, "chief": "on", "criteria": ["P"]}
    response = page_client(officer_a).post(url(judged.event), data)
    assert response.status_code == 302
    assignment = JudgeAssignment.objects.get(event=judged.event, judge=judge)
    assert (assignment.chief, assignment.criteria) == (True, ["P"])
    chiefs = JudgeAssignment.objects.filter(event=judged.event, chief=True)
    assert [a.judge for a in chiefs] == [judge]


def test_a_judge_with_own_unit_entries_is_labelled_in_the_choice(page_client, officer_a, judged):
    form = page_client(officer_a).get(url(judged.event)).context["form"]
    labels = dict(form.fields["judge"].choices)
    own = next(label for value, label in labels.items() if value == judged.judges[0].pk)
    assert judged.judges[0].employer.name in own
    assert "1" in own.split("—")[-1]


def test_a_judge_of_another_subtree_is_not_a_choice(page_client, officer_b, judged, union_tree):
    foreign = JudgeFactory(union=union_tree[2])
    response = page_client(officer_b).post(url(judged.event), {"judge": foreign.pk})
    assert "judge" in response.context["form"].errors
    assert not JudgeAssignment.objects.filter(judge=foreign).exists()


def test_an_unknown_criterion_is_refused_on_the_field(page_client, officer_a, judged):
    response = page_client(officer_a).post(
        url(judged.event), {"judge": judged.judges[0].pk, "criteria": ["X"]}
    )
    assert "criteria" in response.context["form"].errors


def test_officer_removes_a_judge_who_has_not_marked(page_client, officer_a, judged):
    judge = judged.judges[1]
    remove = reverse(
        "console:event-panel-remove", kwargs={"pk": judged.event.pk, "judge": judge.pk}
    )
    assert page_client(officer_a).post(remove).status_code == 302
    assert not JudgeAssignment.objects.filter(event=judged.event, judge=judge).exists()


def test_a_judge_who_has_marked_is_not_removed(page_client, officer_a, judged):
    judge = judged.judges[1]
    mark(judge, judged.entries[0], "T", 80)
    remove = reverse(
        "console:event-panel-remove", kwargs={"pk": judged.event.pk, "judge": judge.pk}
    )
    response = page_client(officer_a).post(remove, follow=True)
    assert [m.level_tag for m in response.context["messages"]] == ["error"]
    assert JudgeAssignment.objects.filter(event=judged.event, judge=judge).exists()
