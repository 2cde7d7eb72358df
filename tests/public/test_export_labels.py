"""Issue 12, item 10: the 单位类型 column of every results export shows the kind's label in
the requester's language, never its code (public_institution, non_public)."""

import csv
import io

import pytest

from tests.conftest import client_for
from tests.factories import OfficerFactory
from unions.models import Employer

pytestmark = pytest.mark.django_db

CODES = set(Employer.Kind.values)


@pytest.mark.parametrize(
    "language,labels",
    [
        ("zh-hans", {"国有企业", "外商投资企业", "非公企业"}),
        ("en", {"state-owned enterprise", "foreign-invested enterprise", "non-public enterprise"}),
    ],
)
def test_the_results_export_writes_work_unit_kinds_in_the_requesters_language(
    published, language, labels
):
    client = client_for(OfficerFactory(union=published["host"]).user)
    event = published["events"][0]
    response = client.get(
        f"/api/v1/events/{event.pk}/results-export/?file=csv", HTTP_ACCEPT_LANGUAGE=language
    )
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    kinds = {row[5] for row in rows[1:]}
    assert kinds and kinds <= labels and not kinds & CODES
