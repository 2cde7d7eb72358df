"""Races on PostgreSQL: real threads, each with its own database connection.

Two workers racing for the last place of a quota never both get it; one worker entered
from several requests at once is entered once; concurrent approvals never share a bib.
"""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from contests import services
from contests.models import Registration, RegistrationMember
from tests.factories import (
    ContestFactory,
    EmployerFactory,
    EventFactory,
    OfficerFactory,
    UnionFactory,
    WorkerFactory,
)

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("english"),  # asserts the English quota message
]


def race(calls):
    """Run the callables at once (a barrier), each in a thread with its own connection."""
    barrier = threading.Barrier(len(calls))
    outcomes: list = [None] * len(calls)

    def run(i, call):
        try:
            barrier.wait()
            outcomes[i] = call()
        except Exception as exc:  # the outcome is what the test inspects
            outcomes[i] = exc
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, c)) for i, c in enumerate(calls)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    return outcomes


@pytest.fixture
def setup():
    host = UnionFactory()
    employer = EmployerFactory(union=host)
    event = EventFactory(contest=ContestFactory(host_union=host))
    officer = OfficerFactory(union=host).user
    return event, employer, officer


def test_quota_never_overrun_by_concurrent_entries(setup):
    event, employer, _officer = setup
    event.quota_per_employer = 3
    event.save()
    workers = WorkerFactory.create_batch(12, employer=employer)
    outcomes = race(
        [(lambda w=w: services.register(actor=w.user, event=event, worker=w)) for w in workers]
    )
    won = [o for o in outcomes if isinstance(o, Registration)]
    refused = [o for o in outcomes if isinstance(o, ValidationError)]
    assert len(won) == 3 and len(refused) == 9, outcomes
    assert all("quota" in e.message_dict["worker"][0] for e in refused)
    assert Registration.objects.filter(event=event, employer=employer).count() == 3


def test_same_worker_entered_once_under_concurrent_requests(setup):
    event, employer, _officer = setup
    worker = WorkerFactory(employer=employer)
    outcomes = race([lambda: services.register(actor=worker.user, event=event, worker=worker)] * 8)
    assert sum(isinstance(o, Registration) for o in outcomes) == 1, outcomes
    assert sum(isinstance(o, ValidationError) for o in outcomes) == 7, outcomes
    assert Registration.objects.filter(event=event).count() == 1
    assert RegistrationMember.objects.filter(event=event, active=True).count() == 1


def test_concurrent_approvals_give_distinct_bibs(setup):
    event, employer, officer = setup
    regs = [
        services.register(actor=w.user, event=event, worker=w)
        for w in WorkerFactory.create_batch(10, employer=employer)
    ]
    outcomes = race(
        [(lambda r=r: services.approve_registration(actor=officer, registration=r)) for r in regs]
    )
    assert all(isinstance(o, Registration) for o in outcomes), outcomes
    bibs = sorted(Registration.objects.filter(event=event).values_list("bib", flat=True))
    assert bibs == list(range(1, 11))
