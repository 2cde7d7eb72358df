"""Comments on posts and their moderation (网上互动).

A comment is reviewed before it appears (先审后发): it is written PENDING, or HELD when the
sensitive-word filter found words in it (the matched spans are kept for the moderation
queue), and only an officer of the post's union subtree makes it APPROVED. Members report
approved comments, once each; the reports' weights add up on the comment and past a
threshold the comment is HIDDEN until an officer decides. `Post.comment_count` is the number
of APPROVED comments, kept by showcase.services.comments under the comment rows' locks.

Every officer decision and every change of a word list is a `ModerationLog` row: who, what,
old, new, reason.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core.models import User
from core.scope import RestrictQuerySet
from showcase.models.posts import Post
from unions.models import Union

BODY_MAX = 500  # characters of a comment
WORD_MAX = 50  # characters of a sensitive word
REASON_MAX = 200  # characters of a moderation reason


class CommentStatus(models.TextChoices):
    PENDING = "pending", _("awaiting review")
    HELD = "held", _("held by the word filter")
    APPROVED = "approved", _("approved")
    REJECTED = "rejected", _("rejected")
    HIDDEN = "hidden", _("hidden")


class CommentQuerySet(RestrictQuerySet):
    scope_path = "post__union__path"

    def visible(self) -> CommentQuerySet:
        """The only comments any public page or API answer shows."""
        return self.filter(status=CommentStatus.APPROVED)


class Comment(models.Model):
    post = models.ForeignKey(
        Post, on_delete=models.CASCADE, related_name="comments", verbose_name=_("post")
    )
    author = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="showcase_comments", verbose_name=_("author")
    )
    # Plain text, escaped wherever it is shown; never HTML.
    body = models.TextField(_("comment"), max_length=BODY_MAX)
    status = models.CharField(
        _("status"), max_length=10, choices=CommentStatus, default=CommentStatus.PENDING
    )
    # The sensitive words found in `body`: [[start, end, word], ...], offsets into `body`.
    matches = models.JSONField(_("matched words"), default=list, blank=True)
    # The open reports' weights added up, and whether they hid the comment.
    report_weight = models.FloatField(_("report weight"), default=0.0)
    open_reports = models.PositiveIntegerField(_("open reports"), default=0)
    hidden_by_reports = models.BooleanField(_("hidden by reports"), default=False)
    reviewed_by = models.ForeignKey(
        User,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("reviewed by"),
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True, db_index=True)

    objects = CommentQuerySet.as_manager()

    class Meta:
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["post", "status", "-created_at"], name="comment_post_status"),
            models.Index(fields=["status", "-created_at"], name="comment_status"),
        ]

    def __str__(self) -> str:
        return self.body[:30]


class ReportOutcome(models.TextChoices):
    OPEN = "open", _("open")
    UPHELD = "upheld", _("upheld")
    DISMISSED = "dismissed", _("dismissed")


class ReportReason(models.TextChoices):
    ABUSE = "abuse", _("abusive or insulting")
    SPAM = "spam", _("spam or advertising")
    PRIVACY = "privacy", _("reveals personal data")
    OTHER = "other", _("other")


class CommentReport(models.Model):
    """One member's report of one comment (a member reports a comment once)."""

    comment = models.ForeignKey(
        Comment, on_delete=models.CASCADE, related_name="reports", verbose_name=_("comment")
    )
    reporter = models.ForeignKey(
        User,
        on_delete=models.CASCADE,
        related_name="showcase_comment_reports",
        verbose_name=_("reporter"),
    )
    reason = models.CharField(
        _("reason"), max_length=10, choices=ReportReason, default=ReportReason.OTHER
    )
    # The reporter's weight when reporting (see showcase.services.comments.reporter_weight).
    weight = models.FloatField(_("weight"))
    outcome = models.CharField(
        _("outcome"), max_length=10, choices=ReportOutcome, default=ReportOutcome.OPEN
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)

    class Meta:
        verbose_name = _("comment report")
        verbose_name_plural = _("comment reports")
        constraints = [
            models.UniqueConstraint(fields=["comment", "reporter"], name="report_once"),
        ]
        indexes = [models.Index(fields=["reporter", "outcome"], name="report_reporter")]


class SensitiveWordQuerySet(RestrictQuerySet):
    scope_path = "union__path"


class SensitiveWord(models.Model):
    """A word of a union's list: it holds comments on posts of that union's subtree."""

    union = models.ForeignKey(
        Union,
        on_delete=models.CASCADE,
        related_name="sensitive_words",
        verbose_name=_("union"),
    )
    word = models.CharField(_("word"), max_length=WORD_MAX)
    # `word` as the filter matches it (showcase.wordfilter.normalise).
    normalised = models.CharField(_("normalised word"), max_length=WORD_MAX * 4)
    created_by = models.ForeignKey(
        User,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("added by"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = SensitiveWordQuerySet.as_manager()

    class Meta:
        verbose_name = _("sensitive word")
        verbose_name_plural = _("sensitive words")
        ordering = ["union__path", "normalised"]
        constraints = [
            models.UniqueConstraint(fields=["union", "normalised"], name="word_once_per_union"),
        ]

    def __str__(self) -> str:
        return self.word


class WordListVersion(models.Model):
    """One row: the number every change to any word list raises. Each process keeps the
    automaton built for a number and rebuilds it when the number moves."""

    number = models.PositiveBigIntegerField(_("version"), default=0)

    class Meta:
        verbose_name = _("word list version")
        verbose_name_plural = _("word list versions")


class ModerationAction(models.TextChoices):
    APPROVE = "approve", _("approve")
    REJECT = "reject", _("reject")
    HIDE = "hide", _("hide")
    DISMISS = "dismiss", _("dismiss reports")
    AUTO_HIDE = "auto_hide", _("hidden by reports")
    ADD_WORD = "add_word", _("add word")
    REMOVE_WORD = "remove_word", _("remove word")


class ModerationLog(models.Model):
    """Who did what to which comment or word list, the state before and after, and why."""

    actor = models.ForeignKey(
        User,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=pgettext_lazy("moderation log", "by"),
    )
    action = models.CharField(_("action"), max_length=12, choices=ModerationAction)
    comment = models.ForeignKey(
        Comment,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="log",
        verbose_name=_("comment"),
    )
    union = models.ForeignKey(
        Union, on_delete=models.CASCADE, related_name="+", verbose_name=_("union")
    )
    old = models.CharField(pgettext_lazy("moderation log", "old"), max_length=100, blank=True)
    new = models.CharField(pgettext_lazy("moderation log", "new"), max_length=100, blank=True)
    reason = models.CharField(_("reason"), max_length=REASON_MAX, blank=True)
    at = models.DateTimeField(_("at"), auto_now_add=True, db_index=True)

    objects = RestrictQuerySet.as_manager()

    class Meta:
        verbose_name = _("moderation log entry")
        verbose_name_plural = _("moderation log")
        ordering = ["-at", "-id"]
