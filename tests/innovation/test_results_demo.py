"""The demo step of studios' work (innovation.demo_results): without studios it says so and
writes nothing but the empty exhibition; with studios it records topics, projects, results
with patents and benefits, fills and publishes the exhibition; a second run changes nothing."""

import io

import pytest

from innovation import demo_results
from innovation.models import (
    AuditEntry,
    Exhibition,
    InnovationResult,
    InnovationTopic,
    Patent,
    ResearchProject,
)
from tests.factories import WorkerFactory
from tests.innovation.factories_results import StudioFactory
from unions import demo as unions_demo
from unions.models import Union

pytestmark = pytest.mark.django_db

OPTIONS = {"workers": 0, "seed": 2019}


@pytest.fixture
def unions():
    unions_demo.load(out=io.StringIO(), options=OPTIONS)


def _load() -> str:
    out = io.StringIO()
    demo_results.load(out=out, options=OPTIONS)
    return out.getvalue()


def test_without_studios_nothing_is_recorded_and_it_says_so(unions):
    text = _load()
    assert "no innovation studios yet" in text
    assert not InnovationResult.objects.exists()
    exhibition = Exhibition.objects.get(title=demo_results.EXHIBITION_TITLE)
    assert exhibition.published_at is None
    assert exhibition.sections.count() == len(demo_results.SECTIONS)


def test_studios_get_topics_projects_results_patents_and_an_exhibition(unions):
    for code in ("SH", "JS", "ZJ", "AH"):
        studio = StudioFactory(union=Union.objects.get(code=code))
        WorkerFactory.create_batch(2, employer=studio.employer)
    text = _load()
    assert InnovationTopic.objects.count() == 4 * 2
    assert ResearchProject.objects.count() == 4 * 3
    assert InnovationResult.objects.count() == 4 * 4
    assert InnovationResult.objects.filter(applied=True, benefit_yuan__gt=0).count() == 4 * 3
    assert Patent.objects.count() == 4 * 4
    exhibition = Exhibition.objects.get(title=demo_results.EXHIBITION_TITLE)
    assert exhibition.published_at is not None
    assert exhibition.items.count() == 4  # one applied result per studio
    assert AuditEntry.objects.filter(action="result.create").count() == 16
    assert "16 recorded for 4 studios" in text


def test_a_second_run_changes_nothing(unions):
    StudioFactory(union=Union.objects.get(code="SH"))
    _load()
    counts = [
        m.objects.count()
        for m in (InnovationTopic, InnovationResult, Patent, Exhibition, AuditEntry)
    ]
    _load()
    assert [
        m.objects.count()
        for m in (InnovationTopic, InnovationResult, Patent, Exhibition, AuditEntry)
    ] == counts


def test_results_are_entered_in_an_open_achievement_event(unions):
    from contests.models import Event
    from tests.factories import EventFactory

    shanghai = Union.objects.get(code="SH")
    event = EventFactory(contest__host_union=shanghai, kind=Event.Kind.ACHIEVEMENT)
    for _ in range(2):
        studio = StudioFactory(union=shanghai)
        WorkerFactory.create_batch(2, employer=studio.employer)
    text = _load()
    assert event.registrations.count() == demo_results.ENTERED
    assert InnovationResult.objects.filter(contest_achievement__isnull=False).count() == 2
    assert "2 results entered" in text
    _load()
    assert event.registrations.count() == demo_results.ENTERED
