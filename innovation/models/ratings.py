"""Ratings of studios against a standard (七有标准 and others): the standard and its ordered
criteria are data; a rating is one studio's attempt at one level in one year under one
standard and one rating union. The studio assesses itself per criterion with evidence; named
reviewers or officers of the rating union review, criterion by criterion. Every review is
kept: a rating reviewed twice has two reviews."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.scope import RestrictQuerySet
from innovation.models.studios import Studio, StudioLevel
from unions.models import Union

MAX_EVIDENCE_FILES = 5  # per criterion of a rating


class RatingStandard(models.Model):
    """A rating standard. `union` null: a shared standard every union may use (七有 is seeded
    so); otherwise the standard of that union and the unions below it."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=200)
    union = models.ForeignKey(
        Union,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="rating_standards",
        verbose_name=_("owning union"),
    )
    description = models.TextField(_("description"), blank=True)
    active = models.BooleanField(_("in use"), default=True)

    class Meta:
        verbose_name = _("rating standard")
        verbose_name_plural = _("rating standards")
        ordering = ["id"]

    def __str__(self) -> str:
        return self.name


class RatingCriterion(models.Model):
    standard = models.ForeignKey(
        RatingStandard,
        on_delete=models.CASCADE,
        related_name="criteria",
        verbose_name=_("standard"),
    )
    order = models.PositiveSmallIntegerField(_("order"))
    code = models.SlugField(_("code"), max_length=40)
    title = models.CharField(_("title"), max_length=100)
    guidance = models.TextField(_("guidance"), blank=True)

    class Meta:
        verbose_name = _("rating criterion")
        verbose_name_plural = _("rating criteria")
        ordering = ["standard", "order"]
        constraints = [
            models.UniqueConstraint(fields=["standard", "order"], name="criterion_order_once"),
            models.UniqueConstraint(fields=["standard", "code"], name="criterion_code_once"),
        ]

    def __str__(self) -> str:
        return self.title


class ReviewerQuerySet(RestrictQuerySet):
    scope_path = "union__path"


