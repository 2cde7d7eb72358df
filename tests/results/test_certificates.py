"""Certificates: numbers, issue from published results, idempotence, revocation when a
result changes or no longer stands, and the audit log."""

import pytest
from django.forms.models import model_to_dict
from django.utils import translation

from contests.models import Contest, Registration
from results.certificate_numbers import ALPHABET, display, new_number, normalise
from results.models import Certificate, CertificateLog, ResultRow, ResultSnapshot
from results.services.certificates import sync_certificates
from tests.factories import ContestFactory, EmployerFactory, EventFactory, UnionFactory
from tests.public.factories import (
    ResultSnapshotFactory,
    long_ago,
    published_awards,
    published_event,
)


@pytest.fixture
def contest(db):
    host = UnionFactory(code="SH-CERT", name="上海燃气工会")
    employers = [EmployerFactory(union=host, name=f"燃气{i}所") for i in range(3)]
    contest = ContestFactory(host_union=host, status=Contest.Status.PUBLISHED, notice_days=7)
    _e, _s, rows = published_event(
        EventFactory(contest=contest), entries=5, employers=employers, published_at=long_ago()
    )
    published_awards(contest, rows)
    return contest


def republish(event, change) -> ResultSnapshot:
    """A new public snapshot of the event with each row passed through `change`."""
    old = ResultSnapshot.objects.get(event=event, is_public=True)
    ResultSnapshot.objects.filter(pk=old.pk).update(is_public=False, is_current=False)
    new = ResultSnapshotFactory(event=event, entries=old.entries, published_at=long_ago())
    for row in ResultRow.objects.filter(snapshot=old).order_by("position"):
        data = model_to_dict(row, exclude=["id", "snapshot", "registration"])
        data["registration_id"] = row.registration_id
        ResultRow.objects.create(snapshot=new, **change(data))
    return new


def valid(contest):
    return Certificate.objects.filter(contest=contest, revoked_at__isnull=True)


def test_numbers_are_random_with_a_check_symbol_that_catches_typing_mistakes():
    numbers = {new_number() for _ in range(200)}
    assert len(numbers) == 200 and all(len(n) == 16 for n in numbers)
    n = numbers.pop()
    assert normalise(display(n).lower()) == n  # as typed off paper: any case, with dashes
    wrong = ALPHABET[(ALPHABET.index(n[3]) + 1) % 32]
    assert normalise(n[:3] + wrong + n[4:]) is None  # one symbol mistyped
    swapped = n[:5] + n[6] + n[5] + n[7:]
    assert n[5] == n[6] or normalise(swapped) is None  # neighbours swapped
    assert normalise("1234") is None and normalise("") is None


def test_issue_gives_each_prize_and_award_a_certificate_from_the_host_union(contest):
    result = sync_certificates(contest=contest, issue=True)
    certs = list(valid(contest))
    assert result == {"issued": 4, "revoked": 0, "valid": 4}  # two tiers, two gold workers
    assert {c.union_id for c in certs} == {contest.host_union_id}
    assert {(c.award or c.award_code) for c in certs} == {"一等奖", "二等奖", "gold_worker"}
    assert all(c.issued_at and normalise(c.number) == c.number for c in certs)
    assert CertificateLog.objects.filter(action="issue").count() == 4


def test_issuing_twice_changes_nothing(contest):
    sync_certificates(contest=contest, issue=True)
    numbers = set(valid(contest).values_list("number", flat=True))
    assert sync_certificates(contest=contest, issue=True) == {
        "issued": 0,
        "revoked": 0,
        "valid": 4,
    }
    assert set(valid(contest).values_list("number", flat=True)) == numbers
    assert Certificate.objects.count() == 4 and CertificateLog.objects.count() == 4


def test_a_changed_result_revokes_its_certificate_and_reissues_with_a_new_number(contest):
    sync_certificates(contest=contest, issue=True)
    event = contest.events.get()
    first, _second = (
        valid(contest).filter(event=event).order_by("rank")
    )  # 一等奖 (rank 1), 二等奖 (rank 2)

    def swap(row):  # an objection upheld: the first two change places
        swapped = {1: (2, "二等奖"), 2: (1, "一等奖")}.get(row["position"])
        if swapped:
            row["rank"], row["tier"] = swapped
        return row

    republish(event, swap)
    result = sync_certificates(contest=contest, issue=False, note="objection upheld")
    assert result["revoked"] == 2 and result["issued"] == 0  # successors wait until final
    first.refresh_from_db()
    assert first.revoked_at is not None and first.revoked_because == "changed"
    assert CertificateLog.objects.filter(certificate=first, action="revoke").get().note == (
        "objection upheld"
    )
    sync_certificates(contest=contest, issue=True)
    first.refresh_from_db()
    successor = first.replaced_by
    assert successor.number != first.number and successor.award == "二等奖"
    assert successor.slot == first.slot and successor.revoked_at is None
    assert valid(contest).filter(kind="award").count() == 4


def test_a_withdrawn_entry_loses_its_certificate(contest):
    sync_certificates(contest=contest, issue=True)
    cert = valid(contest).filter(award="一等奖").get()
    Registration.objects.filter(pk=cert.registration_id).update(
        status=Registration.Status.WITHDRAWN
    )
    sync_certificates(contest=contest, issue=True)
    cert.refresh_from_db()
    assert cert.revoked_because == "removed" and cert.replaced_by is None
    assert not valid(contest).filter(registration_id=cert.registration_id).exists()


def test_a_promotion_earns_its_own_certificate(contest):
    event = contest.events.get()
    ResultRow.objects.filter(snapshot__event=event, position=3).update(promotion=3)
    sync_certificates(contest=contest, issue=True)
    cert = valid(contest).get(kind="promotion")
    with translation.override("zh-hans"):  # another test may leave English active
        assert cert.promotion == 3 and str(cert.award_text) == "高级工"
