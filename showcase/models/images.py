"""Images of a post: stored through Django's default storage after the server has resized
them and dropped their metadata (showcase.images); served by a view that checks the post is
visible to the reader."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from showcase.models.posts import Post


class PostImage(models.Model):
    post = models.ForeignKey(
        Post, on_delete=models.CASCADE, related_name="images", verbose_name=_("post")
    )
    # The name in default_storage (showcase/<post id>/<random>.jpg).
    name = models.CharField(_("file"), max_length=255)
    width = models.PositiveIntegerField(_("width"))
    height = models.PositiveIntegerField(_("height"))
    size = models.PositiveIntegerField(_("size in bytes"))
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("post image")
        verbose_name_plural = _("post images")
        ordering = ["post", "position", "id"]

    def __str__(self) -> str:
        return self.name