class Reviewer(models.Model):
    """A named expert reviewer (评审专家) appointed by an officer for a union: reviews the
    ratings of that union and of the unions below it."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="studio_reviewer_posts",
        verbose_name=_("user"),
    )
    union = models.ForeignKey(
        Union, on_delete=models.PROTECT, related_name="studio_reviewers", verbose_name=_("union")
    )
    name = models.CharField(_("name"), max_length=50)
    expertise = models.CharField(_("expertise"), max_length=100, blank=True)
    active = models.BooleanField(_("active"), default=True)
    appointed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("appointed by"),
    )
    appointed_at = models.DateTimeField(_("appointed at"), auto_now_add=True)

    objects = ReviewerQuerySet.as_manager()

    class Meta:
        verbose_name = _("studio reviewer")
        verbose_name_plural = _("studio reviewers")
        ordering = ["union", "name", "id"]
        constraints = [
            models.UniqueConstraint(fields=["user", "union"], name="reviewer_once_per_union")
        ]

    def __str__(self) -> str:
        return self.name


class RatingStatus(models.TextChoices):
    OPEN = "open", _("self-assessment open")
    SUBMITTED = "submitted", _("submitted for review")
    REVISE = "revise", _("not met: to revise")
    GRANTED = "granted", _("all met: level granted")
    CLOSED = "closed", _("closed")


class RatingQuerySet(RestrictQuerySet):
    scope_path = "union__path"


class Rating(models.Model):
    studio = models.ForeignKey(
        Studio, on_delete=models.PROTECT, related_name="ratings", verbose_name=_("studio")
    )
    standard = models.ForeignKey(
        RatingStandard, on_delete=models.PROTECT, related_name="ratings", verbose_name=_("standard")
    )
    # The union that rates (and grants): the studio's union or one above it.
    union = models.ForeignKey(
        Union,
        on_delete=models.PROTECT,
        related_name="studio_ratings",
        verbose_name=_("rating union"),
    )
    level_sought = models.CharField(_("level sought"), max_length=10, choices=StudioLevel)
    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    status = models.CharField(
        _("status"), max_length=10, choices=RatingStatus, default=RatingStatus.OPEN
    )
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("opened by"),
    )
    opened_at = models.DateTimeField(_("opened at"), auto_now_add=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)

    objects = RatingQuerySet.as_manager()

    class Meta:
        verbose_name = _("studio rating")
        verbose_name_plural = _("studio ratings")
        ordering = ["-year", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["studio", "standard", "year", "level_sought"], name="rating_once_a_year"
            )
        ]

    def __str__(self) -> str:
        return f"{self.studio} {self.year} {self.get_level_sought_display()}"


class SelfAssessment(models.Model):
    """The studio's own account of one criterion: a statement and a link (files hang below)."""

    rating = models.ForeignKey(
        Rating, on_delete=models.CASCADE, related_name="assessments", verbose_name=_("rating")
    )
    criterion = models.ForeignKey(
        RatingCriterion, on_delete=models.PROTECT, related_name="+", verbose_name=_("criterion")
    )
    statement = models.TextField(_("statement"), blank=True)
    link = models.URLField(_("link"), max_length=500, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("updated by"),
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("self-assessment")
        verbose_name_plural = _("self-assessments")
        ordering = ["rating", "criterion__order"]
        constraints = [
            models.UniqueConstraint(fields=["rating", "criterion"], name="assessment_once")
        ]

    def __str__(self) -> str:
        return f"{self.rating} / {self.criterion}"


class EvidenceFile(models.Model):
    """A file of evidence, kept in the default storage under `stored_name` (never public)."""

    assessment = models.ForeignKey(
        SelfAssessment, on_delete=models.CASCADE, related_name="files", verbose_name=_("criterion")
    )
    filename = models.CharField(_("file name"), max_length=200)
    stored_name = models.CharField(_("stored as"), max_length=300, unique=True)
    content_type = models.CharField(_("content type"), max_length=100)
    size = models.PositiveIntegerField(_("size (bytes)"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("evidence file")
        verbose_name_plural = _("evidence files")
        ordering = ["id"]

    def __str__(self) -> str:
        return self.filename


class Review(models.Model):
    """One review of a rating: every criterion met or not, with comments. `all_met` is the
    outcome (a level is granted only when it is true)."""

    rating = models.ForeignKey(
        Rating, on_delete=models.CASCADE, related_name="reviews", verbose_name=_("rating")
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("reviewer"),
    )
    reviewer_name = models.CharField(_("reviewer"), max_length=100)
    all_met = models.BooleanField(_("all criteria met"))
    comments = models.TextField(_("comments"), blank=True)
    reviewed_at = models.DateTimeField(_("reviewed at"), auto_now_add=True)

    class Meta:
        verbose_name = _("review")
        verbose_name_plural = _("reviews")
        ordering = ["rating", "reviewed_at", "id"]

    def __str__(self) -> str:
        return f"{self.rating} / {self.reviewer_name}"


class ReviewItem(models.Model):
    review = models.ForeignKey(
        Review, on_delete=models.CASCADE, related_name="items", verbose_name=_("review")
    )
    criterion = models.ForeignKey(
        RatingCriterion, on_delete=models.PROTECT, related_name="+", verbose_name=_("criterion")
    )
    met = models.BooleanField(_("met"))
    comment = models.CharField(_("comment"), max_length=1000, blank=True)

    class Meta:
        verbose_name = _("review item")
        verbose_name_plural = _("review items")
        ordering = ["review", "criterion__order"]
        constraints = [
            models.UniqueConstraint(fields=["review", "criterion"], name="review_item_once")
        ]

    def __str__(self) -> str:
        return f"{self.criterion}: {self.met}"
