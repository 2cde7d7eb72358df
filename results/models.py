"""Result snapshots: each compute writes a new version; one transaction makes it current.

Rows are denormalised (bib, names, employer, region path, union path) so a leaderboard page
is one indexed range scan on (snapshot, position) with no joins, at 400,000 entries too.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from contests.models import Contest, Event, Registration
from core.scope import RestrictQuerySet
from results.reasons import reason_text


class ResultSnapshotQuerySet(RestrictQuerySet):
    scope_path = "event__contest__host_union__path"


class AwardSnapshotQuerySet(RestrictQuerySet):
    scope_path = "contest__host_union__path"


class ResultSnapshot(models.Model):
    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="snapshots", verbose_name=_("event")
    )
    version = models.PositiveIntegerField(_("version"))
    is_current = models.BooleanField(default=False, verbose_name=_("current"))
    is_public = models.BooleanField(default=False, verbose_name=_("public"))
    complete = models.BooleanField(
        default=False, help_text=_("No missing or divergent marks."), verbose_name=_("complete")
    )
    entries = models.PositiveIntegerField(default=0, verbose_name=_("entries"))
    ranked = models.PositiveIntegerField(default=0, verbose_name=_("ranked"))
    # Why the snapshot was computed from (max mark update time, counts): makes re-runs on the
    # same marks recognisable.
    fingerprint = models.CharField(max_length=64, blank=True)
    stats = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("created at"))
    published_at = models.DateTimeField(null=True, blank=True, verbose_name=_("published at"))
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    override_reason = models.CharField(max_length=500, blank=True)

    objects = ResultSnapshotQuerySet.as_manager()

    class Meta:
        verbose_name = _("result snapshot")
        verbose_name_plural = _("result snapshots")
        constraints = [
            models.UniqueConstraint(fields=["event", "version"], name="snapshot_version_unique"),
            models.UniqueConstraint(
                fields=["event"], condition=Q(is_current=True), name="one_current_snapshot"
            ),
            models.UniqueConstraint(
                fields=["event"], condition=Q(is_public=True), name="one_public_snapshot"
            ),
        ]


class ResultRow(models.Model):
    # No index of its own: (snapshot, position) below serves every lookup by snapshot, and
    # one index fewer is one less to maintain for each of 100,000 rows COPYed per compute.
    # No database constraint either: Django's deferred foreign-key check ran once per row at
    # commit (0.6 s of a 100,000-row snapshot); rows are only written by the results
    # engine (results.engine.snapshots), in the transaction that creates their snapshot,
    # and deleted with it by the ORM's cascade.
    snapshot = models.ForeignKey(
        ResultSnapshot,
        on_delete=models.CASCADE,
        related_name="rows",
        db_index=False,
        db_constraint=False,
    )
    position = models.PositiveIntegerField()  # 1..n in display order (ranked, then incomplete)
    # A snapshot is a record of what was computed: deleting a registration later leaves
    # the rows that show it (DO_NOTHING, no constraint). So no index either: nothing looks
    # rows up by registration across snapshots, and within one snapshot (snapshot, bib)
    # finds an entry. Every index costs about 0.3 s per 100,000 rows written.
    registration = models.ForeignKey(
        Registration,
        on_delete=models.DO_NOTHING,
        related_name="+",
        db_constraint=False,
        db_index=False,
    )
    bib = models.PositiveIntegerField(null=True)
    rank = models.PositiveIntegerField(null=True)
    total = models.DecimalField(max_digits=6, decimal_places=2, null=True)
    standardised = models.DecimalField(max_digits=7, decimal_places=2, null=True)
    criteria = models.JSONField(default=dict)
    penalties = models.DecimalField(max_digits=6, decimal_places=2, default=0)
    tier = models.CharField(max_length=50, blank=True)
    promotion = models.PositiveSmallIntegerField(null=True)
    decided_by = models.CharField(max_length=20, blank=True)
    complete = models.BooleanField(default=True)
    display_name = models.CharField(max_length=200)
    masked_name = models.CharField(max_length=200)
    employer_id = models.BigIntegerField(null=True)
    employer_name = models.CharField(max_length=200, blank=True)
    employer_kind = models.CharField(max_length=20, blank=True)
    region_name = models.CharField(max_length=100, blank=True)
    region_path = models.CharField(max_length=255, blank=True)
    union_path = models.CharField(max_length=400, blank=True)
    worker_id = models.BigIntegerField(null=True)
    team_id = models.BigIntegerField(null=True)

    class Meta:
        # Two indexes besides the key: rank order, and bib within a snapshot. Rows of one
        # award tier are consecutive positions (tiers follow rank), so a tier is a position
        # range (ResultSnapshot.stats["tier_positions"]) and needs no index of its own.
        indexes = [
            models.Index(fields=["snapshot", "position"], name="row_snapshot_position"),
            models.Index(fields=["snapshot", "bib"], name="row_snapshot_bib"),
        ]


class DrawLot(models.Model):
    """A draw an officer records to break a tie when the event forbids shared places."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="draw_lots")
    registration = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="+")
    lot = models.PositiveIntegerField()
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["event", "registration"], name="one_lot_per_entry")
        ]


