"""Deciding entries announces the contest change (contests.signals.contest_changed), so the
public pages' counts follow at once instead of after their cache TTL; a batch announces
once, not once per entry."""

import re

import pytest
from django.test import Client

from contests import services
from contests.signals import contest_changed
from tests.factories import RegistrationFactory, WorkerFactory
from tests.public.conftest import clear_public_cache

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_cache():
    clear_public_cache()
    yield
    clear_public_cache()


@pytest.fixture
def pendings(event, employer_b):
    return [
        RegistrationFactory(event=event, worker=w, status="pending", bib=None)
        for w in WorkerFactory.create_batch(3, employer=employer_b)
    ]


@pytest.fixture
def announced():
    sent: list[tuple[int, int]] = []

    def receiver(sender, contest_id, event_id, **kwargs):
        sent.append((contest_id, event_id))

    contest_changed.connect(receiver, weak=False, dispatch_uid="tests.contests.contest_changed")
    yield sent
    contest_changed.disconnect(dispatch_uid="tests.contests.contest_changed")


def _entries_shown(contest) -> int:
    page = Client().get(f"/en/contests/{contest.pk}/").content.decode()
    return int(re.search(r"<dt>Entries</dt><dd>(\d+)</dd>", page).group(1))


def test_an_approval_shows_in_the_cached_contest_counts_at_once(
    contest, pendings, officer_a, django_capture_on_commit_callbacks
):
    assert _entries_shown(contest) == 0
    with django_capture_on_commit_callbacks(execute=True):
        services.approve_registration(actor=officer_a, registration=pendings[0])
    assert _entries_shown(contest) == 1


def test_a_withdrawal_shows_in_the_cached_contest_counts_at_once(
    contest, event, worker, django_capture_on_commit_callbacks
):
    entry = RegistrationFactory(event=event, worker=worker)
    assert _entries_shown(contest) == 1
    with django_capture_on_commit_callbacks(execute=True):
        services.withdraw_registration(actor=worker.user, registration=entry)
    assert _entries_shown(contest) == 0


def test_a_batch_approval_announces_once(pendings, officer_a, announced):
    services.approve_registrations(actor=officer_a, registrations=pendings)
    assert announced == [(pendings[0].contest_id, pendings[0].event_id)]


def test_a_batch_rejection_announces_once(pendings, officer_a, announced):
    services.reject_registrations(actor=officer_a, registrations=pendings, reason="材料不全")
    assert announced == [(pendings[0].contest_id, pendings[0].event_id)]


def test_a_disqualification_announces_the_contest_change(event, worker, officer_a, announced):
    entry = RegistrationFactory(event=event, worker=worker)
    services.disqualify_registration(actor=officer_a, registration=entry, reason="违规操作")
    assert announced == [(entry.contest_id, entry.event_id)]
