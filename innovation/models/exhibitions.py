"""Exhibitions of results (成果展): an officer of a union curates a public show of results from
many units, in sections, in order; it is public once published."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.scope import RestrictQuerySet
from innovation.models.results import InnovationResult
from unions.models import Union


class ExhibitionQuerySet(RestrictQuerySet):
    scope_path = "union__path"

    def published(self):
        return self.filter(published_at__isnull=False)


class Exhibition(models.Model):
    union = models.ForeignKey(
        Union, on_delete=models.PROTECT, related_name="exhibitions", verbose_name=_("union")
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = ExhibitionQuerySet.as_manager()

    class Meta:
        verbose_name = _("exhibition")
        verbose_name_plural = _("exhibitions")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.title


class ExhibitionSection(models.Model):
    exhibition = models.ForeignKey(
        Exhibition, on_delete=models.CASCADE, related_name="sections", verbose_name=_("exhibition")
    )
    title = models.CharField(_("title"), max_length=200)
    order = models.PositiveIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("exhibition section")
        verbose_name_plural = _("exhibition sections")
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return self.title


class ExhibitionItemQuerySet(RestrictQuerySet):
    scope_path = "exhibition__union__path"


class ExhibitionItem(models.Model):
    # Denormalised from the section: one result once per exhibition, as a constraint.
    exhibition = models.ForeignKey(
        Exhibition, on_delete=models.CASCADE, related_name="items", verbose_name=_("exhibition")
    )
    section = models.ForeignKey(
        ExhibitionSection, on_delete=models.CASCADE, related_name="items", verbose_name=_("section")
    )
    result = models.ForeignKey(
        InnovationResult,
        on_delete=models.CASCADE,
        related_name="exhibition_items",
        verbose_name=_("innovation result"),
    )
    order = models.PositiveIntegerField(_("order"), default=0)

    objects = ExhibitionItemQuerySet.as_manager()

    class Meta:
        verbose_name = _("exhibited result")
        verbose_name_plural = _("exhibited results")
        ordering = ["order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["exhibition", "result"], name="exhibition_result_once")
        ]

    def __str__(self) -> str:
        return str(self.result)
