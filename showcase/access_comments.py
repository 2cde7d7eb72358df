"""Who may comment, report and moderate, and how often (the rules of core.access, for comments).

- A post is public once published and its publishing time has come (`showcase.access.is_public`); a
  post that is not public is absent (404) to comment pages and the API (`sees_post`).
- Any signed-in member may comment on a public post (`may_comment`) and report an approved
  comment of someone else's, once (`may_report`; "once" is the database's constraint).
- Comments are moderated by officers of the post's union or a union above it
  (`moderates_comment`), the same subtree rule as `Comment.objects.restrict(user)`;
  sensitive-word lists by officers of the list's union or above (`manages_word`).
- Members comment and report at most at the rates `showcase_comment` and `showcase_report`
  of settings.GJ_RATE_LIMITS (defaults below), counted per account in the cache and failing
  open (core.throttling); `wait(request, scope)` is the same count for the pages.
"""

from __future__ import annotations

import math

from django.utils.translation import gettext_lazy as _

from core.access import manages_union, rule
from core.throttling import SettingsRateThrottle, limits
from showcase.access import is_public
from showcase.models import CommentStatus

COMMENT_RATE = "5/min"
REPORT_RATE = "10/min"
DEFAULT_RATES = {"showcase_comment": COMMENT_RATE, "showcase_report": REPORT_RATE}
RATE_MESSAGES = {
    "showcase_comment": _("You are commenting too often. Please wait a minute and try again."),
    "showcase_report": _("You are reporting too often. Please wait a minute and try again."),
}


@rule(_("This post is not published."))
def sees_post(user, post) -> bool:
    return post is not None and is_public(post)


@rule(_("This comment is not shown."))
def sees_comment(user, comment) -> bool:
    """Only approved comments of public posts exist for members and the public."""
    return (
        comment is not None and comment.status == CommentStatus.APPROVED and is_public(comment.post)
    )


@rule(_("Log in to comment."))
def may_comment(user, post) -> bool:
    return bool(user and user.is_authenticated and user.is_active) and sees_post(user, post)


@rule(_("You cannot report this comment."))
def may_report(user, comment) -> bool:
    return (
        bool(user and user.is_authenticated and user.is_active)
        and comment.status == CommentStatus.APPROVED
        and comment.author_id != user.pk
        and is_public(comment.post)
    )


@rule(_("Only officers of the post's union (or of a union above it) may moderate its comments."))
def moderates_comment(user, comment) -> bool:
    return comment is not None and manages_union(user, comment.post.union)


@rule(_("Only officers of that union (or of a union above it) may change its word list."))
def manages_word(user, word) -> bool:
    return word is not None and manages_union(user, word.union)


class MemberThrottle(SettingsRateThrottle):
    """A member's comments or reports, counted per account (`scope`)."""

    scope = "showcase_comment"

    def get_rate(self):
        return limits().get(self.scope, DEFAULT_RATES[self.scope])

    def get_cache_key(self, request, view):
        user = request.user
        if not (user and user.is_authenticated):
            return None  # refused by the permission check, not counted
        return self.cache_format % {"scope": self.scope, "ident": user.pk}


class CommentThrottle(MemberThrottle):
    scope = "showcase_comment"


class ReportThrottle(MemberThrottle):
    scope = "showcase_report"


THROTTLES = {"showcase_comment": CommentThrottle, "showcase_report": ReportThrottle}


def wait(request, scope: str) -> int | None:
    """Counts this request; seconds to wait when the member is over the rate, else None."""
    throttle = THROTTLES[scope]()
    if throttle.allow_request(request, None):
        return None
    return max(1, math.ceil(throttle.wait() or 1))
