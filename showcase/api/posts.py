"""/api/v1/showcase/posts/…: the public showcase for apps, and liking.

- GET posts/ — public posts, hot or latest, filtered like the feed pages (kind, unit, region,
  series, contest, union); 20 a page, `next` says whether there is another.
- GET posts/{id}/ — a public post (404 for any other: unpublished, scheduled, withdrawn).
- POST posts/{id}/like/ — like it (once; again changes nothing); DELETE — take the like back.
  Signed-in members; 429 with Retry-After over the rate.
"""

from __future__ import annotations

from django.http import Http404
from django.urls import path, reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.authentication import SessionAuthentication
from rest_framework.exceptions import Throttled
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.views import APIView

from core.api.authentication import RememberedTokenAuthentication
from core.permissions import AUTHENTICATED, PUBLIC
from showcase.models import Post, PostKind
from showcase.sanitise import excerpt
from showcase.selectors.feed import FeedFilters, feed_page, liked_by, public_post
from showcase.services import hot, likes
from unions.models import Region, Union


class ListIn(serializers.Serializer):
    order = serializers.ChoiceField(choices=["hot", "latest"], required=False, default="hot")
    kind = serializers.ChoiceField(choices=PostKind.values, required=False)
    unit = serializers.IntegerField(min_value=1, max_value=2**31 - 1, required=False)
    region = serializers.CharField(max_length=12, required=False)
    series = serializers.IntegerField(min_value=1, max_value=2**31 - 1, required=False)
    contest = serializers.IntegerField(min_value=1, max_value=2**31 - 1, required=False)
    union = serializers.IntegerField(min_value=1, max_value=2**31 - 1, required=False)
    page = serializers.IntegerField(min_value=1, max_value=200, required=False, default=1)


def _ref(obj, attr="name"):
    return None if obj is None else {"id": obj.pk, "name": getattr(obj, attr)}


def card_json(post: Post, liked: set[int]) -> dict:
    return {
        "id": post.pk,
        "kind": post.kind,
        "title": post.title,
        "summary": excerpt(post.body),
        "published_at": post.published_at,
        "likes": post.like_count,
        "comments": post.comment_count,
        "liked": post.pk in liked,
        "unit": _ref(post.employer),
        "union": _ref(post.union),
        "series_id": post.series_id,
        "contest_id": post.contest_id,
    }


class PostListView(APIView):
    """GET: public posts of the showcase, hot or latest."""

    permission_policy = {"get": PUBLIC}

    @extend_schema(
        operation_id="v1_showcase_posts_list",
        parameters=[ListIn],
        responses={200: OpenApiTypes.OBJECT},
    )
    def get(self, request):
        data = ListIn(data=request.query_params)
        data.is_valid(raise_exception=True)
        v = data.validated_data
        region = Region.objects.filter(code=v["region"]).first() if v.get("region") else None
        union = Union.objects.filter(pk=v["union"]).first() if v.get("union") else None
        if (v.get("region") and region is None) or (v.get("union") and union is None):
            return Response({"results": [], "page": v["page"], "next": False})
        filters = FeedFilters(
            order=v["order"],
            kind=v.get("kind", ""),
            employer_id=v.get("unit"),
            region_path=region.path if region else "",
            series_id=v.get("series"),
            contest_id=v.get("contest"),
            union_path=union.path if union else "",
        )
        if filters.order == "hot":
            hot.refresh_if_due()  # the order follows the likes (showcase.services.hot)
        posts, more = feed_page(filters, v["page"])
        liked = liked_by(request.user, [p.pk for p in posts])
        return Response(
            {"results": [card_json(p, liked) for p in posts], "page": v["page"], "next": more}
        )


class PostDetailView(APIView):
    """GET: a public post with its (sanitised) body and images."""

    permission_policy = {"get": PUBLIC}

    @extend_schema(responses={200: OpenApiTypes.OBJECT})
    def get(self, request, pk: int):
        post = public_post(pk)
        if post is None:
            raise Http404
        body = card_json(post, liked_by(request.user, [post.pk]))
        body["body_html"] = post.body
        body["images"] = [
            {
                "url": request.build_absolute_uri(reverse("showcase:image", args=[img.pk])),
                "width": img.width,
                "height": img.height,
            }
            for img in post.images.all()
        ]
        body["series"] = _ref(post.series)
        body["contest"] = _ref(post.contest)
        body["achievement"] = _ref(post.achievement, "title")
        body["innovation_result"] = _ref(post.innovation_result, "title")
        return Response(body)


class LikeView(APIView):
    """POST: like the post (once); DELETE: take the like back. The answer has the count."""

    permission_policy = {"post": AUTHENTICATED, "delete": AUTHENTICATED}
    # The hottest write of the showcase: a token checked once is remembered by the process
    # and afterwards checked with one raw read (core.api.authentication), so a revoked
    # token, a changed password or a deactivated account stops the next like. JSON only.
    authentication_classes = [RememberedTokenAuthentication, SessionAuthentication]
    renderer_classes = [JSONRenderer]

    def _do(self, action, pk: int) -> Response:
        try:
            state = action(actor=self.request.user, post_id=pk)
        except Post.DoesNotExist:
            raise Http404 from None
        except likes.TooManyLikesError as exc:
            raise Throttled(wait=exc.wait) from None
        return Response(state.data())

    @extend_schema(request=None, responses={200: OpenApiTypes.OBJECT})
    def post(self, request, pk: int):
        return self._do(likes.like, pk)

    @extend_schema(request=None, responses={200: OpenApiTypes.OBJECT})
    def delete(self, request, pk: int):
        return self._do(likes.unlike, pk)


urlpatterns = [
    path("posts/", PostListView.as_view(), name="showcase-posts"),
    path("posts/<int:pk>/", PostDetailView.as_view(), name="showcase-post"),
    path("posts/<int:pk>/like/", LikeView.as_view(), name="showcase-post-like"),
]
