"""The audit of every write in the innovation app (studios, members, reviewers, ratings,
reviews, grants, alliances, topics, projects, results, patents, exhibitions): who, when, which
object, the action, the values before and after, and the reason given. Scoped by the union
whose officers may read it; `studio` is null where the object spans studios (an exhibition,
an alliance, a reviewer)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.scope import RestrictQuerySet
from innovation.models.studios import Studio
from unions.models import Union


class AuditEntryQuerySet(RestrictQuerySet):
    scope_path = "union__path"


class AuditEntry(models.Model):
    union = models.ForeignKey(
        Union, on_delete=models.CASCADE, related_name="+", verbose_name=_("union")
    )
    studio = models.ForeignKey(
        Studio,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="audit",
        verbose_name=_("studio"),
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("by"),
    )
    action = models.CharField(_("action"), max_length=40)
    # The object written, as "<kind>:<id>" ("result:12", "exhibition:3"); blank where the
    # action names it by itself (a studio's registration with `studio` set).
    target = models.CharField(_("object"), max_length=60, blank=True)
    subject = models.CharField(_("subject"), max_length=200, blank=True)
    old = models.JSONField(_("before"), null=True, blank=True)
    new = models.JSONField(_("after"), null=True, blank=True)
    reason = models.CharField(_("reason"), max_length=500, blank=True)
    at = models.DateTimeField(_("at"), auto_now_add=True)

    objects = AuditEntryQuerySet.as_manager()

    class Meta:
        verbose_name = _("innovation audit entry")
        verbose_name_plural = _("innovation audit entries")
        ordering = ["-at", "-id"]
        indexes = [
            models.Index(fields=["studio", "-at"], name="studio_audit_by_studio"),
            models.Index(fields=["target", "-at"], name="innovation_audit_target"),
        ]

    def __str__(self) -> str:
        return f"{self.action} {self.target or self.subject}"
