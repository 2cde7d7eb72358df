"""The demo's contests at every stage (console.demo), on the whole demo, loaded once.

The load is one transaction kept open for the module and rolled back at its end; each
test runs in a savepoint inside it (pytest-django's `db`), so the demo (about 20 s) is
loaded once, and a test's own writes (the second run) still vanish after it.
"""

import datetime as dt
import importlib
import io
from collections import Counter

import pytest
from django.db import transaction
from django.db.models import Count, Q, Sum
from django.utils import timezone

from console import demo
from console.management.commands.load_demo import STEPS
from contests.models import Contest, Event, Registration
from core.models import User
from judging.models import Criterion, JudgeAssignment, Mark, MarkLog
from judging.selectors import judging_status
from public.models import Objection
from results.models import AwardSnapshot, ResultSnapshot
from tests.conftest import ensure_reference_data

OPTIONS = {"workers": 400, "seed": 2019}
STAGES = ["draft", "open", "judging", "computed", "notice", "final"]


def load() -> None:
    for name in STEPS:
        importlib.import_module(name).load(out=io.StringIO(), options=OPTIONS)


@pytest.fixture(scope="module")
def loaded(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        ensure_reference_data()  # an earlier transactional test may have flushed it
        load()
        yield
        transaction.set_rollback(True)


pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("loaded")]


def event_stage(event: Event, now: dt.datetime) -> str:
    """After registration: judging, computed (not public), in notice or final."""
    current = ResultSnapshot.objects.filter(event=event, is_current=True).first()
    public = ResultSnapshot.objects.filter(event=event, is_public=True).first()
    if public is not None and (current is None or current.pk == public.pk):
        ends = public.published_at + dt.timedelta(days=event.contest.notice_days)
        objections = Objection.objects.filter(event=event, status="open").exists()
        return "notice" if now < ends or objections else "final"
    return "computed" if current is not None and current.complete else "judging"


def stage(contest: Contest) -> str:
    """A contest's stage, from model state: its status until registration closes, then its
    least advanced event with entries."""
    if contest.status in ("draft", "open"):
        return contest.status
    now = timezone.now()
    events = contest.events.filter(registrations__status="approved").distinct()
    return min((event_stage(e, now) for e in events), key=STAGES.index)


def user(username: str) -> User:
    return User.objects.get(username=username)


def test_officer_ht_has_a_contest_at_every_stage_and_officer_sh_sees_them():
    for officer in ("officer_ht", "officer_sh"):
        seen = Counter(stage(c) for c in Contest.objects.restrict(user(officer)))
        assert set(seen) == set(STAGES), officer
    hosted = Contest.objects.filter(host_union__code=demo.HOST, series__name=demo.SERIES)
    assert sorted((stage(c) for c in hosted), key=STAGES.index) == STAGES


def test_the_draft_has_an_event_and_a_scheme_without_tiers_and_the_open_one_entries_to_decide():
    draft = Contest.objects.get(name=demo.PLANS[0].name)
    event = draft.events.get()
    assert event.scheme.award_tiers == [] and Criterion.objects.filter(event=event).exists()
    open_ = Contest.objects.get(name=demo.PLANS[1].name)
    assert open_.registration_opens < timezone.now() < open_.registration_closes
    assert open_.registrations.filter(status="pending").count() >= 3


def test_judge01_has_entries_left_to_mark_and_the_panel_a_divergence_to_review():
    # judge01 may also sit on a 2019 panel, depending on the draw of the 2019 judging demo.
    assignment = JudgeAssignment.objects.get(
        judge__user__username="judge01", event__contest__name=demo.PLANS[2].name
    )
    event = assignment.event
    assert stage(event.contest) == "judging" and assignment.submitted_at is None
    entries = event.registrations.filter(status="approved").count()
    marked = Mark.objects.filter(event=event, judge=assignment.judge).count()
    assert 0 < marked < entries
    status = judging_status(event)
    assert status["summary"]["missing_marks"] == entries - marked
    assert len(status["divergent"]) == 1


def test_the_published_contests_are_dated_as_published_before_now():
    notice = Contest.objects.get(name=demo.PLANS[4].name)
    final = Contest.objects.get(name=demo.PLANS[5].name)
    now = timezone.now()
    for contest, days in ((notice, 2), (final, 90)):
        snaps = ResultSnapshot.objects.filter(event__contest=contest, is_public=True)
        assert snaps.exists()
        for snap in snaps:
            assert abs(now - snap.published_at - dt.timedelta(days=days)) < dt.timedelta(hours=1)
            assert snap.created_at <= snap.published_at
            last_mark = Mark.objects.filter(event=snap.event).latest("updated_at").updated_at
            assert contest.contest_date < last_mark.date() and last_mark < snap.created_at
        awards = AwardSnapshot.objects.get(contest=contest, is_public=True)
        assert awards.published_at < now - dt.timedelta(days=days - 1)
    assert final.registration_closes.date() < final.contest_date


def test_worker_demo_has_entries_at_several_stages_and_an_open_objection():
    me = user("worker_demo")
    entries = Registration.objects.filter(
        contest__series__name=demo.SERIES, members__worker__user=me
    ).select_related("contest")
    assert {stage(r.contest) for r in entries} >= {"open", "judging", "notice", "final"}
    assert entries.filter(team__isnull=False).exists()
    objection = Objection.objects.get(filed_by=me)
    assert objection.status == "open" and stage(objection.event.contest) == "notice"


def test_stage_marks_look_like_a_real_contest():
    totals = [
        row
        for snap in ResultSnapshot.objects.filter(
            event__contest__series__name=demo.SERIES, is_current=True, ranked__gt=0
        )
        for row in snap.rows.exclude(total=None).values_list("total", flat=True)
    ]
    assert len(totals) > 50
    assert sum(t == 100 for t in totals) <= 0.03 * len(totals)
    assert len(set(totals)) > 0.8 * len(totals)
    assert 70 <= sum(totals) / len(totals) <= 86


def state() -> dict:
    """Everything the demo writes, counted and summed."""
    marks = Mark.objects.aggregate(
        n=Count("id"), total=Sum("value"), locked=Count("id", filter=Q(locked=True))
    )
    return {
        "users": User.objects.count(),
        "contests": list(Contest.objects.order_by("id").values_list("id", "status", "created_at")),
        "events": Event.objects.count(),
        "entries": list(
            Registration.objects.values("status").annotate(n=Count("id")).order_by("status")
        ),
        "criteria": Criterion.objects.count(),
        "assignments": list(
            JudgeAssignment.objects.order_by("id").values_list("id", "submitted_at", "chief")
        ),
        "marks": marks,
        "log": MarkLog.objects.count(),
        "snapshots": list(
            ResultSnapshot.objects.order_by("id").values_list(
                "id", "is_current", "is_public", "published_at"
            )
        ),
        "awards": list(AwardSnapshot.objects.values_list("id", "is_public", "published_at")),
        "objections": list(Objection.objects.values_list("id", "status")),
    }


def test_a_second_run_changes_nothing():
    before = state()
    load()
    assert state() == before
