"""The judging status page of a published event (issue 12.4): open marks accepted at
publication read as accepted, with who accepted them, not as "cannot be published"."""

import pytest
from django.test import Client
from django.utils import timezone

from results.models import ResultSnapshot
from tests.judging.conftest import mark

pytestmark = pytest.mark.django_db


def _page(user, event) -> str:
    client = Client()
    client.force_login(user)
    response = client.get(f"/judge/events/{event.pk}/status/")
    assert response.status_code == 200
    return response.content.decode()


def test_a_published_events_open_marks_read_as_accepted_and_by_whom(contest, officer_a, english):
    mark(contest.judges[1], contest.entries[0], "P", 80)  # far from complete
    ResultSnapshot.objects.create(
        event=contest.event,
        version=1,
        is_current=True,
        is_public=True,
        published_at=timezone.now(),
        published_by=officer_a,
        override_reason="缺考，按规定公布",
    )
    text = _page(officer_a, contest.event)
    assert "Accepted at publication" in text
    assert officer_a.username in text and "缺考，按规定公布" in text
    assert "not published" not in text


def test_an_unpublished_incomplete_event_still_says_it_cannot_be_published(
    contest, officer_a, english
):
    mark(contest.judges[1], contest.entries[0], "P", 80)
    text = _page(officer_a, contest.event)
    assert "not published" in text and "Accepted at publication" not in text
