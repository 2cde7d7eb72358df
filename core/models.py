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


class ApiToken(models.Model):
    """An API token for one client (`Authorization: Token <key>`), see core/tokens.py.

    Only a hash of the key is stored. A token lasts until `expires` (GJ_TOKEN_DAYS), and only
    while the user is active and has the password they had when it was issued (`auth_hash`,
    the same check Django makes for sessions): changing the password revokes every token.
    """

    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="api_tokens", verbose_name=_("user")
    )
    digest = models.CharField(max_length=64, unique=True)
    prefix = models.CharField(_("beginning of the token"), max_length=8)
    name = models.CharField(_("client"), max_length=200, blank=True)
    auth_hash = models.CharField(max_length=128)
    created = models.DateTimeField(_("created"), auto_now_add=True)
    expires = models.DateTimeField(_("expires"))

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        ordering = ["-created"]

    def __str__(self) -> str:
        return f"{self.user} {self.prefix}…"


class OutboxMessage(models.Model):
    """A task send that waits for the broker (core.outbox): written in the transaction that
    asked for the task, deleted once the broker has taken it."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    task = models.CharField(_("task"), max_length=200)
    args = models.JSONField(default=list, blank=True)
    kwargs = models.JSONField(default=dict, blank=True)
    options = models.JSONField(default=dict, blank=True)
    attempts = models.PositiveIntegerField(default=0)
    last_error = models.TextField(blank=True, default="")
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("pending task send")
        verbose_name_plural = _("pending task sends")
        ordering = ["created_at"]

    def __str__(self) -> str:
        return self.task
