"""A measurement taken once (one mark required, "T" in the contest fixture) is the chief
judge's: it is not among what the other judges still miss, so a judge who marked every
entry on their own criteria hands in a complete sheet without being asked to confirm."""

import pytest
from django.test import Client

from judging import selectors, services
from judging.models import Mark
from tests.judging.conftest import mark

pytestmark = pytest.mark.django_db


def _mark_practical(judge, contest):
    for entry in [*contest.entries, contest.own_entry]:
        if entry.employer_id != judge.employer_id:
            mark(judge, entry, "P", 80)


def test_a_judge_who_marked_their_criteria_submits_without_confirming(contest):
    judge = contest.judges[1]
    _mark_practical(judge, contest)
    result = services.submit_marks(actor=judge.user, event=contest.event)
    assert result["missing"] == 0
    assert all(Mark.objects.filter(judge=judge).values_list("locked", flat=True))


def test_the_judging_page_counts_no_missing_entry_for_the_chiefs_measurement(contest):
    judge = contest.judges[1]
    _mark_practical(judge, contest)
    client = Client()
    client.force_login(judge.user)
    response = client.get(f"/judge/events/{contest.event.pk}/")
    assert response.context["missing_entries"] == 0


def test_the_chief_still_misses_the_measurement(contest):
    _mark_practical(contest.chief, contest)
    sheet = selectors.judge_sheet(contest.chief, contest.event)
    assert {tuple(row["missing"]) for row in sheet["entries"]} == {("T",)}
