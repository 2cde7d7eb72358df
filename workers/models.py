"""Workers (the people who compete) and their shop-floor teams (班组).

The national ID number is the identity across regions: unique, so a worker known to two
provincial unions is one person. It and the phone are personal data and never leave the
platform unmasked except to the worker themself (see workers.selectors / serializers).
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.scope import RestrictQuerySet
from unions.models import Employer


class SkillGrade(models.IntegerChoices):
    """Skill grades: 5 is the entry grade, 1 the highest; promotion lowers the number."""

    SENIOR_TECHNICIAN = 1, _("Senior technician")
    TECHNICIAN = 2, _("Technician")
    ADVANCED = 3, _("Advanced worker")
    INTERMEDIATE = 4, _("Intermediate worker")
    ELEMENTARY = 5, _("Elementary worker")


class Sex(models.TextChoices):
    MALE = "M", _("male")
    FEMALE = "F", _("female")


class WorkerQuerySet(RestrictQuerySet):
    scope_path = "employer__union__path"


class Worker(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="worker",
        verbose_name=_("login account"),
    )
    name = models.CharField(_("real name"), max_length=50)
    id_number = models.CharField(_("ID number"), max_length=18, unique=True)
    birth_date = models.DateField(_("birth date"))
    sex = models.CharField(_("sex"), max_length=1, choices=Sex)
    phone = models.CharField(_("mobile phone"), max_length=11, blank=True)
    employer = models.ForeignKey(
        Employer, on_delete=models.PROTECT, related_name="workers", verbose_name=_("work unit")
    )
    occupation = models.CharField(_("occupation"), max_length=100, blank=True)
    skill_grade = models.PositiveSmallIntegerField(
        _("skill grade"), choices=SkillGrade, default=SkillGrade.ELEMENTARY
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = WorkerQuerySet.as_manager()

    class Meta:
        verbose_name = _("worker")
        verbose_name_plural = _("workers")
        ordering = ["id"]

    def __str__(self) -> str:
        return self.name


class TeamQuerySet(RestrictQuerySet):
    scope_path = "employer__union__path"


class Team(models.Model):
    name = models.CharField(_("name"), max_length=200)
    employer = models.ForeignKey(
        Employer, on_delete=models.PROTECT, related_name="teams", verbose_name=_("work unit")
    )
    leader = models.ForeignKey(
        Worker,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="led_teams",
        verbose_name=_("leader"),
    )
    members = models.ManyToManyField(
        Worker, related_name="teams", blank=True, verbose_name=_("members")
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = TeamQuerySet.as_manager()

    class Meta:
        verbose_name = _("team")
        verbose_name_plural = _("teams")
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(
                fields=["employer", "name"], name="team_unique_name_in_employer"
            )
        ]

    def __str__(self) -> str:
        return self.name


class WorkerImportQuerySet(RestrictQuerySet):
    scope_path = "union__path"


class WorkerImport(models.Model):
    """An uploaded spreadsheet waiting for (or done with) its import task.

    The file is kept in the database, not on a local disk, so that whichever worker
    process takes the task can read it; `task` holds state, progress and the report.
    """

    task = models.OneToOneField(
        "core.TaskRecord", on_delete=models.CASCADE, related_name="worker_import"
    )
    union = models.ForeignKey(
        "unions.Union", on_delete=models.PROTECT, related_name="+", verbose_name=_("union")
    )
    filename = models.CharField(_("file name"), max_length=255)
    data = models.BinaryField()
    skip_invalid = models.BooleanField(_("import the good rows, skip bad ones"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = WorkerImportQuerySet.as_manager()

    class Meta:
        verbose_name = _("worker import")
        verbose_name_plural = _("worker imports")
        ordering = ["-created_at"]


class IdNumberDisclosureQuerySet(RestrictQuerySet):
    scope_path = "worker__employer__union__path"


class IdNumberDisclosure(models.Model):
    """One display of a worker's full ID number to an officer checking identity: who saw
    it and when. Written by `workers.selectors.reveal_id_number`, the only way a page shows
    the number unmasked; listed on the worker's page."""

    worker = models.ForeignKey(
        Worker, on_delete=models.CASCADE, related_name="id_disclosures", verbose_name=_("worker")
    )
    viewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("seen by"),
    )
    at = models.DateTimeField(_("seen at"), auto_now_add=True)

    objects = IdNumberDisclosureQuerySet.as_manager()

    class Meta:
        verbose_name = _("ID number disclosure")
        verbose_name_plural = _("ID number disclosures")
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["worker", "at"], name="id_disclosure_worker_at")]
