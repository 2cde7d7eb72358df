"""Correspondents (通讯员): members an officer appoints for a work unit to write its posts.
An appointment ends by revocation (kept, with who and when, as the record)."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.models import User
from core.scope import RestrictQuerySet
from unions.models import Employer


class CorrespondentQuerySet(RestrictQuerySet):
    scope_path = "employer__union__path"

    def active(self):
        return self.filter(revoked_at__isnull=True)


class Correspondent(models.Model):
    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="correspondents", verbose_name=_("member")
    )
    employer = models.ForeignKey(
        Employer,
        on_delete=models.CASCADE,
        related_name="correspondents",
        verbose_name=_("work unit"),
    )
    appointed_by = models.ForeignKey(
        User, on_delete=models.PROTECT, related_name="+", verbose_name=_("appointed by")
    )
    appointed_at = models.DateTimeField(_("appointed at"), auto_now_add=True)
    revoked_by = models.ForeignKey(
        User,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("revoked by"),
    )
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)

    objects = CorrespondentQuerySet.as_manager()

    class Meta:
        verbose_name = _("correspondent")
        verbose_name_plural = _("correspondents")
        ordering = ["employer", "-appointed_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "employer"],
                condition=Q(revoked_at__isnull=True),
                name="showcase_correspondent_once",
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} @ {self.employer}"
