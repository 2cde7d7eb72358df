"""Judging progress per event: coverage per judge and criterion, divergences, who has
submitted; unlocking a judge's submission or an entry's marks, with a reason."""

import pytest
from django.urls import reverse

from judging import services
from judging.models import Criterion, Mark, MarkLog
from tests.judging.conftest import contest, mark  # noqa: F401 - `contest`: judging's fixture

pytestmark = pytest.mark.django_db
INDEX = reverse("console:judging")


def url(judged) -> str:
    return reverse("console:event-judging", args=[judged.event.pk])


@pytest.fixture
def judged(contest):  # noqa: F811 - the imported fixture, by name
    """Judging's small contest: event in union B, three judges, four entries."""
    return contest


@pytest.fixture
def handed_in(judged):
    """judges[1] marked two entries on P and submitted; judges[2] marked one, not submitted."""
    judge = judged.judges[1]
    mark(judge, judged.entries[0], "P", 80)
    mark(judge, judged.entries[1], "P", 70)
    services.submit_marks(actor=judge.user, event=judged.event, confirm_incomplete=True)
    mark(judged.judges[2], judged.entries[0], "T", 60)
    return judged


@pytest.mark.parametrize("page", ["index", "event"])
def test_a_worker_is_refused(page_client, worker_user, judged, page):
    assert (
        page_client(worker_user).get(INDEX if page == "index" else url(judged)).status_code == 403
    )


def test_an_officer_of_another_subtree_sees_neither_the_event_nor_its_rows(
    page_client,
    officer_c,
    handed_in,
):
    client = page_client(officer_c)
    assert client.get(url(handed_in)).status_code == 404
    assert (
        client.post(url(handed_in), {"judge": handed_in.judges[1].pk, "reason": "x"}).status_code
        == 404
    )
    assert handed_in.event.name not in client.get(INDEX).content.decode()
    assert Mark.objects.filter(locked=True).count() == 2


def test_the_index_lists_the_officers_events_with_a_scheme(page_client, officer_a, judged):
    body = page_client(officer_a).get(INDEX).content.decode()
    assert judged.event.name in body and url(judged) in body


def test_the_page_shows_coverage_per_judge_and_per_criterion(page_client, officer_a, handed_in):
    response = page_client(officer_a).get(url(handed_in))
    assert response.status_code == 200
    judges = {row["judge"]: row for row in response.context["judges"]}
    assert (judges[handed_in.judges[1]]["marks"], judges[handed_in.judges[1]]["required"]) == (2, 8)
    assert judges[handed_in.judges[1]]["submitted_at"] is not None
    criteria = {c["code"]: c for c in response.context["criteria"]}
    assert (criteria["P"]["present"], criteria["T"]["present"]) == (2, 1)
    body = response.content.decode()
    for judge in handed_in.judges:
        assert judge.name in body
    assert f'href="?judge={handed_in.judges[1].pk}#unlock"' in body


def test_divergent_marks_are_listed_with_a_link_to_unlock_them(page_client, officer_a, judged):
    Criterion.objects.filter(event=judged.event, code="P").update(aggregation="mean")
    for judge, value in zip(judged.judges, (50, 70, 90), strict=True):
        mark(judge, judged.entries[1], "P", value)
    response = page_client(officer_a).get(url(judged))
    (divergence,) = response.context["divergences"]
    assert divergence["bib"] == judged.entries[1].bib and len(divergence["marks"]) == 3
    assert f"?bib={judged.entries[1].bib}&amp;criterion=P#unlock" in response.content.decode()


def test_unlocking_a_judges_submission_with_a_reason(page_client, officer_a, handed_in):
    judge = handed_in.judges[1]
    response = page_client(officer_a).post(url(handed_in), {"judge": judge.pk, "reason": "补评"})
    assert response.status_code == 302
    assert not Mark.objects.filter(judge=judge, locked=True).exists()
    assert MarkLog.objects.filter(action="unlock", reason="补评").count() == 2
    assert judge.assignments.get().submitted_at is None


def test_unlocking_by_htmx_returns_the_refreshed_board(page_client, officer_a, handed_in):
    judge = handed_in.judges[1]
    response = page_client(officer_a).post(
        url(handed_in), {"judge": judge.pk, "reason": "补评"}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert body.startswith('<div id="judging-board">') and "<html" not in body
    assert response.context["notice"]
    (row,) = [r for r in response.context["judges"] if r["judge"] == judge]
    assert row["submitted_at"] is None and row["locked"] == 0


def test_unlocking_one_entry_and_criterion_for_every_judge(page_client, officer_a, handed_in):
    entry = handed_in.entries[0]
    response = page_client(officer_a).post(
        url(handed_in), {"bib": entry.bib, "criterion": "P", "reason": "复核"}
    )
    assert response.status_code == 302
    assert not Mark.objects.filter(registration=entry, criterion__code="P", locked=True).exists()
    assert Mark.objects.get(registration=handed_in.entries[1]).locked


def test_unlocking_without_a_reason_shows_the_services_error(page_client, officer_a, handed_in):
    response = page_client(officer_a).post(url(handed_in), {"judge": handed_in.judges[1].pk})
    assert response.status_code == 200
    (error,) = response.context["form"].errors["reason"]
    assert error in response.content.decode()
    assert Mark.objects.filter(locked=True).count() == 2


@pytest.mark.parametrize(
    ("data", "field"),
    [({"bib": 99999, "criterion": "P", "reason": "x"}, "bib"), ({"reason": "x"}, "__all__")],
)
def test_bad_unlock_input_is_a_form_error(page_client, officer_a, handed_in, data, field):
    response = page_client(officer_a).post(url(handed_in), data)
    assert response.status_code == 200
    assert response.context["form"].errors[field]
    assert Mark.objects.filter(locked=True).count() == 2
