"""Public pages of the showcase: the feeds (all posts, or a series', a contest's or a union's),
hot or latest, filtered by kind, unit and region; a post's page; liking and unliking (htmx,
with a plain form underneath); a post's images.

Only public posts are shown (showcase.selectors.feed). An anonymous visitor's first page of a
feed is served from the cache (showcase.selectors.feed_cache); nothing else is cached, so a
member sees their own likes.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.files.storage import default_storage
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import path
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from contests.models import Contest, ContestSeries
from core import access
from core.cache import LocalCache
from showcase.access import sees_post
from showcase.models import PostImage, PostKind
from showcase.sanitise import excerpt
from showcase.selectors import feed_cache
from showcase.selectors.feed import (
    CardKey,
    FeedFilters,
    card_posts,
    feed_keys,
    liked_by,
    provinces,
    public_post,
)
from showcase.services import hot, likes
from unions.models import Employer, Region, Union
from unions.names import in_language

CARD_TTL = 600  # seconds
# A card's cache key names its version (post, change time, counts, cover, language), so a
# card this process rendered or read is kept in its memory too: most cards of a busy feed
# cost no round trip.
_local_cards = LocalCache(seconds=CARD_TTL, limit=4000)


def _int(value, *, maximum: int = 2**31 - 1) -> int | None:
    try:
        number = int(str(value)[:12])
    except (TypeError, ValueError):
        return None
    return number if 0 < number <= maximum else None


def _filters(request, **scope) -> FeedFilters:
    get = request.GET
    order = get.get("order", "hot")
    kind = get.get("kind", "")
    region_code = get.get("region", "")[:12]
    region = Region.objects.filter(code=region_code).first() if region_code else None
    return FeedFilters(
        order=order if order in ("hot", "latest") else "hot",
        kind=kind if kind in PostKind.values else "",
        employer_id=_int(get.get("unit")),
        region_path=region.path if region else "",
        **scope,
        extra={"region": region},
    )


def _feed(request, *, heading: str, scope: dict, **context) -> HttpResponse:
    filters = _filters(request, **scope)
    page = _int(request.GET.get("page")) or 1
    cacheable = not request.user.is_authenticated and page == 1
    if cacheable:
        key = feed_cache.key(get_language(), request.path, filters.key())
        body, version = feed_cache.get(key)
        if body is not None:
            return HttpResponse(body)
    if filters.order == "hot":
        hot.refresh_if_due()  # the order follows the likes (no beat in the embedded default)
    keys, more = feed_keys(filters, page)
    unit = None
    if filters.employer_id:
        unit = Employer.objects.filter(pk=filters.employer_id).only("name").first()
    response = render(
        request,
        "showcase/feed.html",
        {
            "heading": heading,
            "cards": _cards(keys),
            "filters": filters,
            "region": filters.extra["region"],
            "unit": unit,
            "kinds": PostKind.choices,
            "regions": provinces(),
            "page": page,
            "more": more,
            **context,
        },
    )
    if cacheable:
        feed_cache.put(key, version, response.content)
    return response


def _cards(keys: list[CardKey]) -> list[str]:
    """Each post's card as HTML, from the cache when that card (in this language, with these
    counts, since the post's last change) was rendered before: a member's feed, never
    cached as a whole page, renders only the cards that changed, and reads the posts of
    those cards only (showcase.selectors.feed.feed_keys)."""
    language = get_language()
    names = {
        key.id: f"showcase:card:{language}:{key.id}:{key.updated_at.timestamp()}:"
        f"{key.like_count}:{key.comment_count}:{key.cover_id}"
        for key in keys
    }
    found = _local_cards.get_many(names.values())
    if len(found) < len(names):
        shared = cache.get_many([name for name in names.values() if name not in found])
        _local_cards.set_many(shared)
        found.update(shared)
    missing = [key.id for key in keys if names[key.id] not in found]
    fresh = {}
    for post in card_posts(missing).values() if missing else ():
        post.summary = excerpt(post.body)
        html = render_to_string("showcase/_card.html", {"post": post})
        found[names[post.pk]] = fresh[names[post.pk]] = html
    if fresh:
        cache.set_many(fresh, timeout=CARD_TTL)
        _local_cards.set_many(fresh)
    # A post withdrawn between the two reads has no card.
    return [mark_safe(found[names[key.id]]) for key in keys if names[key.id] in found]


def feed(request):
    return _feed(request, heading=_("Showcase"), scope={})


def series_feed(request, pk: int):
    series = get_object_or_404(ContestSeries, pk=pk)
    return _feed(request, heading=series.name, scope={"series_id": series.pk}, series=series)


def contest_feed(request, pk: int):
    contest = get_object_or_404(Contest.objects.exclude(status="draft"), pk=pk)
    return _feed(request, heading=contest.name, scope={"contest_id": contest.pk}, contest=contest)


def union_feed(request, pk: int):
    union = get_object_or_404(Union, pk=pk)
    return _feed(request, heading=in_language(union), scope={"union_path": union.path}, union=union)


def post_detail(request, pk: int):
    post = public_post(pk)
    if post is None:
        raise Http404
    return render(
        request,
        "showcase/post.html",
        {"post": post, "liked": post.pk in liked_by(request.user, [post.pk])},
    )


@login_required
@require_POST
def like(request, pk: int):
    """Like or (with action=unlike) take a like back; htmx gets the button back."""
    undo = request.POST.get("action") == "unlike"
    try:
        state = (likes.unlike if undo else likes.like)(actor=request.user, post_id=pk)
    except likes.Post.DoesNotExist:
        raise Http404 from None
    except likes.TooManyLikesError as exc:
        response = HttpResponse(_("Too many likes: try again in a minute."), status=429)
        response["Retry-After"] = str(exc.wait)
        return response
    if not request.htmx:
        return redirect("showcase:post", pk=pk)
    return render(
        request,
        "showcase/_like.html",
        {"post_id": pk, "liked": state.liked, "count": state.count},
    )


def image(request, pk: int):
    """An image of a post the reader may see (public posts: anyone)."""
    img = get_object_or_404(PostImage.objects.select_related("post__union"), pk=pk)
    access.check(access.hidden(sees_post), request.user, img.post)
    try:
        with default_storage.open(img.name, "rb") as f:
            body = f.read()
    except OSError:
        raise Http404 from None
    response = HttpResponse(body, content_type="image/jpeg")
    response["Cache-Control"] = "private, max-age=300"
    response["X-Content-Type-Options"] = "nosniff"
    return response


urlpatterns = [
    path("", feed, name="feed"),
    path("series/<int:pk>/", series_feed, name="series-feed"),
    path("contests/<int:pk>/", contest_feed, name="contest-feed"),
    path("unions/<int:pk>/", union_feed, name="union-feed"),
    path("posts/<int:pk>/", post_detail, name="post"),
    path("posts/<int:pk>/like/", like, name="post-like"),
    path("images/<int:pk>/", image, name="image"),
]
