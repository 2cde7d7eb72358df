"""The admin of the results part: read-only, and an officer sees only their subtree's rows;
the results' authors (workers) are not on the admin page."""

import pytest

from tests.factories import WorkerFactory
from tests.innovation.factories_results import PatentFactory, ResultFactory, TopicFactory
from tests.workers.test_admin import admin_client

pytestmark = pytest.mark.django_db


def test_an_officer_sees_the_results_of_their_subtree_only(union_tree, officer_b, officer_c):
    ResultFactory(studio__union=union_tree[1], title="管网泄漏声波定位仪")
    client = admin_client(officer_b)
    assert "管网泄漏声波定位仪" in client.get("/en/admin/innovation/innovationresult/").text
    assert (
        "管网泄漏声波定位仪"
        not in admin_client(officer_c).get("/en/admin/innovation/innovationresult/").text
    )


def test_a_result_in_the_admin_is_read_only_and_shows_no_authors(union_tree, officer_b):
    result = ResultFactory(studio__union=union_tree[1])
    PatentFactory(result=result)
    result.authors.add(WorkerFactory(employer=result.studio.employer, name="欧阳明华"))
    client = admin_client(officer_b)
    page = client.get(f"/en/admin/innovation/innovationresult/{result.pk}/change/")
    assert page.status_code == 200 and "欧阳明华" not in page.text
    assert client.get("/en/admin/innovation/innovationresult/add/").status_code == 403
    posted = client.post(f"/en/admin/innovation/innovationresult/{result.pk}/change/", {})
    assert posted.status_code == 403


@pytest.mark.parametrize(
    "path", ["innovationtopic", "researchproject", "patent", "exhibition", "auditentry"]
)
def test_the_results_part_is_listed_for_an_officer(path, union_tree, officer_b):
    TopicFactory(studio__union=union_tree[1])
    assert admin_client(officer_b).get(f"/en/admin/innovation/{path}/").status_code == 200
