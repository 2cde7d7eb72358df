"""Patents of an innovation result, by their Chinese patent number (ZL…), validated by
`innovation.patents` (form, type and check digit) and stored in the canonical form."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from core.scope import RestrictQuerySet
from innovation.models.results import InnovationResult
from innovation.patents import INVENTION_OR_UTILITY, PatentType


class PatentKind(models.TextChoices):
    INVENTION = PatentType.INVENTION.value, _("invention")
    UTILITY_MODEL = PatentType.UTILITY_MODEL.value, _("utility model")
    DESIGN = PatentType.DESIGN.value, _("design")
    PCT_INVENTION = PatentType.PCT_INVENTION.value, _("invention (PCT)")
    PCT_UTILITY_MODEL = PatentType.PCT_UTILITY_MODEL.value, _("utility model (PCT)")


# The kinds counted as "发明和实用新型专利".
COUNTED_KINDS = sorted(t.value for t in INVENTION_OR_UTILITY)


class PatentQuerySet(RestrictQuerySet):
    scope_path = "result__studio__union__path"


class Patent(models.Model):
    result = models.ForeignKey(
        InnovationResult,
        on_delete=models.CASCADE,
        related_name="patents",
        verbose_name=_("innovation result"),
    )
    number = models.CharField(_("patent number"), max_length=20, unique=True)
    kind = models.CharField(_("type"), max_length=1, choices=PatentKind, editable=False)
    title = models.CharField(_("title"), max_length=200, blank=True)
    granted_on = models.DateField(_("granted on"), null=True, blank=True)

    objects = PatentQuerySet.as_manager()

    class Meta:
        verbose_name = _("patent")
        verbose_name_plural = _("patents")
        ordering = ["number"]

    def __str__(self) -> str:
        return self.number
