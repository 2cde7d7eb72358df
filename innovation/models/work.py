"""A studio's work before it yields results: innovation topics (创新课题) and the research
projects (攻关项目) taken up under them, each with a status and its dates."""

from __future__ import annotations

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
