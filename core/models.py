"""Accounts and platform-wide records.

A custom user model from day one, so later needs (a phone login, say) do not require a
painful swap. Roles are not flags on the user: a user is an officer, a worker or a judge by
having the matching profile row (`unions.Officer`, `workers.Worker`, `judging.Judge`).
"""

import uuid

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class User(AbstractUser):
    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")


class TaskRecord(models.Model):
    """State and progress of a background job, readable at /api/v1/tasks/{id}/.

    Kept in the database rather than only in Celery's result backend so that it works the
    same in eager mode (no broker) and survives a Redis flush.
    """

    class State(models.TextChoices):
        # A task waits in a queue; a registration waits for an officer: "pending" twice.
        PENDING = "PENDING", pgettext_lazy("task state", "pending")
        STARTED = "STARTED", pgettext_lazy("task state", "started")
        SUCCESS = "SUCCESS", pgettext_lazy("task state", "success")
        FAILURE = "FAILURE", pgettext_lazy("task state", "failure")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    name = models.CharField(_("name"), max_length=100)
    owner = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    state = models.CharField(_("state"), max_length=10, choices=State, default=State.PENDING)
    progress = models.PositiveIntegerField(_("done"), default=0)
    total = models.PositiveIntegerField(_("total"), default=0)
    result = models.JSONField(_("result"), default=dict, blank=True)
    # The language of whoever started the task: it runs, and words its messages, in it.
    language = models.CharField(_("language"), max_length=16, blank=True, default="")
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("created at"))
    updated_at = models.DateTimeField(auto_now=True, verbose_name=_("updated at"))

    class Meta:
        verbose_name = _("background task")
        verbose_name_plural = _("background tasks")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.name} {self.state}"
