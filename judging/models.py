"""Scoring schemes, judges, marks and the audit trail of every mark change.

`Mark` carries its event (denormalised from the registration) so the results engine reads
an event's marks with one indexed scan and no join.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from contests.models import Event, Registration
from core.scope import RestrictQuerySet
from unions.models import Employer, Union


class EventScopedQuerySet(RestrictQuerySet):
    """Rows owned through their event: an officer sees those of contests their subtree hosts."""

    scope_path = "event__contest__host_union__path"


class ScoringScheme(models.Model):
    """Event-level scheme settings; the criteria are `Criterion` rows of the same event."""

    class TeamAggregation(models.TextChoices):
        SUM = "sum", _("sum of members' totals")
        MEAN = "mean", _("mean of members' totals")
        TEAM = "team", _("marks given to the team as a whole")

    event = models.OneToOneField(
        Event, on_delete=models.CASCADE, related_name="scheme", verbose_name=_("event")
    )
    tie_break = models.JSONField(_("tie-break order"), default=list, blank=True)
    shared_places = models.BooleanField(_("ties share a place"), default=True)
    award_tiers = models.JSONField(_("award tiers"), default=list, blank=True)
    promotion = models.JSONField(_("skill promotion rule"), null=True, blank=True)
    team_aggregation = models.CharField(
        max_length=4, choices=TeamAggregation, default=TeamAggregation.TEAM
    )
    updated_at = models.DateTimeField(auto_now=True, verbose_name=_("updated at"))

    objects = EventScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("scoring scheme")
        verbose_name_plural = _("scoring schemes")


class Criterion(models.Model):
    class Kind(models.TextChoices):
        MEASUREMENT = "measurement", _("measurement")
        JUDGEMENT = "judgement", _("judgement")

    class Aggregation(models.TextChoices):
        MEAN = "mean", _("mean")
        MEDIAN = "median", _("median")
        TRIMMED_MEAN = "trimmed_mean", _("drop highest and lowest, average the rest")

    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="criteria", verbose_name=_("event")
    )
    code = models.CharField(_("code"), max_length=20)
    name = models.CharField(_("name"), max_length=100)
    weight = models.DecimalField(_("weight (%)"), max_digits=5, decimal_places=2)
    max_mark = models.DecimalField(_("maximum mark"), max_digits=7, decimal_places=2)
    kind = models.CharField(_("kind"), max_length=12, choices=Kind, default=Kind.JUDGEMENT)
    aggregation = models.CharField(
        _("aggregation"), max_length=12, choices=Aggregation, default=Aggregation.MEAN
    )
    judges_required = models.PositiveSmallIntegerField(_("marks required"), default=1)
    divergence_limit = models.DecimalField(
        _("divergence limit"), max_digits=7, decimal_places=2, null=True, blank=True
    )
    step = models.DecimalField(
        _("mark step"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    position = models.PositiveSmallIntegerField(default=0, verbose_name=_("position"))

    objects = EventScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("criterion")
        verbose_name_plural = _("criteria")
        ordering = ["event_id", "position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["event", "code"], name="criterion_code_unique_in_event")
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


# A system judge stands for an automatic source of marks (an online test); its user name
# starts with this character, which the sign-up and judge forms never accept.
SYSTEM_JUDGE_PREFIX = "~"


class JudgeQuerySet(RestrictQuerySet):
    scope_path = "union__path"

    def people(self):
        """Judges who are people: without the system judges of automatic marks."""
        return self.exclude(user__username__startswith=SYSTEM_JUDGE_PREFIX)


class Judge(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="judge",
        verbose_name=_("user"),
    )
    name = models.CharField(pgettext_lazy("person", "name"), max_length=50)
    employer = models.ForeignKey(
        Employer,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="judges",
        verbose_name=_("work unit"),
    )
    union = models.ForeignKey(
        Union, on_delete=models.PROTECT, related_name="judges", verbose_name=_("union")
    )

    objects = JudgeQuerySet.as_manager()

    class Meta:
        verbose_name = _("judge")
        verbose_name_plural = _("judges")

    def __str__(self) -> str:
        return self.name


class JudgeAssignment(models.Model):
    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="judge_assignments", verbose_name=_("event")
    )
    judge = models.ForeignKey(
        Judge, on_delete=models.PROTECT, related_name="assignments", verbose_name=_("judge")
    )
    chief = models.BooleanField(_("chief judge"), default=False)
    # Criterion codes this judge marks; empty means all criteria of the event.
    criteria = models.JSONField(default=list, blank=True, verbose_name=_("criteria"))
    submitted_at = models.DateTimeField(null=True, blank=True, verbose_name=_("submitted at"))

    objects = EventScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("judge assignment")
        verbose_name_plural = _("judge assignments")
        constraints = [
            models.UniqueConstraint(fields=["event", "judge"], name="one_assignment_per_judge")
        ]


class Mark(models.Model):
    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="+", editable=False, verbose_name=_("event")
    )
    registration = models.ForeignKey(
        Registration, on_delete=models.CASCADE, related_name="marks", verbose_name=_("registration")
    )
    criterion = models.ForeignKey(
        Criterion, on_delete=models.PROTECT, related_name="marks", verbose_name=_("criterion")
    )
    judge = models.ForeignKey(
        Judge, on_delete=models.PROTECT, related_name="marks", verbose_name=_("judge")
    )
    value = models.DecimalField(_("mark"), max_digits=7, decimal_places=2)
    locked = models.BooleanField(_("submitted"), default=False)
    confirmed = models.BooleanField(_("confirmed by chief judge"), default=False)
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("created at"))
    updated_at = models.DateTimeField(auto_now=True, verbose_name=_("updated at"))

    objects = EventScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("mark")
        verbose_name_plural = _("marks")
        constraints = [
            models.UniqueConstraint(
                fields=["registration", "criterion", "judge"], name="one_mark_per_judge"
            )
        ]
        indexes = [models.Index(fields=["event", "registration"], name="mark_event_reg")]


class MarkLog(models.Model):
    """The audit trail: one row per create, change, lock, unlock or confirm of a mark."""

    class Action(models.TextChoices):
        CREATE = "create", pgettext_lazy("mark log action", "created")
        CHANGE = "change", pgettext_lazy("mark log action", "changed")
        LOCK = "lock", pgettext_lazy("mark log action", "submitted")
        UNLOCK = "unlock", pgettext_lazy("mark log action", "unlocked")
        CONFIRM = "confirm", pgettext_lazy("mark log action", "confirmed")

    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="+", verbose_name=_("event")
    )
    mark = models.ForeignKey(Mark, null=True, on_delete=models.SET_NULL, related_name="log")
    registration = models.ForeignKey(
        Registration, on_delete=models.CASCADE, related_name="+", verbose_name=_("registration")
    )
    criterion_code = models.CharField(max_length=20, blank=True, verbose_name=_("criterion code"))
    judge = models.ForeignKey(
        Judge, null=True, on_delete=models.PROTECT, related_name="+", verbose_name=_("judge")
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, verbose_name=_("actor")
    )
    action = models.CharField(max_length=8, choices=Action, verbose_name=_("action"))
    old_value = models.DecimalField(
        max_digits=7, decimal_places=2, null=True, blank=True, verbose_name=_("old value")
    )
    new_value = models.DecimalField(
        max_digits=7, decimal_places=2, null=True, blank=True, verbose_name=_("new value")
    )
    reason = models.CharField(max_length=500, blank=True, verbose_name=_("reason"))
    at = models.DateTimeField(auto_now_add=True, verbose_name=_("at"))

    objects = EventScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("mark log entry")
        verbose_name_plural = _("mark log")
        ordering = ["id"]
        indexes = [models.Index(fields=["event", "at"], name="marklog_event_at")]


class PenaltyQuerySet(RestrictQuerySet):
    scope_path = "registration__contest__host_union__path"


class Penalty(models.Model):
    registration = models.ForeignKey(
        Registration,
        on_delete=models.CASCADE,
        related_name="penalties",
        verbose_name=_("registration"),
    )
    marks = models.DecimalField(_("marks deducted"), max_digits=6, decimal_places=2)
    reason = models.CharField(pgettext_lazy("penalty", "reason"), max_length=500)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        verbose_name=_("recorded by"),
    )
    at = models.DateTimeField(auto_now_add=True, verbose_name=_("at"))

    objects = PenaltyQuerySet.as_manager()

    class Meta:
        verbose_name = _("penalty")
        verbose_name_plural = _("penalties")
