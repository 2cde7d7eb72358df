"""Likes (点赞): one per member and post, enforced by a unique constraint (the service inserts
with ON CONFLICT DO NOTHING). The liker's unit at the time of the like is kept on the row, so
the officers' like-farming figures are one grouped read."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from core.models import User
from showcase.models.posts import Post
from unions.models import Employer


class Like(models.Model):
    # No index of its own: showcase_like_once (post, user) and like_post_unit (post, employer)
    # both lead with the post, and each like writes one index entry fewer.
    post = models.ForeignKey(
        Post, on_delete=models.CASCADE, related_name="likes", verbose_name=_("post"), db_index=False
    )
    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="showcase_likes", verbose_name=_("member")
    )
    employer = models.ForeignKey(
        Employer,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("work unit"),
    )
    created_at = models.DateTimeField(_("liked at"), auto_now_add=True)

    class Meta:
        verbose_name = _("like")
        verbose_name_plural = _("likes")
        constraints = [
            models.UniqueConstraint(fields=["post", "user"], name="showcase_like_once"),
        ]
        indexes = [models.Index(fields=["post", "employer"], name="like_post_unit")]

    def __str__(self) -> str:
        return f"{self.user_id} → {self.post_id}"
