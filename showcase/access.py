"""Who may do what to posts and correspondents (the showcase's rules, in core.access's form).

- Officers write posts for the unions in their subtree and review them there
  (`reviews_post`: the post's union is theirs).
- A correspondent writes for the work unit they are appointed to (`is_correspondent`); their
  post is reviewed by the officers of that unit's union. A correspondent edits their own post
  while it is a draft or returned.
- Anyone sees a published post from its publication time on (`public_posts`); its writers and
  reviewers see it in every state (`sees_post`).
"""

from __future__ import annotations

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.access import manages_union, rule
from showcase.models import Correspondent, Post, PostStatus

AUTHOR_EDITABLE = (PostStatus.DRAFT, PostStatus.RETURNED)
OFFICER_EDITABLE = (PostStatus.DRAFT, PostStatus.RETURNED, PostStatus.SUBMITTED)


def public_posts(now=None) -> QuerySet:
    """Posts anyone may read: published, from their publication time on."""
    return Post.objects.filter(status=PostStatus.PUBLISHED, published_at__lte=now or timezone.now())


def is_public(post: Post, now=None) -> bool:
    return (
        post.status == PostStatus.PUBLISHED
        and post.published_at is not None
        and post.published_at <= (now or timezone.now())
    )


def correspondent_employers(user) -> QuerySet:
    """The work units the user is an active correspondent of."""
    if user is None or not user.is_authenticated:
        return Correspondent.objects.none()
    return Correspondent.objects.active().filter(user=user).values_list("employer_id", flat=True)


@rule(_("Only a correspondent of this work unit may write for it."))
def is_correspondent(user, employer) -> bool:
    if user is None or not user.is_authenticated or employer is None:
        return False
    return Correspondent.objects.active().filter(user=user, employer_id=employer.pk).exists()


@rule(_("Only officers of the post's union may review it."))
def reviews_post(user, post) -> bool:
    return post is not None and manages_union(user, post.union)


@rule(_("This post cannot be edited now."))
def edits_post(user, post) -> bool:
    """Officers of the post's union before publication; its author (still a correspondent
    of the unit) while it is a draft or returned."""
    if post is None:
        return False
    if reviews_post(user, post):
        return post.status in OFFICER_EDITABLE
    return (
        user is not None
        and post.author_id == user.pk
        and post.status in AUTHOR_EDITABLE
        and post.employer_id is not None
        and is_correspondent(user, post.employer)
    )


@rule(_("This post is not public."))
def sees_post(user, post) -> bool:
    if post is None:
        return False
    if is_public(post) or reviews_post(user, post):
        return True
    return user is not None and user.is_authenticated and post.author_id == user.pk


@rule(_("Only officers of the unit's union may do this."))
def manages_correspondent(user, correspondent) -> bool:
    return correspondent is not None and manages_union(user, correspondent.employer.union)
