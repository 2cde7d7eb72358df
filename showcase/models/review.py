"""The audit of a post's life: who did what (created, edited, submitted, returned with a
reason, published or scheduled, withdrawn), the status before and after, and when."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from core.models import User
from showcase.models.posts import Post


class PostAction(models.TextChoices):
    CREATE = "create", _("created")
    EDIT = "edit", _("edited")
    SUBMIT = "submit", _("submitted")
    RETURN = "return", _("returned")
    PUBLISH = "publish", _("published")
    WITHDRAW = "withdraw", _("withdrawn")


class PostLog(models.Model):
    post = models.ForeignKey(
        Post, on_delete=models.CASCADE, related_name="log", verbose_name=_("post")
    )
    actor = models.ForeignKey(
        User, null=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("by")
    )
    action = models.CharField(_("action"), max_length=10, choices=PostAction)
    old_status = models.CharField(_("old status"), max_length=10, blank=True)
    new_status = models.CharField(_("new status"), max_length=10)
    reason = models.TextField(_("reason"), blank=True)
    # What changed, e.g. {"title": ["old", "new"]} or {"publish_at": "…"}.
    details = models.JSONField(_("details"), default=dict, blank=True)
    at = models.DateTimeField(_("at"), auto_now_add=True)

    class Meta:
        verbose_name = _("post log entry")
        verbose_name_plural = _("post log")
        ordering = ["post", "at", "id"]

    def __str__(self) -> str:
        return f"{self.post_id} {self.action}"
