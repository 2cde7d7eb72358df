"""The full ID number reaches an officer only through reveal_id_number, which records it."""

import pytest
from django.core.exceptions import PermissionDenied

from tests.factories import EmployerFactory, UnionFactory, WorkerFactory
from workers.models import IdNumberDisclosure
from workers.selectors import id_number_disclosures, reveal_id_number

pytestmark = pytest.mark.django_db


@pytest.fixture
def worker_b(union_tree):
    return WorkerFactory(employer=EmployerFactory(union=union_tree[1]))


def test_an_officer_above_the_workers_union_sees_it_once_recorded(worker_b, officer_a):
    assert reveal_id_number(viewer=officer_a, worker=worker_b) == worker_b.id_number
    disclosure = IdNumberDisclosure.objects.get()
    assert (disclosure.worker, disclosure.viewer) == (worker_b, officer_a)
    assert disclosure.at is not None


def test_each_display_is_one_record_listed_latest_first(worker_b, officer_a, officer_b):
    reveal_id_number(viewer=officer_a, worker=worker_b)
    reveal_id_number(viewer=officer_b, worker=worker_b)
    assert [d.viewer for d in id_number_disclosures(worker=worker_b)] == [officer_b, officer_a]


def test_a_superuser_may_see_it(worker_b, superuser):
    assert reveal_id_number(viewer=superuser, worker=worker_b) == worker_b.id_number


def test_an_officer_of_another_subtree_is_refused_and_nothing_is_recorded(worker_b, officer_c):
    with pytest.raises(PermissionDenied):
        reveal_id_number(viewer=officer_c, worker=worker_b)
    assert not IdNumberDisclosure.objects.exists()


def test_an_officer_below_the_workers_union_is_refused(union_tree, officer_b):
    above = WorkerFactory(employer=EmployerFactory(union=union_tree[0]))
    with pytest.raises(PermissionDenied):
        reveal_id_number(viewer=officer_b, worker=above)


def test_the_worker_themself_is_refused_here(worker_b):
    with pytest.raises(PermissionDenied):
        reveal_id_number(viewer=worker_b.user, worker=worker_b)


def test_disclosures_are_scoped_like_their_worker(worker_b, officer_a, officer_c):
    reveal_id_number(viewer=officer_a, worker=worker_b)
    other = WorkerFactory(employer=EmployerFactory(union=UnionFactory()))
    assert IdNumberDisclosure.objects.restrict(officer_a).count() == 1
    assert IdNumberDisclosure.objects.restrict(officer_c).count() == 0
    assert other.id_disclosures.count() == 0
