"""Innovation results (创新成果) of a studio. `contest_achievement` is the result's entry into a
contest (the contest core's `Achievement`), made in one step by the services."""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from contests.models import Achievement
from core.scope import RestrictQuerySet
from innovation.models.studios import Studio
from innovation.models.work import ResearchProject
from workers.models import Worker

# A yuan amount no real benefit reaches (10^13 = 10 trillion): bounds untrusted input.
MAX_BENEFIT_YUAN = 10**13


class InnovationResultQuerySet(RestrictQuerySet):
    scope_path = "studio__union__path"


class InnovationResult(models.Model):
    studio = models.ForeignKey(
        Studio, on_delete=models.PROTECT, related_name="results", verbose_name=_("studio")
    )
    # The research project the result came out of, if any (a result may stand alone).
    project = models.ForeignKey(
        ResearchProject,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="results",
        verbose_name=_("research project"),
    )
    title = models.CharField(_("title"), max_length=200)
    summary = models.TextField(_("summary"), blank=True)
    authors = models.ManyToManyField(
        Worker, blank=True, related_name="innovation_results", verbose_name=_("authors")
    )
    achieved_on = models.DateField(_("achieved on"))
    applied = models.BooleanField(_("applied in production"), default=False)  # 推广应用
    applied_on = models.DateField(_("applied since"), null=True, blank=True)
    # Economic benefit per year in yuan, saved or created, with the basis of the figure.
    benefit_yuan = models.DecimalField(
        _("economic benefit (yuan a year)"),
        max_digits=16,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(MAX_BENEFIT_YUAN)],
    )
    benefit_basis = models.TextField(_("basis of the benefit"), blank=True)
    contest_achievement = models.OneToOneField(
        Achievement,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="innovation_result",
        verbose_name=_("contest entry"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = InnovationResultQuerySet.as_manager()

    class Meta:
        verbose_name = _("innovation result")
        verbose_name_plural = _("innovation results")
        ordering = ["-achieved_on", "-id"]

    def __str__(self) -> str:
        return self.title


class ResultImage(models.Model):
    """A picture of a result, stored resized and without its EXIF (innovation.images)."""

    result = models.ForeignKey(
        InnovationResult,
        on_delete=models.CASCADE,
        related_name="images",
        verbose_name=_("innovation result"),
    )
    image = models.ImageField(_("image"), upload_to="innovation/results/")
    caption = models.CharField(_("caption"), max_length=200, blank=True)
    order = models.PositiveIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("image of a result")
        verbose_name_plural = _("images of results")
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return self.caption or self.image.name
