"""/api/v1/innovation/: public reads without personal data; officers' writes through the
services (400 with field messages, 403/404 outside the subtree)."""

import pytest
from django.utils import timezone

from contests.models import Event
from innovation.models import InnovationResult, InnovationTopic, Patent, ResearchProject
from tests.conftest import client_for
from tests.factories import EventFactory, WorkerFactory
from tests.innovation.factories_results import (
    ExhibitionFactory,
    ItemFactory,
    PatentFactory,
    ResultFactory,
    SectionFactory,
    StudioFactory,
    TopicFactory,
)

pytestmark = pytest.mark.django_db

API = "/api/v1/innovation"


@pytest.fixture
def studio(union_tree):
    return StudioFactory(union=union_tree[1])


@pytest.fixture
def public_item(studio):
    author = WorkerFactory(employer=studio.employer, name="欧阳明华")
    result = ResultFactory(studio=studio, title="公开成果")
    result.authors.set([author])
    item = ItemFactory(result=result)
    item.exhibition.published_at = timezone.now()
    item.exhibition.save()
    return item, author


def test_anonymous_readers_see_only_exhibited_results_with_masked_authors(public_item, api):
    _item, author = public_item
    hidden = ResultFactory(title="未展出")
    body = api.get(f"{API}/results/").json()
    titles = [r["title"] for r in body["results"]]
    assert titles == ["公开成果"]
    row = body["results"][0]
    assert row["authors"] == ["欧**华"]
    text = str(body)
    for personal in (author.name, author.phone, author.id_number):
        assert personal not in text
    assert "author_ids" not in row and "patent_ids" not in row
    assert api.get(f"{API}/results/{hidden.pk}/").status_code == 404


def test_an_officer_sees_the_subtree_results_too(studio, officer_a):
    ResultFactory(studio=studio, title="本级成果")
    body = client_for(officer_a).get(f"{API}/results/").json()
    assert [r["title"] for r in body["results"]] == ["本级成果"]