class AwardSnapshot(models.Model):
    contest = models.ForeignKey(
        Contest, on_delete=models.CASCADE, related_name="award_snapshots", verbose_name=_("contest")
    )
    version = models.PositiveIntegerField(_("version"))
    is_current = models.BooleanField(default=False, verbose_name=_("current"))
    is_public = models.BooleanField(default=False, verbose_name=_("public"))
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("created at"))
    published_at = models.DateTimeField(null=True, blank=True, verbose_name=_("published at"))

    objects = AwardSnapshotQuerySet.as_manager()

    class Meta:
        verbose_name = _("award snapshot")
        verbose_name_plural = _("award snapshots")
        constraints = [
            models.UniqueConstraint(fields=["contest", "version"], name="award_version_unique"),
            models.UniqueConstraint(
                fields=["contest"], condition=Q(is_current=True), name="one_current_awards"
            ),
            models.UniqueConstraint(
                fields=["contest"], condition=Q(is_public=True), name="one_public_awards"
            ),
        ]


class AwardRow(models.Model):
    class Kind(models.TextChoices):
        GOLD_WORKER = "gold_worker", _("gold worker")
        GOLD_TEAM = "gold_team", _("gold team")
        ADVANCED_COLLECTIVE = "advanced_collective", _("advanced collective")
        TOP_ACHIEVEMENT = "top_achievement", _("top-ten innovation achievement")

    snapshot = models.ForeignKey(AwardSnapshot, on_delete=models.CASCADE, related_name="rows")
    kind = models.CharField(max_length=20, choices=Kind)
    rank = models.PositiveIntegerField()
    display_name = models.CharField(max_length=200)
    masked_name = models.CharField(max_length=200)
    employer_name = models.CharField(max_length=200, blank=True)
    score = models.DecimalField(max_digits=9, decimal_places=2, null=True)
    # Why the award was given, as data (a code of scoring.awards and its figures), worded
    # in the reader's language by `reason_text`. `reason` holds a reason written as text
    # (awards computed before reasons were data); computed awards leave it blank.
    reason = models.CharField(max_length=500, blank=True)
    reason_code = models.CharField(max_length=30, blank=True)
    reason_params = models.JSONField(default=dict, blank=True)
    registration_id = models.BigIntegerField(null=True)
    worker_id = models.BigIntegerField(null=True)
    team_id = models.BigIntegerField(null=True)
    employer_id = models.BigIntegerField(null=True)

    class Meta:
        ordering = ["kind", "rank", "id"]

    @property
    def reason_text(self) -> str:
        """The reason in the active language."""
        return reason_text(self.reason_code, self.reason_params, self.reason)


class PromotionRecord(models.Model):
    """A skill promotion applied to a worker's profile, with its source."""

    worker = models.ForeignKey(
        "workers.Worker", on_delete=models.CASCADE, related_name="promotions"
    )
    from_grade = models.PositiveSmallIntegerField()
    to_grade = models.PositiveSmallIntegerField()
    snapshot = models.ForeignKey(ResultSnapshot, on_delete=models.PROTECT, related_name="+")
    applied_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["worker", "snapshot"], name="one_promotion_per_result")
        ]


# Certificates live in their own module; imported here so Django finds the models.
from results.certificate_models import Certificate, CertificateLog, CertificateLookup  # noqa: E402, F401
