"""Who may act on which studio, rating and alliance: the studio part's access rules, in the
shape of core.access (a rule is `(user, obj) -> bool` carrying its denial). Views declare
them (console `officer_required` + `core.pages.scoped_page`, `core.api.base` viewsets);
services `check` them again before any work.

Reviewing a rating (`may_review`):
- nobody reviews their own studio: its leader and its members are refused, even when they
  are officers or appointed reviewers;
- the rating union is the studio's union or a union above it (checked when the rating opens);
- the reviewer is an officer of the rating union or of a union above it, or a named reviewer
  (评审专家) appointed for the rating union or a union above it. Officers and reviewers of
  another union's subtree are refused.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from core.access import manages_union, rule


def _worker_id(user) -> int | None:
    if user is None or not user.is_authenticated:
        return None
    worker = getattr(user, "worker", None)
    return worker.pk if worker is not None else None


def covers(upper, lower) -> bool:
    """Whether union `upper` is `lower` or a union above it."""
    return upper is not None and lower is not None and lower.path.startswith(upper.path)


@rule(_("Only officers of the studio's union (or a union above it) may do this."))
def manages_studio(user, studio) -> bool:
    return studio is not None and manages_union(user, studio.union)


@rule(_("This studio is not yours."))
def leads_studio(user, studio) -> bool:
    worker_id = _worker_id(user)
    return studio is not None and worker_id is not None and studio.leader_id == worker_id


def in_studio(user, studio) -> bool:
    """The studio's leader or one of its members."""
    worker_id = _worker_id(user)
    if studio is None or worker_id is None:
        return False
    return studio.leader_id == worker_id or studio.members.filter(worker_id=worker_id).exists()


@rule(_("Only the studio's leader or an officer of its union may fill its self-assessment."))
def assesses_rating(user, rating) -> bool:
    """The self-assessment is the studio leader's, or an officer's on the studio's behalf."""
    return rating is not None and (
        leads_studio(user, rating.studio) or manages_studio(user, rating.studio)
    )


def appointed_reviewer(user, union) -> bool:
    """A named reviewer appointed for `union` or a union above it, still active."""
    if user is None or not user.is_authenticated or union is None:
        return False
    return any(
        union.path.startswith(path)
        for path in user.studio_reviewer_posts.filter(active=True).values_list(
            "union__path", flat=True
        )
    )


@rule(
    _(
        "You may not review this rating: reviewers are officers or appointed reviewers of the "
        "rating union, and never the studio's own leader or members."
    )
)
def may_review(user, rating) -> bool:
    if rating is None or not covers(rating.union, rating.studio.union):
        return False
    if in_studio(user, rating.studio):
        return False
    return manages_union(user, rating.union) or appointed_reviewer(user, rating.union)


@rule(_("This rating is not yours to see."))
def sees_rating(user, rating) -> bool:
    """The rating's papers (self-assessment, evidence, reviews): those who fill or review it."""
    return assesses_rating(user, rating) or may_review(user, rating)


@rule(_("Only officers of the alliance's convening union may do this."))
def manages_alliance(user, alliance) -> bool:
    return alliance is not None and manages_union(user, alliance.convener)
