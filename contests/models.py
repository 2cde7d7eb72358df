"""Contest series, divisions, contests, events and registrations (entries).

A registration's entrants are also written to `RegistrationMember` (one row per worker, with
the event), so "a worker entered twice in the same event, or in two team entries of the
same event" is a partial unique index the database enforces, not a check that races.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core.scope import RestrictQuerySet
from core.validators import validate_plausible_date
from unions.models import Employer, Region, Union
from workers.models import SkillGrade, Team, Worker

# Bounds on the numbers an officer sets (a number beyond them is a typo or an attack).
MAX_NOTICE_DAYS = 90
MIN_AGE, MAX_AGE = 16, 100  # the legal working age; nobody competes past 100
MAX_TEAM_SIZE = 100
MAX_QUOTA = 10_000
MAX_COMPLETION_SECONDS = 7 * 24 * 3600  # a week: longer than any timed task


class ContestSeries(models.Model):
    name = models.CharField(_("name"), max_length=200)
    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(1900), MaxValueValidator(2100)]
    )
    organisers = models.ManyToManyField(
        Union, related_name="organised_series", verbose_name=_("organising unions")
    )
    description = models.TextField(_("description"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("created at"))

    class Meta:
        verbose_name = _("contest series")
        verbose_name_plural = _("contest series")
        ordering = ["-year", "id"]

    def __str__(self) -> str:
        # Series are often renamed only by year: choosers must tell them apart.
        return f"{self.name} ({self.year})"


class Division(models.Model):
    """赛区: a part of a series led by regions or an industry."""

    series = models.ForeignKey(
        ContestSeries, on_delete=models.CASCADE, related_name="divisions", verbose_name=_("series")
    )
    name = models.CharField(_("name"), max_length=200)
    lead_unions = models.ManyToManyField(
        Union, related_name="led_divisions", verbose_name=_("lead unions")
    )
    regions = models.ManyToManyField(
        Region, related_name="divisions", blank=True, verbose_name=_("places")
    )
    description = models.TextField(_("description"), blank=True)

    class Meta:
        verbose_name = _("division")
        verbose_name_plural = _("divisions")
        ordering = ["id"]

    def __str__(self) -> str:
        return self.name


class ContestQuerySet(RestrictQuerySet):
    scope_path = "host_union__path"


class Contest(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        OPEN = "open", _("open for registration")
        CLOSED = "closed", _("registration closed")
        JUDGING = "judging", _("judging")
        PUBLISHED = "published", _("results published")

    # Status only moves forward; the order is the index in this tuple.
    STATUS_ORDER = ("draft", "open", "closed", "judging", "published")
    # The allowed steps, one at a time (contests.services.check_status_step applies them,
    # for the API, the console, the admin and publishing alike). `published` is reached
    # only by publishing the results (results.services.publish_contest), never by an edit.
    STATUS_STEPS = {
        "draft": ("open",),
        "open": ("closed",),
        "closed": ("judging",),
        "judging": ("published",),
        "published": (),
    }
    # What a contest may be created in; the rest is reached step by step.
    INITIAL_STATUSES = ("draft", "open")
    PUBLISHED_BY_PUBLISHING = "published"

    series = models.ForeignKey(
        ContestSeries, on_delete=models.PROTECT, related_name="contests", verbose_name=_("series")
    )
    division = models.ForeignKey(
        Division,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="contests",
        verbose_name=_("division"),
    )
    host_union = models.ForeignKey(
        Union,
        on_delete=models.PROTECT,
        related_name="hosted_contests",
        verbose_name=_("host union"),
    )
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    registration_opens = models.DateTimeField(
        _("registration opens"), validators=[validate_plausible_date]
    )
    registration_closes = models.DateTimeField(
        _("registration closes"), validators=[validate_plausible_date]
    )
    contest_date = models.DateField(
        _("contest day"),
        null=True,
        blank=True,
        help_text=_("Ages are taken on this day."),
        validators=[validate_plausible_date],
    )
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.DRAFT)
    # Bib numbers are handed out from this counter under a row lock, so they stay unique
    # within the contest without a retry loop.
    last_bib = models.PositiveIntegerField(default=0, editable=False)
    # Public notice (公示): publishing opens a notice period of this many days.
    notice_days = models.PositiveSmallIntegerField(
        _("public notice days"),
        default=7,
        validators=[MinValueValidator(0), MaxValueValidator(MAX_NOTICE_DAYS)],
    )
    leaderboard_frozen = models.BooleanField(
        _("freeze public leaderboard"),
        default=False,
        help_text=_("Keep the last published results public while judging goes on."),
    )
    awards_config = models.JSONField(_("contest award rules"), default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("created at"))

    objects = ContestQuerySet.as_manager()

    class Meta:
        verbose_name = _("contest")
        verbose_name_plural = _("contests")
        ordering = ["-registration_opens", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(registration_closes__gt=models.F("registration_opens")),
                name="contest_window_order",
            )
        ]

    def __str__(self) -> str:
        return self.name


class EventQuerySet(RestrictQuerySet):
    scope_path = "contest__host_union__path"


class Event(models.Model):
    class Kind(models.TextChoices):
        # "team" alone is a shop-floor team (班组); as a kind of event it is a team contest.
        INDIVIDUAL = "individual", pgettext_lazy("event kind", "individual")
        TEAM = "team", pgettext_lazy("event kind", "team")
        ACHIEVEMENT = "achievement", _("innovation achievement")

    contest = models.ForeignKey(
        Contest, on_delete=models.CASCADE, related_name="events", verbose_name=_("contest")
    )
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=12, choices=Kind, default=Kind.INDIVIDUAL)
    description = models.TextField(_("description"), blank=True)
    # Eligibility. Empty means "no restriction" for each rule.
    eligible_unions = models.ManyToManyField(
        Union, blank=True, related_name="+", verbose_name=_("eligible unions (with subtrees)")
    )
    eligible_regions = models.ManyToManyField(
        Region, blank=True, related_name="+", verbose_name=_("eligible regions (with subtrees)")
    )
    employer_kinds = models.JSONField(_("allowed work unit kinds"), default=list, blank=True)
    # Grade codes run 5 (初级工) to 1 (高级技师): `min_skill_grade` is the lowest grade
    # admitted (the largest code), `max_skill_grade` the highest (the smallest code).
    min_skill_grade = models.PositiveSmallIntegerField(
        _("lowest skill grade admitted"), choices=SkillGrade, null=True, blank=True
    )
    max_skill_grade = models.PositiveSmallIntegerField(
        _("highest skill grade admitted"), choices=SkillGrade, null=True, blank=True
    )
    min_age = models.PositiveSmallIntegerField(
        _("minimum age"),
        null=True,
        blank=True,
        validators=[MinValueValidator(MIN_AGE), MaxValueValidator(MAX_AGE)],
    )
    max_age = models.PositiveSmallIntegerField(
        _("maximum age"),
        null=True,
        blank=True,
        validators=[MinValueValidator(MIN_AGE), MaxValueValidator(MAX_AGE)],
    )
    min_team_size = models.PositiveSmallIntegerField(
        _("minimum team size"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(MAX_TEAM_SIZE)],
    )
    max_team_size = models.PositiveSmallIntegerField(
        _("maximum team size"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(MAX_TEAM_SIZE)],
    )
    quota_per_employer = models.PositiveIntegerField(
        _("entries per work unit"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(MAX_QUOTA)],
    )

    objects = EventQuerySet.as_manager()

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["contest_id", "id"]

    def __str__(self) -> str:
        return self.name


class Achievement(models.Model):
    """An innovation achievement entered in an achievement event."""

    title = models.CharField(_("title"), max_length=200)
    summary = models.TextField(_("summary"), blank=True)
    authors = models.ManyToManyField(Worker, related_name="achievements", verbose_name=_("authors"))
    employer = models.ForeignKey(
        Employer, on_delete=models.PROTECT, related_name="achievements", verbose_name=_("work unit")
    )

    class Meta:
        verbose_name = _("innovation achievement")
        verbose_name_plural = _("innovation achievements")

    def __str__(self) -> str:
        return self.title


class RegistrationQuerySet(RestrictQuerySet):
    scope_path = "contest__host_union__path"


class Registration(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("pending")
        APPROVED = "approved", _("approved")
        REJECTED = "rejected", _("rejected")
        WITHDRAWN = "withdrawn", _("withdrawn")

    # Statuses that hold a place: they count against quotas and block a second entry.
    ACTIVE = ("pending", "approved")

    event = models.ForeignKey(
        Event, on_delete=models.PROTECT, related_name="registrations", verbose_name=_("event")
    )
    # Denormalised from event: bib uniqueness and officer scoping without a join.
    contest = models.ForeignKey(
        Contest,
        on_delete=models.PROTECT,
        related_name="registrations",
        editable=False,
        verbose_name=_("contest"),
    )
    worker = models.ForeignKey(
        Worker,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="registrations",
        verbose_name=_("worker"),
    )
    team = models.ForeignKey(
        Team,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="registrations",
        verbose_name=_("team"),
    )
    achievement = models.ForeignKey(
        Achievement,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="registrations",
        verbose_name=_("achievement"),
    )
    # The work unit the entry counts for (quota, statistics, advanced collectives).
    employer = models.ForeignKey(
        Employer,
        on_delete=models.PROTECT,
        related_name="registrations",
        editable=False,
        verbose_name=_("work unit"),
    )
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.PENDING)
    reject_reason = models.CharField(_("reason for rejection"), max_length=500, blank=True)
    bib = models.PositiveIntegerField(_("bib number"), null=True, blank=True)
    completion_seconds = models.PositiveIntegerField(
        _("completion time (s)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(MAX_COMPLETION_SECONDS)],
    )
    disqualified = models.BooleanField(_("disqualified"), default=False)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("entered by"),
    )
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("created at"))
    decided_at = models.DateTimeField(null=True, blank=True, verbose_name=_("decided at"))

    objects = RegistrationQuerySet.as_manager()

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(
                fields=["contest", "bib"],
                condition=Q(bib__isnull=False),
                name="bib_unique_in_contest",
            ),
            models.CheckConstraint(
                condition=(
                    Q(worker__isnull=False, team__isnull=True, achievement__isnull=True)
                    | Q(worker__isnull=True, team__isnull=False, achievement__isnull=True)
                    | Q(worker__isnull=True, team__isnull=True, achievement__isnull=False)
                ),
                name="registration_one_entrant",
            ),
        ]
        indexes = [
            models.Index(fields=["event", "status"], name="reg_event_status"),
            models.Index(fields=["event", "employer", "status"], name="reg_event_employer_status"),
        ]

    def __str__(self) -> str:
        return f"{self.event} #{self.bib or self.pk}"


class RegistrationMember(models.Model):
    """A worker taking part in an entry; `active` while the entry is pending or approved."""

    registration = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="members")
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="+")
    worker = models.ForeignKey(Worker, on_delete=models.PROTECT, related_name="entries")
    active = models.BooleanField(default=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["event", "worker"],
                condition=Q(active=True),
                name="one_active_entry_per_event",
            )
        ]


class RegistrationLogQuerySet(RestrictQuerySet):
    scope_path = "registration__contest__host_union__path"


class RegistrationLog(models.Model):
    """Who disqualified, reinstated or timed an entry, when and why (a withdrawal is the
    entry's own `decided_at`).

    The entry's `disqualified` flag (status, completion time) says what holds now; this is
    how it came to be, for the contest's audit and the entry's page, and what publishing
    reads to notice that results were computed before an entry changed.
    """

    class Action(models.TextChoices):
        DISQUALIFY = "disqualify", pgettext_lazy("registration log action", "disqualified")
        REINSTATE = "reinstate", pgettext_lazy("registration log action", "reinstated")
        TIME = "time", pgettext_lazy("registration log action", "completion time recorded")

    registration = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="log")
    action = models.CharField(_("action"), max_length=10, choices=Action)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    reason = models.CharField(pgettext_lazy("registration log", "reason"), max_length=500)
    at = models.DateTimeField(auto_now_add=True)

    objects = RegistrationLogQuerySet.as_manager()

    class Meta:
        verbose_name = _("registration log entry")
        verbose_name_plural = _("registration log")
        ordering = ["id"]
