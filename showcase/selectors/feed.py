"""Reads of the public showcase: the feeds (hot or latest, filtered) and a post's page.

Only public posts are ever read here (showcase.access.public_posts: published, from their
publication time on). A feed page is one indexed read in score or time order: no count, no
aggregate over likes (the counts are on the post row), the next page found by fetching one
row more than shown. The pages read their cards' keys (`feed_keys`: ids, counts, times) and
then the posts of only the cards not in the cache (`card_posts`); the API reads whole posts
(`feed_page`).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.cache import cache
from django.db.models import OuterRef, QuerySet, Subquery
from django.utils import timezone

from core.cache import LocalCache
from showcase.access import public_posts
from showcase.models import Like, Post, PostImage, PostKind
from unions.models import Region

PAGE_SIZE = 20
MAX_PAGE = 200  # deeper pages are not offered (offsets grow with the page)
ORDERS = {"hot": ("-hot_score", "-id"), "latest": ("-published_at", "-id")}
CARD_FIELDS = (
    "id", "kind", "title", "body", "published_at", "updated_at", "like_count", "comment_count", "hot_score",
    "employer__id", "employer__name", "union__id", "union__name", "series_id", "contest_id",
)  # fmt: skip


@dataclass
class FeedFilters:
    order: str = "hot"
    kind: str = ""
    employer_id: int | None = None
    region_path: str = ""
    series_id: int | None = None
    contest_id: int | None = None
    union_path: str = ""
    extra: dict = field(default_factory=dict)

    def key(self) -> tuple:
        return (self.order, self.kind, self.employer_id, self.region_path, self.series_id,
                self.contest_id, self.union_path)  # fmt: skip


def _ordered(filters: FeedFilters, now=None) -> QuerySet:
    """The public posts the filters choose, in the feed's order."""
    qs = public_posts(now)
    if filters.kind in PostKind.values:
        qs = qs.filter(kind=filters.kind)
    if filters.employer_id:
        qs = qs.filter(employer_id=filters.employer_id)
    if filters.region_path:  # regions are a small tree: their ids, then the post's FK index
        regions = Region.objects.filter(path__startswith=filters.region_path)
        qs = qs.filter(region_id__in=list(regions.values_list("id", flat=True)))
    if filters.series_id:
        qs = qs.filter(series_id=filters.series_id)
    if filters.contest_id:
        qs = qs.filter(contest_id=filters.contest_id)
    if filters.union_path:
        qs = qs.filter(union__path__startswith=filters.union_path)
    return qs.order_by(*ORDERS.get(filters.order, ORDERS["hot"]))


def _with_cover(qs: QuerySet) -> QuerySet:
    first_image = PostImage.objects.filter(post=OuterRef("pk")).order_by("position", "id")
    return qs.annotate(cover_id=Subquery(first_image.values("id")[:1]))


def _cards_of(qs: QuerySet) -> QuerySet:
    # What a card shows: few joins, quick planning.
    return _with_cover(qs.select_related("employer", "union").only(*CARD_FIELDS))


def feed_queryset(filters: FeedFilters, now=None) -> QuerySet:
    return _cards_of(_ordered(filters, now))


def _bounds(page: int) -> slice:
    start = (min(max(page, 1), MAX_PAGE) - 1) * PAGE_SIZE
    return slice(start, start + PAGE_SIZE + 1)  # one more than shown: is there a next page


def feed_page(filters: FeedFilters, page: int = 1) -> tuple[list[Post], bool]:
    """The posts of one page and whether there is a next one."""
    rows = list(feed_queryset(filters)[_bounds(page)])
    return rows[:PAGE_SIZE], len(rows) > PAGE_SIZE


@dataclass(frozen=True)
class CardKey:
    """What a post's card depends on: a card rendered for the same key is the same card."""

    id: int
    updated_at: object
    like_count: int
    comment_count: int
    cover_id: int | None


def feed_keys(filters: FeedFilters, page: int = 1) -> tuple[list[CardKey], bool]:
    """The card keys of one page and whether there is a next one: the page's read without the
    posts' text or joins, for a page whose cards are mostly cached (showcase.views.feed);
    `card_posts` then reads the posts of the cards that are not."""
    fields = ("id", "updated_at", "like_count", "comment_count", "cover_id")
    rows = list(_with_cover(_ordered(filters)).values_list(*fields)[_bounds(page)])
    return [CardKey(*row) for row in rows[:PAGE_SIZE]], len(rows) > PAGE_SIZE


def card_posts(ids) -> dict[int, Post]:
    """The posts with what their cards show (public ones only), by id."""
    return {post.pk: post for post in _cards_of(public_posts(None).filter(pk__in=list(ids)))}


_local = LocalCache(seconds=60, limit=16)


def provinces() -> list:
    """The provinces for the region filter: reference data, kept in the cache for an hour
    (and a minute in the process's memory)."""
    rows = _local.get("provinces")
    if rows is None:
        rows = cache.get("showcase:provinces:2")
        if rows is None:
            rows = [
                {"code": r.code, "name": r.name, "name_en": r.name_en}
                for r in Region.objects.filter(level="province").order_by("code")
            ]
            cache.set("showcase:provinces:2", rows, timeout=3600)
        _local.set("provinces", rows)
    return rows


def public_post(pk: int) -> Post | None:
    """The post when it is public, with what its page shows."""
    return (
        public_posts(timezone.now())
        .select_related(
            "employer", "union", "region", "series", "contest", "achievement", "innovation_result"
        )
        .prefetch_related("images")
        .filter(pk=pk)
        .first()
    )


def liked_by(user, post_ids) -> set[int]:
    """Which of these posts the user has liked."""
    if user is None or not user.is_authenticated:
        return set()
    return set(
        Like.objects.filter(user=user, post_id__in=list(post_ids)).values_list("post_id", flat=True)
    )
