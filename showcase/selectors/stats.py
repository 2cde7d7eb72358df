"""Figures of the showcase for the contest statistics report, the union dashboard and the
officers' like-farming check.

All figures count public posts only (published and due). Likes and comments are the counts
kept on the post rows (`like_count`; `comment_count`, approved comments, kept by the comments
part), so the figures are sums over posts, not counts over millions of like rows.

Like farming: for the most-liked posts of a union's subtree, the likes by the liker's unit
(kept on each like) and by accounts created less than a day before they liked; a post is
flagged when at least MIN_LIKES likes come mostly (over UNIT_SHARE) from one unit, or over
NEW_ACCOUNT_SHARE from new accounts.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Count, F, Q, QuerySet, Sum

from showcase.access import public_posts
from showcase.models import Like, PostKind
from unions.models import Employer

MIN_LIKES = 20
UNIT_SHARE = 0.6
NEW_ACCOUNT_SHARE = 0.5
NEW_ACCOUNT_AGE = dt.timedelta(days=1)
CHECKED_POSTS = 100


def _figures(posts: QuerySet) -> dict[str, Any]:
    by_kind = dict(posts.values_list("kind").annotate(n=Count("id")).order_by())
    totals = posts.aggregate(likes=Sum("like_count"), comments=Sum("comment_count"))
    units = (
        Employer.objects.filter(pk__in=posts.exclude(employer=None).values("employer_id"))
        .values_list("kind")
        .annotate(n=Count("id"))
        .order_by()
    )
    unit_counts = dict(units)
    return {
        "posts": sum(by_kind.values()),
        "posts_by_kind": [
            {"kind": value, "label": str(label), "count": by_kind.get(value, 0)}
            for value, label in PostKind.choices
        ],
        "likes": totals["likes"] or 0,
        "comments": totals["comments"] or 0,
        "units": sum(unit_counts.values()),
        "units_by_kind": [
            {"kind": value, "label": str(label), "count": unit_counts[value]}
            for value, label in Employer.Kind.choices
            if unit_counts.get(value)
        ],
    }


def contest_figures(contest) -> dict[str, Any]:
    """The contest's posts, and the posts of its series (without a contest) from the host
    union's subtree."""
    posts = public_posts().filter(
        Q(contest=contest)
        | Q(
            contest=None,
            series_id=contest.series_id,
            union__path__startswith=contest.host_union.path,
        )
    )
    return _figures(posts)


def union_figures(union) -> dict[str, Any]:
    return _figures(public_posts().filter(union__path__startswith=union.path))


def dashboard_figures(user) -> dict[str, Any] | None:
    """The figures of the officer's subtree (None for a superuser: the whole site's would be
    one large read on every dashboard visit)."""
    officer = getattr(user, "officer", None)
    if officer is None:
        return None
    return union_figures(officer.union)


def likes_by_unit(posts: QuerySet, limit: int = 50) -> list[dict[str, Any]]:
    """Likes of these posts by the liker's unit, most first (no unit: members without one)."""
    rows = (
        Like.objects.filter(post__in=posts)
        .values("employer_id", "employer__name")
        .annotate(likes=Count("id"))
        .order_by("-likes")[:limit]
    )
    return [{"unit": r["employer__name"] or "—", "likes": r["likes"]} for r in rows]


def like_farming(posts: QuerySet) -> list[dict[str, Any]]:
    """The most-liked of these posts with their top liking unit's share and the share of
    likes from accounts under a day old; `flagged` when either is too high."""
    top = list(
        posts.filter(like_count__gte=1)
        .order_by("-like_count", "-id")
        .values("id", "title", "like_count")[:CHECKED_POSTS]
    )
    ids = [p["id"] for p in top]
    by_unit: dict[int, tuple[int, str]] = {}
    for row in (
        Like.objects.filter(post_id__in=ids)
        .values("post_id", "employer__name")
        .annotate(n=Count("id"))
        .order_by("post_id", "-n")
    ):
        by_unit.setdefault(row["post_id"], (row["n"], row["employer__name"] or "—"))
    new = dict(
        Like.objects.filter(
            post_id__in=ids, user__date_joined__gt=F("created_at") - NEW_ACCOUNT_AGE
        )
        .values_list("post_id")
        .annotate(n=Count("id"))
        .order_by()
    )
    out = []
    for p in top:
        likes = p["like_count"]
        top_n, top_unit = by_unit.get(p["id"], (0, "—"))
        unit_share = top_n / likes if likes else 0.0
        new_share = new.get(p["id"], 0) / likes if likes else 0.0
        out.append(
            {
                "id": p["id"],
                "title": p["title"],
                "likes": likes,
                "top_unit": top_unit,
                "top_unit_share": round(unit_share * 100, 1),
                "new_account_share": round(new_share * 100, 1),
                "flagged": likes >= MIN_LIKES
                and (unit_share > UNIT_SHARE or new_share > NEW_ACCOUNT_SHARE),
            }
        )
    return out


def officer_like_report(user) -> dict[str, Any]:
    posts = public_posts().restrict(user)
    return {"by_unit": likes_by_unit(posts), "posts": like_farming(posts)}
