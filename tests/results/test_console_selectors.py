"""Reads the officer console's results pages use: whose full names an officer sees, the
columns that decide ties, the entries waiting for a draw, each event's snapshots."""

import pytest

from results import selectors, services
from results.models import DrawLot
from tests.factories import EventFactory
from tests.results.factories import EntryFactory, give_marks, make_scheme

pytestmark = pytest.mark.django_db


def test_officers_see_full_names_of_their_own_subtree_only(
    union_tree, officer_a, officer_b, officer_c, superuser, worker_user
):
    a, b, c = (u.path for u in union_tree)
    assert [selectors.full_name_test(officer_a)(p) for p in (a, b, c)] == [True, True, False]
    assert [selectors.full_name_test(officer_b)(p) for p in (a, b, c)] == [False, True, False]
    assert selectors.full_name_test(officer_c)(c)
    assert selectors.full_name_test(superuser)(c)
    assert not selectors.full_name_test(worker_user)(b)
    assert not selectors.full_name_test(officer_a)(None)


@pytest.fixture
def tied(event, judges):
    """Two entries tied on the total in an event without shared places."""
    _, crits = make_scheme(event, criteria=(("T", 100, 100, "mean", 1),), shared_places=False)
    first = EntryFactory(event=event, completion_seconds=600)
    second = EntryFactory(event=event)
    third = EntryFactory(event=event)
    give_marks(first, crits, {"T": [80]}, judges[:1])
    give_marks(second, crits, {"T": [80]}, judges[:1])
    give_marks(third, crits, {"T": [70]}, judges[:1])
    return first, second, third


def test_tie_columns_are_the_completion_time_and_the_lot(event, tied):
    first, second, _ = tied
    DrawLot.objects.create(event=event, registration=second, lot=3)
    columns = selectors.tie_columns(event.pk, [first.pk, second.pk])
    assert columns == {first.pk: (600, None), second.pk: (None, 3)}


def test_entries_awaiting_a_draw_by_shared_rank(event, tied):
    first, second, _ = tied
    snapshot = services.compute_event(event_id=event.pk)
    groups = selectors.awaiting_draw(snapshot)
    assert {rank: [r.registration_id for r in rows] for rank, rows in groups.items()} == {
        1: [first.pk, second.pk]
    }


def test_events_state_names_the_current_and_public_snapshots(event, tied, officer_a, contest):
    services.compute_event(event_id=event.pk)
    services.publish_event(actor=officer_a, event=event, override_reason="抽签待定")
    newer = services.compute_event(event_id=event.pk)
    bare = EventFactory(contest=contest)
    state, nothing = selectors.events_state(contest)
    assert state["event"] == event and state["current"] == newer
    assert state["public"].version == 1
    assert nothing == {"event": bare, "current": None, "public": None}
