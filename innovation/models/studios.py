"""Studios. A studio belongs to a work unit and its union; `level` is the highest level granted
so far (the grants, with their dates and unions, are the history)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from core.scope import RestrictQuerySet
from unions.models import Employer, Union
from workers.models import Worker


class StudioLevel(models.TextChoices):
    # Ordered from lowest to highest: `LEVEL_ORDER` ranks them.
    ENTERPRISE = "enterprise", _("enterprise level")
    CITY = "city", _("city level")
    PROVINCE = "province", _("province or region level")
    NATIONAL = "national", _("national demonstration")


LEVEL_ORDER = {level: rank for rank, level in enumerate(StudioLevel.values)}


class StudioQuerySet(RestrictQuerySet):
    scope_path = "union__path"


class Studio(models.Model):
    name = models.CharField(_("name"), max_length=200)
    union = models.ForeignKey(
        Union, on_delete=models.PROTECT, related_name="studios", verbose_name=_("union")
    )
    employer = models.ForeignKey(
        Employer, on_delete=models.PROTECT, related_name="studios", verbose_name=_("work unit")
    )
    leader = models.ForeignKey(
        Worker, on_delete=models.PROTECT, related_name="led_studios", verbose_name=_("leader")
    )
    # Honours of the leader as shown on the studio's page: 劳动模范, 全国五一劳动奖章, 工匠 …
    leader_titles = models.CharField(_("leader's titles"), max_length=200, blank=True)
    field = models.CharField(_("field"), max_length=100)
    founded_on = models.DateField(_("founded on"))
    description = models.TextField(_("description"), blank=True)
    level = models.CharField(_("level"), max_length=10, choices=StudioLevel, null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = StudioQuerySet.as_manager()

    class Meta:
        verbose_name = _("innovation studio")
        verbose_name_plural = _("innovation studios")
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["employer", "name"], name="studio_unique_name_in_unit")
        ]

    def __str__(self) -> str:
        return self.name


class StudioMember(models.Model):
    """A worker in a studio's innovation team, with the role they play in it."""

    studio = models.ForeignKey(
        Studio, on_delete=models.CASCADE, related_name="members", verbose_name=_("studio")
    )
    worker = models.ForeignKey(
        Worker,
        on_delete=models.PROTECT,
        related_name="studio_memberships",
        verbose_name=_("worker"),
    )
    role = models.CharField(_("role"), max_length=50)
    joined_on = models.DateField(_("joined on"))

    class Meta:
        verbose_name = _("studio member")
        verbose_name_plural = _("studio members")
        ordering = ["studio", "id"]
        constraints = [
            models.UniqueConstraint(fields=["studio", "worker"], name="studio_member_once")
        ]

    def __str__(self) -> str:
        return f"{self.studio} / {self.role}"


class StudioLevelGrantQuerySet(RestrictQuerySet):
    scope_path = "studio__union__path"


class StudioLevelGrant(models.Model):
    """One level granted to a studio: when, by which union, on which rating. Never edited:
    the grants are the studio's level history, and `Studio.level` is the highest of them."""

    studio = models.ForeignKey(
        Studio, on_delete=models.CASCADE, related_name="level_grants", verbose_name=_("studio")
    )
    level = models.CharField(_("level"), max_length=10, choices=StudioLevel)
    granted_on = models.DateField(_("granted on"))
    union = models.ForeignKey(
        Union, on_delete=models.PROTECT, related_name="+", verbose_name=_("granting union")
    )
    rating = models.OneToOneField(
        "innovation.Rating",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="grant",
        verbose_name=_("rating"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = StudioLevelGrantQuerySet.as_manager()

    class Meta:
        verbose_name = _("level grant")
        verbose_name_plural = _("level grants")
        ordering = ["studio", "granted_on", "id"]

    def __str__(self) -> str:
        return f"{self.studio}: {self.get_level_display()}"
