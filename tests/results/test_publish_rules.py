"""Publishing is refused while registration is open (issue 12.4, 13.11), moves the contest
along its allowed steps only, and notices entries changed after the computation (12.3)."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from contests import services as contest_services
from contests.models import Contest
from results import services
from results.models import ResultSnapshot
from tests.conftest import client_for
from tests.factories import ContestFactory, EventFactory
from tests.results.factories import EntryFactory, give_marks, make_scheme

GOOD = {"T": [80, 90, 85], "P": [8, 9, 7, 10, 6]}

pytestmark = pytest.mark.django_db


@pytest.fixture
def still_open(union_tree, judges):
    """A contest in judging whose registration window has not closed yet, computed."""
    contest = ContestFactory(
        host_union=union_tree[0],
        status="judging",
        registration_closes=timezone.now() + dt.timedelta(days=3),
    )
    event = EventFactory(contest=contest)
    _, crits = make_scheme(event)
    give_marks(EntryFactory(event=event), crits, GOOD, judges)
    services.compute_event(event_id=event.pk)
    return event


def test_publishing_an_event_is_refused_while_registration_is_open(still_open, officer_a):
    response = client_for(officer_a).post(f"/api/v1/events/{still_open.pk}/publish/")
    assert response.status_code == 400, response.content
    assert "contest" in response.json()
    assert not ResultSnapshot.objects.filter(is_public=True).exists()


def test_an_override_does_not_publish_while_registration_is_open(still_open, officer_a):
    response = client_for(officer_a).post(
        f"/api/v1/events/{still_open.pk}/publish/", {"override_reason": "赶时间"}, format="json"
    )
    assert response.status_code == 400
    assert not ResultSnapshot.objects.filter(is_public=True).exists()


def test_publishing_a_contest_is_refused_while_registration_is_open(still_open, officer_a):
    contest = still_open.contest
    response = client_for(officer_a).post(f"/api/v1/contests/{contest.pk}/publish/")
    assert response.status_code == 400
    contest.refresh_from_db()
    assert contest.status == "judging"


def test_the_console_says_why_publishing_is_refused(still_open, officer_a):
    client = Client()
    client.force_login(officer_a)
    response = client.post(
        reverse("console:event-results-publish", kwargs={"pk": still_open.pk}),
        {"override_reason": ""},
    )
    assert response.status_code == 200
    errors = response.context["publish_form"].non_field_errors()
    assert any(still_open.contest.name in e for e in errors)
    assert not ResultSnapshot.objects.filter(is_public=True).exists()


def test_publishing_a_contest_that_has_not_reached_judging_is_refused(
    union_tree, judges, officer_a
):
    contest = ContestFactory(host_union=union_tree[0], status="closed")
    event = EventFactory(contest=contest)
    _, crits = make_scheme(event)
    give_marks(EntryFactory(event=event), crits, GOOD, judges)
    services.compute_event(event_id=event.pk)
    with pytest.raises(ValidationError) as err:
        services.publish_contest(actor=officer_a, contest=contest)
    assert "contest" in err.value.message_dict
    with pytest.raises(ValidationError):
        services.publish_event(actor=officer_a, event=event)
    contest.refresh_from_db()
    assert contest.status == Contest.Status.CLOSED
    assert not ResultSnapshot.objects.filter(is_public=True).exists()


def test_publish_is_refused_after_a_disqualification_until_computed_again(event, judges, officer_a):
    _, crits = make_scheme(event)
    entry = EntryFactory(event=event)
    give_marks(entry, crits, GOOD, judges)
    give_marks(EntryFactory(event=event), crits, GOOD, judges)
    services.compute_event(event_id=event.pk)
    contest_services.disqualify_registration(actor=officer_a, registration=entry, reason="作弊")
    with pytest.raises(ValidationError) as err:
        services.publish_event(actor=officer_a, event=event)
    assert "override_reason" in err.value.message_dict
    services.compute_event(event_id=event.pk)
    assert services.publish_event(actor=officer_a, event=event).is_public


def test_publish_is_refused_after_a_completion_time_until_computed_again(event, judges, officer_a):
    _, crits = make_scheme(event)
    entry = EntryFactory(event=event)
    give_marks(entry, crits, GOOD, judges)
    services.compute_event(event_id=event.pk)
    contest_services.set_completion_seconds(
        actor=officer_a, registration=entry, completion_seconds=600
    )
    with pytest.raises(ValidationError) as err:
        services.publish_event(actor=officer_a, event=event)
    assert "override_reason" in err.value.message_dict


def test_the_console_results_page_says_publishing_waits_for_registration_to_close(
    still_open, officer_a
):
    client = Client()
    client.force_login(officer_a)
    page = client.get(reverse("console:event-results", kwargs={"pk": still_open.pk}))
    text = page.content.decode()
    assert 'id="publish-blocked"' in text and 'id="publish"' not in text


def test_registration_closed_early_by_the_officer_allows_publishing(union_tree, judges, officer_a):
    """Closing registration before its planned end closes the window then and there."""
    contest = ContestFactory(host_union=union_tree[0], status="open")
    event = EventFactory(contest=contest)
    _, crits = make_scheme(event)
    give_marks(EntryFactory(event=event), crits, GOOD, judges)
    for status in ("closed", "judging"):
        contest = contest_services.update_contest(actor=officer_a, contest=contest, status=status)
    assert contest.registration_closes <= timezone.now()
    services.compute_event(event_id=event.pk)
    services.publish_contest(actor=officer_a, contest=contest)
    contest.refresh_from_db()
    assert contest.status == Contest.Status.PUBLISHED
