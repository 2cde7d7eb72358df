"""Issue 13, item 4: a masked worker never narrows the ID number to a few candidates, and a
search by a full ID number answers only where the full number may be seen, recorded.

Officers of the worker's subtree may see the full number on the console's recorded reveal;
everywhere else (API list and detail, admin) it is masked, with the birth year at most.
"""

import datetime as dt

import pytest

from core.validators import make_id_number, mask_id_number
from tests.workers.test_admin import admin_client
from workers.models import IdNumberDisclosure, Worker

pytestmark = pytest.mark.django_db


def _hidden_parts(worker: Worker) -> list[str]:
    """What a masked view must not show: the district digits, the birth date, the serial."""
    b = worker.birth_date
    return [
        worker.id_number[4:16],
        f"{b:%Y%m%d}",
        b.isoformat(),
        f"{b:%m%d}" + worker.id_number[14:16],
    ]


def test_masked_id_number_keeps_the_region_prefix_and_last_two_characters():
    number = make_id_number("320100", dt.date(1967, 12, 18), 24)
    assert mask_id_number(number) == number[:4] + "*" * 12 + number[-2:]
    assert mask_id_number("12345") == "*****"  # a stray short value is masked whole


@pytest.mark.parametrize("role", ["officer_a", "officer_b", "superuser"])
def test_the_api_shows_the_birth_year_not_the_birth_date(world, as_role, role):
    worker = world["worker"]
    detail = as_role(role).get(f"/api/v1/workers/{worker.pk}/").data
    listed = as_role(role).get("/api/v1/workers/").data["results"]
    assert detail["birth_year"] == worker.birth_date.year and "birth_date" not in detail
    for body in (str(detail), str(listed)):
        for part in _hidden_parts(worker):
            assert part not in body


def test_a_search_by_full_id_number_finds_the_worker_in_the_subtree_and_is_recorded(
    world, as_role, officer_b
):
    worker = world["worker"]
    found = as_role("officer_b").get("/api/v1/workers/", {"search": worker.id_number.lower()})
    assert [w["id"] for w in found.data["results"]] == [worker.pk]
    disclosure = IdNumberDisclosure.objects.get()
    assert (disclosure.worker, disclosure.viewer) == (worker, officer_b)


def test_a_search_by_full_id_number_confirms_nothing_outside_the_subtree(world, as_role):
    worker = world["worker"]
    response = as_role("officer_c").get("/api/v1/workers/", {"search": worker.id_number})
    assert response.status_code == 200 and response.data["results"] == []
    assert not IdNumberDisclosure.objects.exists()


def test_a_part_of_an_id_number_finds_nothing(world, as_role):
    worker = world["worker"]
    for part in (worker.id_number[:14], worker.id_number[-6:]):
        response = as_role("officer_b").get("/api/v1/workers/", {"search": part})
        assert response.data["results"] == []


def test_workers_cannot_be_sorted_by_birth_date(world, as_role):
    # Sorting against workers of known birth dates would bracket anyone's date.
    employer = world["worker"].employer
    for day, serial in ((dt.date(1999, 1, 1), 1), (dt.date(1960, 1, 1), 2)):
        Worker.objects.create(
            name=f"排序{serial}",
            id_number=make_id_number("320100", day, serial),
            birth_date=day,
            sex="F",
            employer=employer,
        )
    client = as_role("officer_b")
    by_birth = client.get("/api/v1/workers/", {"ordering": "birth_date"}).data["results"]
    by_default = client.get("/api/v1/workers/").data["results"]
    assert [w["id"] for w in by_birth] == [w["id"] for w in by_default]


def test_the_admin_change_page_masks_the_phone_and_the_birth_date(world, officer_b):
    worker = world["worker"]
    page = admin_client(officer_b).get(f"/admin/workers/worker/{worker.pk}/change/")
    body = page.content.decode()
    assert page.status_code == 200 and mask_id_number(worker.id_number) in body
    assert worker.phone not in body and str(worker.birth_date.year) in body
    for part in _hidden_parts(worker):
        assert part not in body


def test_the_admin_keeps_a_phone_sent_back_masked_and_takes_a_new_one(world, officer_b):
    worker = world["worker"]
    client = admin_client(officer_b)
    form = {
        "name": worker.name,
        "employer": worker.employer_id,
        "occupation": "焊工",
        "skill_grade": 2,
    }
    url = f"/admin/workers/worker/{worker.pk}/change/"
    page = client.get(url).content.decode()
    masked = page.split('name="phone" value="')[1].split('"')[0]
    assert masked != worker.phone
    assert client.post(url, {**form, "phone": masked}).status_code == 302
    worker_after = Worker.objects.get(pk=worker.pk)
    assert (worker_after.phone, worker_after.occupation) == (worker.phone, "焊工")
    assert client.post(url, {**form, "phone": "13912345678"}).status_code == 302
    assert Worker.objects.get(pk=worker.pk).phone == "13912345678"


def test_an_admin_search_by_full_id_number_is_recorded_and_scoped(world, officer_b, officer_c):
    worker = world["worker"]
    found = admin_client(officer_b).get("/admin/workers/worker/", {"q": worker.id_number})
    assert worker.name in found.content.decode()
    assert IdNumberDisclosure.objects.get().viewer == officer_b
    missed = admin_client(officer_c).get("/admin/workers/worker/", {"q": worker.id_number})
    assert worker.name not in missed.content.decode()
    assert IdNumberDisclosure.objects.count() == 1
