"""compute_event / compute_awards / publish / draws / promotions against the database."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from contests.models import Contest, Event
from judging.models import Mark
from results import services
from results.models import AwardRow, PromotionRecord, ResultRow, ResultSnapshot
from tests.factories import EventFactory, TeamFactory, WorkerFactory
from tests.results.factories import EntryFactory, give_marks, make_scheme, penalise

D = Decimal
GOOD = {"T": [80, 90, 85], "P": [8, 9, 7, 10, 6]}  # 25.50 + 56.00 = 81.50
BEST = {"T": [100, 100, 100], "P": [10, 10, 10, 10, 10]}  # 30 + 70 = 100.00

pytestmark = pytest.mark.django_db


def rows(snapshot):
    return list(snapshot.rows.order_by("position"))


def test_compute_writes_version_one_current_with_hand_computed_totals(event, judges):
    _, crits = make_scheme(event)
    a = EntryFactory(event=event, worker__name="李建兵")
    b = EntryFactory(event=event)
    give_marks(a, crits, GOOD, judges)
    give_marks(b, crits, BEST, judges)
    snap = services.compute_event(event_id=event.pk)
    assert (snap.version, snap.is_current, snap.is_public, snap.complete) == (1, True, False, True)
    first, second = rows(snap)
    assert (first.registration_id, first.rank, first.total) == (b.pk, 1, D("100.00"))
    assert (second.registration_id, second.rank, second.total) == (a.pk, 2, D("81.50"))
    assert second.criteria == {"T": "25.50", "P": "56.00"}
    assert (second.display_name, second.masked_name) == ("李建兵", "李*兵")
    worker = a.worker
    assert second.employer_name == worker.employer.name
    assert second.region_path == worker.employer.region.path
    assert second.union_path == worker.employer.union.path
    assert second.bib == a.bib


def test_penalties_are_deducted_and_shown(event, judges):
    _, crits = make_scheme(event)
    a = EntryFactory(event=event)
    give_marks(a, crits, GOOD, judges)
    penalise(a, "1.5")
    penalise(a, 1)
    [row] = rows(services.compute_event(event_id=event.pk))
    # 81.50 - 2.50 = 79.00
    assert (row.total, row.penalties) == (D("79.00"), D("2.50"))


def test_rerun_on_same_marks_gives_version_two_with_identical_rows(event, judges):
    _, crits = make_scheme(event, award_tiers="prizes_10_20_30")
    for marks in (GOOD, BEST, GOOD):
        give_marks(EntryFactory(event=event), crits, marks, judges)
    one = services.compute_event(event_id=event.pk)
    two = services.compute_event(event_id=event.pk)
    one.refresh_from_db()
    assert (one.is_current, two.is_current, two.version) == (False, True, 2)
    fields = [f.name for f in ResultRow._meta.fields if f.name not in ("id", "snapshot")]
    assert list(one.rows.order_by("position").values_list(*fields)) == list(
        two.rows.order_by("position").values_list(*fields)
    )
    assert one.fingerprint == two.fingerprint


def test_marks_are_read_set_based_not_per_entry(event, judges, contest):
    def queries(n):
        ev = EventFactory(contest=contest)
        _, crits = make_scheme(ev)
        for _i in range(n):
            give_marks(EntryFactory(event=ev), crits, GOOD, judges)
        with CaptureQueriesContext(connection) as ctx:
            services.compute_event(event_id=ev.pk)
        return len(ctx.captured_queries)

    assert queries(2) == queries(25)


def test_incomplete_entry_is_listed_last_without_rank(event, judges):
    _, crits = make_scheme(event)
    a = EntryFactory(event=event)
    b = EntryFactory(event=event)
    give_marks(a, crits, {"T": [100, 100], "P": [10] * 5}, judges)  # 2 of 3 theory marks
    give_marks(b, crits, GOOD, judges)
    snap = services.compute_event(event_id=event.pk)
    assert not snap.complete and snap.stats["incomplete"] == 1
    last = rows(snap)[-1]
    assert (last.registration_id, last.rank, last.total, last.complete) == (a.pk, None, None, False)


def test_pending_and_withdrawn_entries_are_left_out(event, judges):
    _, crits = make_scheme(event)
    give_marks(EntryFactory(event=event), crits, GOOD, judges)
    give_marks(EntryFactory(event=event, status="withdrawn"), crits, BEST, judges)
    EntryFactory(event=event, status="pending")
    snap = services.compute_event(event_id=event.pk)
    assert snap.entries == 1


def test_divergent_marks_make_the_snapshot_incomplete(event, judges):
    _, crits = make_scheme(event, criteria=[("J", 100, 3, "mean", 3, "1")])
    give_marks(EntryFactory(event=event), crits, {"J": [0, 3, 2]}, judges)
    snap = services.compute_event(event_id=event.pk)
    assert snap.stats["divergent"] == 1 and not snap.complete


def test_event_without_scheme_is_refused(event):
    with pytest.raises(ValidationError) as err:
        services.compute_event(event_id=event.pk)
    assert "scheme" in err.value.message_dict


def test_team_event_sums_members_best_individual_totals(contest, judges):
    individual = EventFactory(contest=contest)
    _, crits = make_scheme(individual)
    w1, w2 = WorkerFactory(), WorkerFactory()
    give_marks(EntryFactory(event=individual, worker=w1), crits, GOOD, judges)
    give_marks(EntryFactory(event=individual, worker=w2), crits, BEST, judges)
    services.compute_event(event_id=individual.pk)
    team_event = EventFactory(contest=contest, kind=Event.Kind.TEAM)
    make_scheme(team_event, team_aggregation="sum")
    team = TeamFactory(employer=w1.employer)
    reg = EntryFactory(event=team_event, worker=None, team=team, employer=w1.employer)
    reg.members.create(event=team_event, worker=w1)
    reg.members.create(event=team_event, worker=w2)
    [row] = rows(services.compute_event(event_id=team_event.pk))
    # 81.50 + 100.00 = 181.50
    assert (row.total, row.rank, row.display_name, row.masked_name) == (
        D("181.50"),
        1,
        team.name,
        team.name,
    )


def _two_tied(event, judges, **scheme):
    _, crits = make_scheme(event, **scheme)
    a, b = EntryFactory(event=event), EntryFactory(event=event)
    give_marks(a, crits, GOOD, judges)
    give_marks(b, crits, GOOD, judges)
    return a, b


def test_forbidden_shared_places_wait_for_a_draw_then_say_so(event, judges, officer_a):
    a, b = _two_tied(event, judges, shared_places=False)
    snap = services.compute_event(event_id=event.pk)
    assert [r.decided_by for r in rows(snap)] == ["needs_draw", "needs_draw"]
    assert not snap.complete
    services.record_draw(
        actor=officer_a, event=event, lots=[{"registration": a.pk, "lot": 2},
                                            {"registration": b.pk, "lot": 1}]
    )  # fmt: skip
    snap = services.compute_event(event_id=event.pk)
    assert [(r.registration_id, r.rank, r.decided_by) for r in rows(snap)] == [
        (b.pk, 1, "draw"),
        (a.pk, 2, "draw"),
    ]
    assert snap.complete


def test_draw_is_refused_when_places_may_be_shared(event, judges, officer_a):
    a, _b = _two_tied(event, judges)
    with pytest.raises(ValidationError):
        services.record_draw(actor=officer_a, event=event, lots=[{"registration": a.pk, "lot": 1}])


def test_publish_refused_while_incomplete_unless_overridden(event, judges, officer_a):
    _, crits = make_scheme(event)
    give_marks(EntryFactory(event=event), crits, {"T": [90]}, judges)
    snap = services.compute_event(event_id=event.pk)
    with pytest.raises(ValidationError) as err:
        services.publish_event(actor=officer_a, event=event)
    assert "override_reason" in err.value.message_dict
    snap.refresh_from_db()
    assert not snap.is_public
    services.publish_event(actor=officer_a, event=event, override_reason="缺考，按规定公布")
    snap.refresh_from_db()
    assert snap.is_public and snap.override_reason == "缺考，按规定公布"
    assert snap.published_by == officer_a and snap.published_at


def test_publish_refused_when_marks_changed_after_the_computation(event, judges, officer_a):
    _, crits = make_scheme(event)
    entry = EntryFactory(event=event)
    give_marks(entry, crits, GOOD, judges)
    services.compute_event(event_id=event.pk)
    Mark.objects.filter(registration=entry, criterion=crits["T"]).update(
        value=Decimal(50), updated_at=timezone.now()
    )
    with pytest.raises(ValidationError) as err:
        services.publish_event(actor=officer_a, event=event)
    assert "override_reason" in err.value.message_dict
    services.compute_event(event_id=event.pk)  # computed again: now it may go out
    assert services.publish_event(actor=officer_a, event=event).is_public


def test_publish_by_officer_outside_the_host_subtree_is_refused(event, judges, officer_c):
    _, crits = make_scheme(event)
    give_marks(EntryFactory(event=event), crits, GOOD, judges)
    services.compute_event(event_id=event.pk)
    with pytest.raises(PermissionDenied):
        services.publish_event(actor=officer_c, event=event)


def test_later_recompute_stays_provisional_until_published_again(event, judges, officer_a):
    _, crits = make_scheme(event)
    give_marks(EntryFactory(event=event), crits, GOOD, judges)
    first = services.compute_event(event_id=event.pk)
    services.publish_event(actor=officer_a, event=event)
    second = services.compute_event(event_id=event.pk)
    public = ResultSnapshot.objects.get(event=event, is_public=True)
    assert public.pk == first.pk and second.is_current
    services.publish_event(actor=officer_a, event=event)
    assert ResultSnapshot.objects.get(event=event, is_public=True).pk == second.pk


def test_publish_contest_publishes_events_and_awards(contest, event, judges, officer_a):
    _, crits = make_scheme(event, award_tiers="prizes_10_20_30")
    for marks in (GOOD, BEST):
        give_marks(EntryFactory(event=event), crits, marks, judges)
    services.compute_event(event_id=event.pk)
    awards = services.publish_contest(actor=officer_a, contest=contest)
    contest.refresh_from_db()
    assert contest.status == Contest.Status.PUBLISHED
    assert awards.is_public
    assert ResultSnapshot.objects.get(event=event, is_current=True).is_public
    gold = awards.rows.get(kind=AwardRow.Kind.GOLD_WORKER)
    assert gold.score == D("100.00")
    assert (gold.reason_code, gold.reason_params["rank"]) == ("event_rank", 1)


def test_awards_rank_work_units_by_points(contest, judges):
    event = EventFactory(contest=contest)
    _, crits = make_scheme(event, award_tiers="prizes_10_20_30")
    # 10 entries: 一等奖 rank 1, 二等奖 ranks 2-3, 三等奖 ranks 4-6
    worker = WorkerFactory()
    regs = [EntryFactory(event=event, worker=worker)]
    regs += [EntryFactory(event=event) for _ in range(9)]
    for i, reg in enumerate(regs):
        give_marks(reg, crits, {"T": [100 - i] * 3, "P": [10] * 5}, judges)
    services.compute_event(event_id=event.pk)
    awards = services.compute_awards(contest_id=contest.pk)
    top = awards.rows.filter(kind=AwardRow.Kind.ADVANCED_COLLECTIVE).order_by("rank").first()
    # the first entry's unit: 一等奖 = 5 points, the most of any unit
    assert (top.employer_id, top.score, top.rank) == (worker.employer_id, D(5), 1)
    assert top.display_name == worker.employer.name


def test_promotions_apply_after_publication_once(event, judges, officer_a):
    _, crits = make_scheme(event, promotion="top5")
    reg = EntryFactory(event=event, worker__skill_grade=3)
    give_marks(reg, crits, GOOD, judges)
    services.compute_event(event_id=event.pk)
    with pytest.raises(ValidationError):
        services.apply_promotions(actor=officer_a, event=event)
    services.publish_event(actor=officer_a, event=event)
    [record] = services.apply_promotions(actor=officer_a, event=event)
    reg.worker.refresh_from_db()
    assert (record.from_grade, record.to_grade, reg.worker.skill_grade) == (3, 2, 2)
    assert services.apply_promotions(actor=officer_a, event=event) == []
    assert PromotionRecord.objects.count() == 1


def test_names_with_tabs_and_backslashes_survive_the_row_writer(event, judges):
    _, crits = make_scheme(event)
    reg = EntryFactory(event=event, worker__name="王\t五\\六\n")
    reg.employer.name = "上海\\燃气\t公司"
    reg.employer.save()
    give_marks(reg, crits, GOOD, judges)
    [row] = rows(services.compute_event(event_id=event.pk))
    assert (row.display_name, row.employer_name) == ("王\t五\\六\n", "上海\\燃气\t公司")


def test_individual_rows_carry_the_workers_team(event, judges):
    _, crits = make_scheme(event)
    reg = EntryFactory(event=event)
    team = TeamFactory(employer=reg.employer)
    team.members.add(reg.worker)
    give_marks(reg, crits, GOOD, judges)
    [row] = rows(services.compute_event(event_id=event.pk))
    assert (row.worker_id, row.team_id) == (reg.worker_id, team.pk)


def test_changed_marks_change_the_fingerprint(event, judges):
    from judging.models import Mark

    _, crits = make_scheme(event)
    give_marks(EntryFactory(event=event), crits, GOOD, judges)
    one = services.compute_event(event_id=event.pk)
    Mark.objects.filter(criterion__code="T").update(value=D(70))
    two = services.compute_event(event_id=event.pk)
    assert one.fingerprint != two.fingerprint
    # theory mean 70 -> 21.00 + 56.00 = 77.00
    assert rows(two)[0].total == D("77.00")


def test_pruning_keeps_current_public_recent_and_cited_snapshots(event, judges, officer_a):
    _, crits = make_scheme(event, promotion="top5")
    give_marks(EntryFactory(event=event, worker__skill_grade=3), crits, GOOD, judges)
    services.compute_event(event_id=event.pk)  # v1: published, promotions applied
    services.publish_event(actor=officer_a, event=event)
    services.apply_promotions(actor=officer_a, event=event)
    services.compute_event(event_id=event.pk)  # v2
    services.publish_event(actor=officer_a, event=event)  # v2 public, v1 cited
    for _ in range(4):
        services.compute_event(event_id=event.pk)  # v3..v6, v6 current
    assert services.prune_snapshots(event_id=event.pk, keep=2) == 1  # v3 goes
    kept = set(ResultSnapshot.objects.filter(event=event).values_list("version", flat=True))
    assert kept == {1, 2, 4, 5, 6}
    assert not ResultRow.objects.filter(snapshot__version=3, snapshot__event=event).exists()


def test_median_and_divergence_limited_criteria_read_every_mark_next_to_summarised_ones(
    event, judges
):
    # M: median (needs the marks); D: trimmed mean with a divergence limit (needs the
    # marks); T: plain mean (summarised by the database on PostgreSQL).
    _, crits = make_scheme(
        event,
        criteria=(
            ("M", 40, 10, "median", 3),
            ("D", 30, 10, "trimmed_mean", 3, "2"),
            ("T", 30, 100, "mean", 2),
        ),
    )
    a, b, c = (EntryFactory(event=event) for _ in range(3))
    # median 8 -> 32.00; trimmed [6] -> 18.00; mean 82.5 -> 24.75; total 74.75
    give_marks(a, crits, {"M": [7, 9, 8], "D": [5, 6, 9], "T": [81, 84]}, judges)
    # M has 2 of 3 marks: incomplete; D trimmed [7] -> 21.00; T 90 -> 27.00
    give_marks(b, crits, {"M": [6, 6], "D": [4, 7, 10], "T": [90, 90]}, judges)
    # median 5 -> 20.00; trimmed [5, 9] -> 7 -> 21.00 but spread 4 > 2: divergent;
    # mean 55 -> 16.50; total 57.50
    give_marks(c, crits, {"M": [5, 5, 5], "D": [2, 5, 9, 10], "T": [50, 60]}, judges)
    snap = services.compute_event(event_id=event.pk)
    first, second, third = rows(snap)
    assert (first.registration_id, first.rank, first.total) == (a.pk, 1, D("74.75"))
    assert first.criteria == {"M": "32.00", "D": "18.00", "T": "24.75"}
    assert (second.registration_id, second.rank, second.total) == (c.pk, 2, D("57.50"))
    assert (third.registration_id, third.rank, third.total) == (b.pk, None, None)
    assert third.criteria == {"D": "21.00", "T": "27.00"}
    assert (snap.stats["divergent"], snap.stats["incomplete"], snap.complete) == (1, 1, False)


def test_deleting_a_snapshot_deletes_its_rows_without_a_database_constraint(event, judges):
    # result rows carry no foreign-key constraint (for the speed of COPY and commit): the
    # ORM's cascade must still take them away with their snapshot
    _, crits = make_scheme(event)
    give_marks(EntryFactory(event=event), crits, GOOD, judges)
    snap = services.compute_event(event_id=event.pk)
    assert ResultRow.objects.filter(snapshot_id=snap.pk).count() == 1
    ResultSnapshot.objects.filter(pk=snap.pk).delete()
    assert not ResultRow.objects.filter(snapshot_id=snap.pk).exists()


def test_each_award_tier_is_one_run_of_positions_recorded_in_the_stats(event, judges):
    _, crits = make_scheme(
        event,
        award_tiers=[
            {"name": "金奖", "count": 2, "min_total": "90"},
            {"name": "银奖", "share": "0.3"},
            {"name": "优胜奖", "until_share": "0.8"},
        ],
    )
    theory = [[100, 100, 100], [95, 90, 100], [85, 80, 90], [70, 75, 80], [60, 60, 60]]
    for i in range(10):
        practical = [10] * 5 if i % 5 == 0 else [8] * 5
        give_marks(EntryFactory(event=event), crits, {"T": theory[i % 5], "P": practical}, judges)
    snap = services.compute_event(event_id=event.pk)
    spans = {}
    for position, tier in snap.rows.exclude(tier="").values_list("position", "tier"):
        first, _last = spans.get(tier, (position, position))
        spans[tier] = [first, position]
    assert snap.stats["tier_positions"] == spans
    for tier, (first, last) in spans.items():
        assert set(
            snap.rows.filter(position__range=(first, last)).values_list("tier", flat=True)
        ) == {tier}
    assert set(spans) == {"金奖", "银奖", "优胜奖"}