def test_an_officer_records_a_result_with_a_patent_and_enters_it(studio, officer_a, union_tree):
    author = WorkerFactory(employer=studio.employer)
    client = client_for(officer_a)
    response = client.post(
        f"{API}/results/",
        {
            "studio": studio.pk,
            "title": "智能巡检机器人",
            "achieved_on": "2020-05-01",
            "authors": [author.pk],
            "benefit_yuan": "120000.00",
            "benefit_basis": "节约人工",
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    pk = response.json()["id"]
    response = client.post(f"{API}/results/{pk}/patents/", {"number": "ZL201710601862.3"})
    assert response.status_code == 201
    assert response.json()["kind"] == "1"
    event = EventFactory(contest__host_union=union_tree[0], kind=Event.Kind.ACHIEVEMENT)
    assert client.post(f"{API}/results/{pk}/enter/", {"event": event.pk}).status_code == 201
    again = client.post(f"{API}/results/{pk}/enter/", {"event": event.pk})
    assert again.status_code == 400
    assert "event" in again.json()


def test_a_bad_patent_number_is_a_400_with_the_field(studio, officer_a):
    result = ResultFactory(studio=studio)
    response = client_for(officer_a).post(
        f"{API}/results/{result.pk}/patents/", {"number": "ZL201510123456.7"}
    )
    assert response.status_code == 400
    assert "number" in response.json()
    assert not Patent.objects.exists()


def test_a_benefit_without_basis_is_a_400(studio, officer_a):
    response = client_for(officer_a).post(
        f"{API}/results/",
        {"studio": studio.pk, "title": "x", "achieved_on": "2020-01-01", "benefit_yuan": "5"},
        format="json",
    )
    assert response.status_code == 400
    assert "benefit_basis" in response.json()
    assert not InnovationResult.objects.exists()


def test_a_result_of_another_union_cannot_be_changed(studio, officer_c):
    result = ResultFactory(studio=studio)
    response = client_for(officer_c).patch(f"{API}/results/{result.pk}/", {"title": "x"})
    assert response.status_code == 404


def test_anonymous_writes_are_refused(studio, api):
    response = api.post(f"{API}/results/", {"studio": studio.pk, "title": "x"}, format="json")
    assert response.status_code in (401, 403)


def test_topics_and_projects_are_written_and_listed_by_officers(studio, officer_a, api):
    client = client_for(officer_a)
    response = client.post(
        f"{API}/topics/",
        {"studio": studio.pk, "title": "管网检漏", "started_on": "2019-01-01", "status": "ongoing"},
        format="json",
    )
    assert response.status_code == 201
    topic = InnovationTopic.objects.get()
    response = client.post(
        f"{API}/projects/",
        {"topic": topic.pk, "title": "声波检漏", "started_on": "2019-02-01", "status": "ongoing"},
        format="json",
    )
    assert response.status_code == 201
    assert ResearchProject.objects.get().topic == topic
    patched = client.patch(
        f"{API}/topics/{topic.pk}/", {"status": "concluded", "reason": "结题"}, format="json"
    )
    assert patched.json()["status"] == "concluded"
    assert [t["title"] for t in client.get(f"{API}/topics/").json()["results"]] == ["管网检漏"]
    assert api.get(f"{API}/topics/").status_code in (401, 403)


def test_a_topic_for_a_studio_outside_the_subtree_is_a_404(studio, officer_c):
    response = client_for(officer_c).post(
        f"{API}/topics/",
        {"studio": studio.pk, "title": "x", "started_on": "2019-01-01", "status": "ongoing"},
        format="json",
    )
    assert response.status_code == 404
    assert not InnovationTopic.objects.exists()


def test_changing_a_topic_of_another_union_is_a_404(union_tree, officer_c):
    topic = TopicFactory(studio__union=union_tree[1])
    response = client_for(officer_c).patch(f"{API}/topics/{topic.pk}/", {"title": "x"})
    assert response.status_code == 404


def test_the_public_reads_published_exhibitions_with_sections_in_order(public_item, api):
    item, author = public_item
    ExhibitionFactory(title="草稿展")
    listed = api.get(f"{API}/exhibitions/").json()["results"]
    assert [e["title"] for e in listed] == [item.exhibition.title]
    body = api.get(f"{API}/exhibitions/{item.exhibition.pk}/").json()
    assert body["sections"][0]["results"][0]["authors"] == ["欧**华"]
    assert author.name not in str(body)


def test_a_draft_exhibition_is_a_404_for_the_public(api):
    assert api.get(f"{API}/exhibitions/{ExhibitionFactory().pk}/").status_code == 404


def test_an_officer_curates_and_publishes_through_the_api(union_tree, officer_a):
    client = client_for(officer_a)
    response = client.post(
        f"{API}/exhibitions/", {"union": union_tree[0].pk, "title": "成果展"}, format="json"
    )
    assert response.status_code == 201
    pk = response.json()["id"]
    section = client.post(f"{API}/exhibitions/{pk}/sections/", {"title": "智能制造"}).json()
    result = ResultFactory()
    item = client.post(
        f"{API}/exhibitions/{pk}/items/", {"section": section["id"], "result": result.pk}
    )
    assert item.status_code == 201
    moved = client.patch(
        f"{API}/exhibition-items/{item.json()['id']}/", {"order": 4}, format="json"
    )
    assert moved.json()["order"] == 4
    published = client.post(f"{API}/exhibitions/{pk}/publish/", {"published": True}, format="json")
    assert published.json()["published"] is True


def test_a_section_of_another_exhibition_is_a_400(union_tree, officer_a):
    exhibition = ExhibitionFactory(union=union_tree[0])
    other = SectionFactory()
    response = client_for(officer_a).post(
        f"{API}/exhibitions/{exhibition.pk}/items/",
        {"section": other.pk, "result": ResultFactory().pk},
    )
    assert response.status_code == 400
    assert "section" in response.json()


@pytest.mark.parametrize("value", [True, "1", 0, -1, 2**31, None])
def test_a_new_result_names_its_studio_by_a_positive_integer_id(studio, officer_a, value):
    response = client_for(officer_a).post(
        f"{API}/results/",
        {"studio": value, "title": "x", "achieved_on": "2019-01-01"},
        format="json",
    )
    assert response.status_code == 400
    assert "studio" in response.json()
    assert not InnovationResult.objects.exists()


def test_a_result_shown_in_an_exhibition_of_another_union_cannot_be_moved_or_removed(
    union_tree, officer_c
):
    item = ItemFactory(section__exhibition__union=union_tree[1])
    client = client_for(officer_c)
    assert client.patch(f"{API}/exhibition-items/{item.pk}/", {"order": 3}).status_code == 404
    assert client.delete(f"{API}/exhibition-items/{item.pk}/").status_code == 404
    item.refresh_from_db()
    assert item.order != 3


def test_a_patent_of_another_union_cannot_be_removed(union_tree, officer_c):
    result = ResultFactory(studio__union=union_tree[1])
    patent = PatentFactory(result=result)
    assert client_for(officer_c).delete(f"{API}/patents/{patent.pk}/").status_code == 404
    assert Patent.objects.filter(pk=patent.pk).exists()
