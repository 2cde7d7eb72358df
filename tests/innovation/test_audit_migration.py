"""The migration that made one audit: the results part's work-log rows move into the audit,
each scoped to its studio's union (or its exhibition's), with its own time."""

import datetime as dt

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from innovation.models import AuditEntry
from tests.factories import UserFactory
from tests.innovation.factories_results import ExhibitionFactory
from tests.innovation.factories_studios import StudioFactory

BEFORE = [("innovation", "0004_results")]
AFTER = [("innovation", "0005_one_audit")]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True)
def test_work_log_rows_move_into_the_audit_with_their_union_and_time():
    studio = StudioFactory()
    exhibition = ExhibitionFactory()
    actor = UserFactory()
    old_apps = _migrate(BEFORE)
    try:
        WorkLog = old_apps.get_model("innovation", "WorkLog")
        then = timezone.now() - dt.timedelta(days=30)
        WorkLog.objects.create(
            studio_id=studio.pk, actor_id=actor.pk, action="result.create", target="result:7"
        )
        WorkLog.objects.create(
            actor_id=actor.pk,
            action="exhibition.update",
            target=f"exhibition:{exhibition.pk}",
            old={"title": "a"},
            new={"title": "b"},
            reason="改名",
        )
        WorkLog.objects.filter(action="result.create").update(at=then)
    finally:
        _migrate(AFTER)
    by_result = AuditEntry.objects.get(target="result:7")
    assert (by_result.union_id, by_result.studio_id, by_result.at) == (
        studio.union_id,
        studio.pk,
        then,
    )
    by_show = AuditEntry.objects.get(target=f"exhibition:{exhibition.pk}")
    assert (by_show.union_id, by_show.studio_id, by_show.reason) == (
        exhibition.union_id,
        None,
        "改名",
    )
    assert by_show.new == {"title": "b"}
