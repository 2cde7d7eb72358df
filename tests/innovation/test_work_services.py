"""Topics and research projects: who may write them, what is refused, what is logged."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from innovation.models import AuditEntry, InnovationTopic, TopicStatus
from innovation.services.work import create_project, create_topic, update_project, update_topic
from tests.innovation.factories_results import ProjectFactory, StudioFactory, TopicFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def studio(union_tree):
    return StudioFactory(union=union_tree[1])


def test_an_officer_above_the_studio_creates_a_topic_and_it_is_logged(studio, officer_a):
    topic = create_topic(
        actor=officer_a, studio=studio, title=" 燃气表远程抄读 ", started_on="2019-03-01"
    )
    assert topic.title == "燃气表远程抄读"
    assert topic.status == TopicStatus.PROPOSED
    entry = AuditEntry.objects.get(target=f"topic:{topic.pk}")
    assert (entry.actor, entry.action, entry.new["title"]) == (
        officer_a,
        "topic.create",
        "燃气表远程抄读",
    )


def test_an_officer_of_another_union_may_not_create_a_topic(studio, officer_c):
    with pytest.raises(PermissionDenied):
        create_topic(actor=officer_c, studio=studio, title="x", started_on="2019-03-01")
    assert not InnovationTopic.objects.exists()


def test_a_topic_without_title_or_with_an_end_before_its_start_is_refused(studio, officer_a):
    with pytest.raises(ValidationError) as raised:
        create_topic(
            actor=officer_a, studio=studio, title="", started_on="2019-03-01", ended_on="2019-01-01"
        )
    assert set(raised.value.message_dict) == {"title", "ended_on"}


def test_a_future_or_malformed_date_is_refused(studio, officer_a):
    with pytest.raises(ValidationError) as raised:
        create_topic(actor=officer_a, studio=studio, title="x", started_on=dt.date(2999, 1, 1))
    assert "started_on" in raised.value.message_dict
    with pytest.raises(ValidationError):
        create_topic(actor=officer_a, studio=studio, title="x", started_on="2019-13-45")


def test_an_unknown_status_is_refused(studio, officer_a):
    with pytest.raises(ValidationError) as raised:
        create_topic(
            actor=officer_a, studio=studio, title="x", started_on="2019-03-01", status="won"
        )
    assert "status" in raised.value.message_dict


def test_updating_a_topic_logs_only_the_changed_fields_and_the_reason(officer_a, union_tree):
    topic = TopicFactory(studio__union=union_tree[1])
    update_topic(
        actor=officer_a, topic=topic, status="concluded", ended_on="2020-01-01", reason="结题"
    )
    entry = AuditEntry.objects.get(action="topic.update")
    assert entry.old == {"status": "proposed", "ended_on": None}
    assert entry.new == {"status": "concluded", "ended_on": "2020-01-01"}
    assert entry.reason == "结题"


def test_a_project_is_created_under_a_topic(officer_a, union_tree):
    topic = TopicFactory(studio__union=union_tree[1])
    project = create_project(
        actor=officer_a, topic=topic, title="管网检漏", started_on="2019-05-01"
    )
    assert project.topic == topic
    assert AuditEntry.objects.filter(action="project.create", studio=topic.studio).exists()


def test_a_project_of_another_union_may_not_be_changed(officer_c, union_tree):
    project = ProjectFactory(topic__studio__union=union_tree[1])
    with pytest.raises(PermissionDenied):
        update_project(actor=officer_c, project=project, title="x")


def test_a_field_that_is_not_editable_is_refused(officer_a, union_tree):
    project = ProjectFactory(topic__studio__union=union_tree[1])
    with pytest.raises(ValidationError):
        update_project(actor=officer_a, project=project, topic=None)
