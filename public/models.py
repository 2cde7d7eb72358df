"""Objections (申诉) filed against a published result during its public notice (公示).

An objection names the entry and the snapshot it was read from, so the answer can say which
published result it concerned even after a republish replaced that snapshot.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from contests.models import Event, Registration
from core.scope import RestrictQuerySet


class ObjectionQuerySet(RestrictQuerySet):
    scope_path = "event__contest__host_union__path"

    def visible_to(self, user):
        """Officers see their host unions' objections; a worker sees the ones they filed."""
        if user is None or not user.is_authenticated:
            return self.none()
        return self.restrict(user) | self.filter(filed_by=user)


class Objection(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", _("open")
        UPHELD = "upheld", _("upheld")
        DISMISSED = "dismissed", _("dismissed")

    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="objections", verbose_name=_("event")
    )
    registration = models.ForeignKey(
        Registration, on_delete=models.CASCADE, related_name="objections", verbose_name=_("entry")
    )
    snapshot = models.ForeignKey(
        "results.ResultSnapshot",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("result snapshot"),
    )
    filed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="objections",
        verbose_name=_("filed by"),
    )
    reason = models.CharField(pgettext_lazy("objection", "reason"), max_length=1000)
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.OPEN)
    answer = models.CharField(_("answer"), max_length=1000, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("answered by"),
    )
    answered_at = models.DateTimeField(null=True, blank=True, verbose_name=_("answered at"))
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("created at"))

    objects = ObjectionQuerySet.as_manager()

    class Meta:
        verbose_name = _("objection")
        verbose_name_plural = _("objections")
        ordering = ["-created_at", "id"]
        indexes = [models.Index(fields=["event", "status"], name="objection_event_status")]

    def __str__(self) -> str:
        return f"{self.event} #{self.registration_id} ({self.status})"
