"""Alliances of studios across unions (创新工作室联盟), such as the Yangtze Delta alliance of
model-worker and craftsman studios of Shanghai, Jiangsu, Zhejiang and Anhui. The convening
union's officers (or those above it) run the alliance; each member union's officers add
their own studios."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from innovation.models.studios import Studio
from unions.models import Union


class Alliance(models.Model):
    slug = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    founded_on = models.DateField(_("founded on"), null=True, blank=True)
    convener = models.ForeignKey(
        Union,
        on_delete=models.PROTECT,
        related_name="convened_alliances",
        verbose_name=_("convener"),
    )
    unions = models.ManyToManyField(
        Union, related_name="alliances", verbose_name=_("member unions")
    )
    studios = models.ManyToManyField(
        Studio, through="AllianceMembership", related_name="alliances", verbose_name=_("studios")
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("studio alliance")
        verbose_name_plural = _("studio alliances")
        ordering = ["id"]

    def __str__(self) -> str:
        return self.name


class AllianceMembership(models.Model):
    alliance = models.ForeignKey(
        Alliance, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("alliance")
    )
    studio = models.ForeignKey(
        Studio,
        on_delete=models.CASCADE,
        related_name="alliance_memberships",
        verbose_name=_("studio"),
    )
    joined_on = models.DateField(_("joined on"))

    class Meta:
        verbose_name = _("alliance member")
        verbose_name_plural = _("alliance members")
        ordering = ["alliance", "id"]
        constraints = [
            models.UniqueConstraint(fields=["alliance", "studio"], name="alliance_member_once")
        ]

    def __str__(self) -> str:
        return f"{self.alliance} / {self.studio}"
