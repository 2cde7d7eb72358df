"""Console pages of studios' work: topics, projects, results, patents, entering a contest,
pictures and the dashboard figures; refusals and bad input."""

import io

import pytest
from django.test import Client
from PIL import Image

from contests.models import Event
from innovation.models import AuditEntry, InnovationResult, InnovationTopic, Patent, ResearchProject
from tests.factories import EventFactory, WorkerFactory
from tests.innovation.factories_results import (
    PatentFactory,
    ResultFactory,
    StudioFactory,
    TopicFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def studio(union_tree):
    return StudioFactory(union=union_tree[1], name="李明创新工作室")


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_work_page_lists_the_officer_studios_with_their_counts(studio, officer_a):
    TopicFactory(studio=studio)
    ResultFactory(studio=studio)
    StudioFactory(name="别处工作室")
    text = _client(officer_a).get("/en/manage/innovation/work/").content.decode()
    assert studio.name in text and "别处工作室" not in text


def test_a_studio_of_another_union_is_a_404(studio, officer_c):
    assert (
        _client(officer_c).get(f"/en/manage/innovation/studios/{studio.pk}/work/").status_code
        == 404
    )


def test_a_topic_and_a_project_are_added_from_the_studio_page(studio, officer_a):
    client = _client(officer_a)
    url = f"/en/manage/innovation/studios/{studio.pk}/"
    response = client.post(
        url + "topics/",
        {"topic-title": "管网检漏", "topic-status": "ongoing", "topic-started_on": "2019-01-01"},
    )
    assert response.status_code == 302
    topic = InnovationTopic.objects.get()
    response = client.post(
        url + "projects/",
        {
            "project-topic": topic.pk,
            "project-title": "声波检漏仪",
            "project-status": "ongoing",
            "project-started_on": "2019-02-01",
        },
    )
    assert response.status_code == 302
    assert ResearchProject.objects.get().topic == topic


def test_a_bad_topic_is_a_400_with_the_field_message(studio, officer_a):
    response = _client(officer_a).post(
        f"/en/manage/innovation/studios/{studio.pk}/topics/",
        {
            "topic-title": "x",
            "topic-status": "ongoing",
            "topic-started_on": "2019-05-01",
            "topic-ended_on": "2019-01-01",
        },
    )
    assert response.status_code == 400
    assert "The end comes before the start." in response.content.decode()
    assert not InnovationTopic.objects.exists()


def test_editing_a_topic_with_a_reason_is_logged_and_shown(studio, officer_a):
    topic = TopicFactory(studio=studio)
    client = _client(officer_a)
    response = client.post(
        f"/en/manage/innovation/topics/{topic.pk}/",
        {"title": topic.title, "status": "concluded", "started_on": "2018-01-01", "reason": "结题"},
    )
    assert response.status_code == 302
    assert "结题" in client.get(f"/en/manage/innovation/topics/{topic.pk}/").content.decode()


def test_a_result_is_recorded_with_a_patent_and_entered_in_a_contest(studio, officer_a, union_tree):
    author = WorkerFactory(employer=studio.employer)
    event = EventFactory(contest__host_union=union_tree[0], kind=Event.Kind.ACHIEVEMENT)
    client = _client(officer_a)
    response = client.post(
        f"/en/manage/innovation/studios/{studio.pk}/results/new/",
        {
            "title": "智能巡检机器人",
            "authors": [author.pk],
            "achieved_on": "2020-05-01",
            "applied": "on",
            "applied_on": "2020-06-01",
            "benefit_yuan": "500000",
            "benefit_basis": "节约人工",
        },
    )
    assert response.status_code == 302
    result = InnovationResult.objects.get()
    url = f"/en/manage/innovation/results/{result.pk}/"
    assert client.post(url + "patents/", {"patent-number": "ZL201710601862.3"}).status_code == 302
    assert Patent.objects.get().result == result
    assert client.post(url + "enter/", {"enter-event": event.pk}).status_code == 302
    result.refresh_from_db()
    assert result.contest_achievement is not None
    again = client.post(url + "enter/", {"enter-event": event.pk})
    assert again.status_code == 400


def test_a_bad_patent_number_is_a_400_and_nothing_is_written(studio, officer_a):
    result = ResultFactory(studio=studio)
    response = _client(officer_a).post(
        f"/en/manage/innovation/results/{result.pk}/patents/", {"patent-number": "ZL201510123456.7"}
    )
    assert response.status_code == 400
    assert "check digit" in response.content.decode()
    assert not Patent.objects.exists()


def test_removing_a_patent_of_another_union_is_a_404(studio, officer_c):
    patent = PatentFactory(result__studio=studio)
    response = _client(officer_c).post(f"/en/manage/innovation/patents/{patent.pk}/remove/")
    assert response.status_code == 404
    assert Patent.objects.exists()


def test_editing_a_result_keeps_the_reason_in_the_log(studio, officer_a):
    result = ResultFactory(studio=studio)
    response = _client(officer_a).post(
        f"/en/manage/innovation/results/{result.pk}/",
        {"title": "新名称", "achieved_on": "2019-06-01", "reason": "更名"},
    )
    assert response.status_code == 302
    entry = AuditEntry.objects.get(action="result.update")
    assert (entry.new["title"], entry.reason) == ("新名称", "更名")


def test_a_picture_is_uploaded_from_the_result_page(studio, officer_a, settings):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    }
    result = ResultFactory(studio=studio)
    data = io.BytesIO()
    Image.new("RGB", (20, 20)).save(data, format="PNG")
    data.name = "photo.png"
    data.seek(0)
    response = _client(officer_a).post(
        f"/en/manage/innovation/results/{result.pk}/images/",
        {"image-image": data, "image-caption": "现场"},
    )
    assert response.status_code == 302, response.content.decode()[-3000:]
    assert result.images.get().caption == "现场"


def test_the_dashboard_block_shows_the_officer_subtree_figures(studio, officer_a):
    ResultFactory(studio=studio, applied=True)
    text = _client(officer_a).get("/en/manage/innovation/dashboard/").content.decode()
    assert "In the area of 甲工会, 1 worker innovation studios have been set up" in text


def test_the_dashboard_block_is_empty_without_studios(union_tree, officer_c):
    text = _client(officer_c).get("/en/manage/innovation/dashboard/").content.decode()
    assert "innovation-figures" not in text


def test_the_dashboard_loads_the_block(union_tree, officer_a):
    text = _client(officer_a).get("/en/manage/").content.decode()
    assert "/manage/innovation/dashboard/" in text


def test_a_worker_may_not_open_the_console_pages(studio, worker_user):
    assert _client(worker_user).get("/en/manage/innovation/work/").status_code == 403
