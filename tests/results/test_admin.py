import pytest
from django.test import Client

from results import services
from results.models import ResultSnapshot
from tests.results.factories import EntryFactory, give_marks, make_scheme

pytestmark = pytest.mark.django_db


@pytest.fixture
def snapshot(event, judges):
    _, crits = make_scheme(event)
    give_marks(EntryFactory(event=event), crits, {"T": [90] * 3, "P": [9] * 5}, judges)
    return services.compute_event(event_id=event.pk)


def test_snapshots_are_scoped_to_the_officers_subtree(snapshot, officer_a, officer_b, officer_c):
    assert list(ResultSnapshot.objects.restrict(officer_a)) == [snapshot]
    assert not ResultSnapshot.objects.restrict(officer_b).exists()  # contest hosted above B
    assert not ResultSnapshot.objects.restrict(officer_c).exists()


def test_admin_lists_snapshots_read_only(snapshot, officer_a, officer_c):
    for user in (officer_a, officer_c):
        user.is_staff = True
        user.save()
    client = Client()
    client.force_login(officer_a)
    page = client.get("/en/admin/results/resultsnapshot/")
    assert page.status_code == 200 and snapshot.event.name in page.content.decode()
    assert client.get(f"/en/admin/results/resultsnapshot/{snapshot.pk}/change/").status_code == 200
    client.force_login(officer_c)
    page = client.get("/en/admin/results/resultsnapshot/")
    assert snapshot.event.name not in page.content.decode()
