"""Disqualifying and reinstating an approved entry (with a reason, audited, announced to
results), and deciding entries in all-or-nothing batches."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from contests import services
from contests.models import Contest, Registration, RegistrationLog
from contests.signals import registration_changed
from tests.factories import RegistrationFactory, WorkerFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def approved(event, worker):
    return RegistrationFactory(event=event, worker=worker)


@pytest.fixture
def pendings(event, employer_b):
    return [
        RegistrationFactory(event=event, worker=w, status="pending", bib=None)
        for w in WorkerFactory.create_batch(3, employer=employer_b)
    ]


@pytest.fixture
def announced():
    events: list[int] = []

    def receiver(sender, event_id, **kwargs):
        events.append(event_id)

    registration_changed.connect(receiver, weak=False, dispatch_uid="tests.contests.announced")
    yield events
    registration_changed.disconnect(dispatch_uid="tests.contests.announced")


def test_disqualifying_sets_the_flag_and_logs_who_why(approved, officer_a):
    services.disqualify_registration(actor=officer_a, registration=approved, reason=" 冒名顶替 ")
    approved.refresh_from_db()
    assert approved.disqualified and approved.status == "approved" and approved.bib is not None
    log = RegistrationLog.objects.get()
    assert (log.registration, log.action, log.actor, log.reason) == (
        approved,
        "disqualify",
        officer_a,
        "冒名顶替",
    )
    assert log.at is not None


def test_reinstating_lifts_it_and_logs_again(approved, officer_a):
    services.disqualify_registration(actor=officer_a, registration=approved, reason="a")
    services.reinstate_registration(actor=officer_a, registration=approved, reason="复核无误")
    approved.refresh_from_db()
    assert not approved.disqualified
    assert list(RegistrationLog.objects.values_list("action", "reason")) == [
        ("disqualify", "a"),
        ("reinstate", "复核无误"),
    ]


def test_a_reason_is_required(approved, officer_a):
    with pytest.raises(ValidationError) as exc:
        services.disqualify_registration(actor=officer_a, registration=approved, reason="  ")
    assert "reason" in exc.value.error_dict
    assert not Registration.objects.get().disqualified


def test_only_an_approved_entry_can_be_disqualified(pendings, officer_a):
    with pytest.raises(ValidationError) as exc:
        services.disqualify_registration(actor=officer_a, registration=pendings[0], reason="x")
    assert "status" in exc.value.error_dict


def test_disqualifying_twice_and_reinstating_a_qualified_entry_are_refused(approved, officer_a):
    services.disqualify_registration(actor=officer_a, registration=approved, reason="x")
    with pytest.raises(ValidationError):
        services.disqualify_registration(actor=officer_a, registration=approved, reason="x")
    services.reinstate_registration(actor=officer_a, registration=approved, reason="y")
    with pytest.raises(ValidationError):
        services.reinstate_registration(actor=officer_a, registration=approved, reason="y")
    assert RegistrationLog.objects.count() == 2


@pytest.mark.parametrize("officer", ["officer_b", "officer_c"])
def test_only_officers_of_the_host_may_disqualify(approved, officer, request):
    with pytest.raises(PermissionDenied):
        services.disqualify_registration(
            actor=request.getfixturevalue(officer), registration=approved, reason="x"
        )
    assert not RegistrationLog.objects.exists()


def test_both_announce_the_event_to_results(approved, officer_a, announced):
    services.disqualify_registration(actor=officer_a, registration=approved, reason="x")
    services.reinstate_registration(actor=officer_a, registration=approved, reason="y")
    assert announced == [approved.event_id, approved.event_id]


def test_results_recompute_the_event_when_an_entry_is_disqualified(
    approved, officer_a, monkeypatch
):
    calls = []
    monkeypatch.setattr("results.scheduling.request_recompute", calls.append)
    services.disqualify_registration(actor=officer_a, registration=approved, reason="x")
    assert calls == [approved.event_id]


def test_a_batch_approves_every_entry_with_consecutive_bibs(pendings, officer_a):
    done = services.approve_registrations(actor=officer_a, registrations=reversed(pendings))
    assert [r.bib for r in done] == [1, 2, 3]
    assert set(Registration.objects.values_list("status", flat=True)) == {"approved"}


def test_one_refusal_leaves_the_whole_batch_undone_and_names_it(pendings, officer_a):
    services.reject_registrations(actor=officer_a, registrations=pendings[1:2], reason="x")
    with pytest.raises(ValidationError) as exc:
        services.approve_registrations(actor=officer_a, registrations=pendings)
    message = " ".join(exc.value.error_dict["registrations"][0].messages)
    assert f"#{pendings[1].pk}" in message
    assert f"#{pendings[0].pk}" not in message
    assert pendings[1].worker.name not in message  # masked
    statuses = dict(Registration.objects.values_list("pk", "status"))
    assert statuses == {
        pendings[0].pk: "pending",
        pendings[1].pk: "rejected",
        pendings[2].pk: "pending",
    }
    assert Contest.objects.get().last_bib == 0


def test_a_batch_outside_the_officers_contests_is_refused_whole(pendings, officer_c):
    with pytest.raises(ValidationError) as exc:
        services.approve_registrations(actor=officer_c, registrations=pendings)
    assert len(exc.value.error_dict["registrations"][0].messages) == 1
    assert set(Registration.objects.values_list("status", flat=True)) == {"pending"}


def test_a_batch_rejection_needs_its_reason_first(pendings, officer_a):
    with pytest.raises(ValidationError) as exc:
        services.reject_registrations(actor=officer_a, registrations=pendings, reason="")
    assert list(exc.value.error_dict) == ["reason"]
    assert set(Registration.objects.values_list("status", flat=True)) == {"pending"}
