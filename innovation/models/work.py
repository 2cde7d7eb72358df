"""A studio's work before it yields results: innovation topics (创新课题) and the research
projects (攻关项目) taken up under them, each with a status and its dates; and the log of
every write to a studio's work, results, patents and exhibitions (who, what, old, new, why)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.scope import RestrictQuerySet
from innovation.models.studios import Studio


class TopicStatus(models.TextChoices):
    PROPOSED = "proposed", _("proposed")
    ONGOING = "ongoing", _("ongoing")
    CONCLUDED = "concluded", _("concluded")
    DROPPED = "dropped", _("dropped")


class ProjectStatus(models.TextChoices):
    ONGOING = "ongoing", _("ongoing")
    COMPLETED = "completed", _("completed")
    SUSPENDED = "suspended", _("suspended")


class TopicQuerySet(RestrictQuerySet):
    scope_path = "studio__union__path"


class InnovationTopic(models.Model):
    studio = models.ForeignKey(
        Studio, on_delete=models.PROTECT, related_name="topics", verbose_name=_("studio")
    )
    title = models.CharField(_("title"), max_length=200)
    summary = models.TextField(_("summary"), blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=TopicStatus, default=TopicStatus.PROPOSED
    )
    started_on = models.DateField(_("started on"))
    ended_on = models.DateField(_("ended on"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = TopicQuerySet.as_manager()

    class Meta:
        verbose_name = _("innovation topic")
        verbose_name_plural = _("innovation topics")
        ordering = ["-started_on", "-id"]

    def __str__(self) -> str:
        return self.title


class ProjectQuerySet(RestrictQuerySet):
    scope_path = "topic__studio__union__path"


class ResearchProject(models.Model):
    topic = models.ForeignKey(
        InnovationTopic, on_delete=models.PROTECT, related_name="projects", verbose_name=_("topic")
    )
    title = models.CharField(_("title"), max_length=200)
    summary = models.TextField(_("summary"), blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=ProjectStatus, default=ProjectStatus.ONGOING
    )
    started_on = models.DateField(_("started on"))
    ended_on = models.DateField(_("ended on"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = ProjectQuerySet.as_manager()

    class Meta:
        verbose_name = _("research project")
        verbose_name_plural = _("research projects")
        ordering = ["-started_on", "-id"]

    def __str__(self) -> str:
        return self.title


class WorkLog(models.Model):
    """One audited write: who did what to which object, the values before and after, and the
    reason given. `studio` is null for an exhibition's changes (they span studios)."""

    studio = models.ForeignKey(
        Studio,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="work_log",
        verbose_name=_("studio"),
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("by"),
    )
    at = models.DateTimeField(_("at"), auto_now_add=True)
    action = models.CharField(_("action"), max_length=40)
    target = models.CharField(_("object"), max_length=60)  # "result:12", "exhibition:3"
    old = models.JSONField(_("before"), null=True, blank=True)
    new = models.JSONField(_("after"), null=True, blank=True)
    reason = models.CharField(_("reason"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("innovation work log entry")
        verbose_name_plural = _("innovation work log")
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["target", "-at"], name="innovation_worklog_target")]

    def __str__(self) -> str:
        return f"{self.action} {self.target}"
