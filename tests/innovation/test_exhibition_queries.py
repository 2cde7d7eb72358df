"""The public exhibition page, a result's page and the API lists read in a fixed number of
queries, whatever the number of results shown."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tests.factories import WorkerFactory
from tests.innovation.factories_results import (
    ExhibitionFactory,
    ItemFactory,
    PatentFactory,
    SectionFactory,
)

pytestmark = pytest.mark.django_db


def _exhibition(n: int):
    exhibition = ExhibitionFactory(published_at=timezone.now())
    sections = [SectionFactory(exhibition=exhibition) for _ in range(2)]
    for i in range(n):
        item = ItemFactory(section=sections[i % 2])
        item.result.authors.set(
            [WorkerFactory(employer=item.result.studio.employer) for _ in range(2)]
        )
        PatentFactory(result=item.result)
    return exhibition


def _queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@pytest.mark.parametrize(
    "url",
    ["/en/innovation/exhibitions/{pk}/", "/api/v1/innovation/exhibitions/{pk}/"],
)
def test_an_exhibition_reads_in_the_same_queries_for_2_or_6_results(client, url):
    small, large = _exhibition(2), _exhibition(6)
    assert _queries(client, url.format(pk=small.pk)) == _queries(client, url.format(pk=large.pk))


def test_the_api_result_list_reads_in_the_same_queries_for_2_or_6_results(client):
    _exhibition(2)
    few = _queries(client, "/api/v1/innovation/results/")
    _exhibition(4)
    assert _queries(client, "/api/v1/innovation/results/") == few
