"""Posts of the showcase. Counts (`like_count`, `comment_count`) and `hot_score` are kept on the
row by the services so that a feed page is one indexed read, not an aggregate over likes
(the score follows the likes within seconds: showcase.services.hot)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from contests.models import Achievement, Contest, ContestSeries
from core.models import User
from core.scope import RestrictQuerySet
from innovation.models import InnovationResult
from unions.models import Employer, Region, Union


class PostKind(models.TextChoices):
    NEWS = "news", _("news")  # 新闻动态
    EXEMPLARY = "exemplary", _("exemplary worker")  # 典型宣传
    SKILL_TIP = "skill_tip", _("skill tip")  # 技能提升信息
    ACHIEVEMENT = "achievement", _("contest achievement")  # 竞赛成果


class PostStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    SUBMITTED = "submitted", _("submitted for review")
    RETURNED = "returned", _("returned")
    PUBLISHED = "published", _("published")
    WITHDRAWN = "withdrawn", _("withdrawn")


class PostQuerySet(RestrictQuerySet):
    scope_path = "union__path"


class Post(models.Model):
    kind = models.CharField(_("kind"), max_length=12, choices=PostKind)
    title = models.CharField(_("title"), max_length=200)
    # Sanitised HTML (nh3, an allow-list of tags and attributes), never the raw input.
    body = models.TextField(_("body"))
    # The union whose officers review the post: the unit's union for a correspondent's post.
    union = models.ForeignKey(
        Union, on_delete=models.PROTECT, related_name="posts", verbose_name=_("union")
    )
    employer = models.ForeignKey(
        Employer,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="posts",
        verbose_name=_("work unit"),
    )
    # The post's region (its unit's, else its union's), for the feed's region filter.
    region = models.ForeignKey(
        Region,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("region"),
    )
    series = models.ForeignKey(
        ContestSeries,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="posts",
        verbose_name=_("contest series"),
    )
    contest = models.ForeignKey(
        Contest,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="posts",
        verbose_name=_("contest"),
    )
    # A contest-achievement post shows an achievement entry or an innovation result.
    achievement = models.ForeignKey(
        Achievement,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="posts",
        verbose_name=_("achievement entry"),
    )
    innovation_result = models.ForeignKey(
        InnovationResult,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="posts",
        verbose_name=_("innovation result"),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=PostStatus, default=PostStatus.DRAFT
    )
    return_reason = models.TextField(_("reason for return"), blank=True)
    author = models.ForeignKey(
        User, on_delete=models.PROTECT, related_name="showcase_posts", verbose_name=_("author")
    )
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    # Scheduled publishing: a published post appears from `publish_at` on (null: at once).
    publish_at = models.DateTimeField(_("publish at"), null=True, blank=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        User,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("reviewed by"),
    )
    like_count = models.PositiveIntegerField(_("likes"), default=0)
    comment_count = models.PositiveIntegerField(_("comments"), default=0)
    hot_score = models.FloatField(_("hot score"), default=0.0)
    # The time part of the hot score (scoring.hot.time_part of published_at), set on
    # publication, so that the score is brought up to date in SQL without reading rows.
    hot_base = models.FloatField(_("hot score's time part"), default=0.0)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = PostQuerySet.as_manager()

    class Meta:
        verbose_name = _("post")
        verbose_name_plural = _("posts")
        ordering = ["-published_at", "-id"]
        indexes = [
            models.Index(fields=["status", "-hot_score", "-id"], name="post_hot"),
            models.Index(fields=["status", "-published_at", "-id"], name="post_latest"),
        ]

    def __str__(self) -> str:
        return self.title
