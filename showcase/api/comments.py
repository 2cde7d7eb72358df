"""/api/v1/showcase/…: comments of published posts, for the phone app.

- `GET posts/{id}/comments/`: the post's approved comments, newest first, paged (anyone;
  a post that is not public is a 404). Authors are shown by masked name.
- `POST posts/{id}/comments/` `{"body": "…"}`: a member writes a comment; 201 with
  `"status": "awaiting_review"` (whether the word filter held it is not told: that would
  let a writer probe the word list). At most `showcase_comment` a member (429).
- `POST comments/{id}/report/` `{"reason": "abuse|spam|privacy|other"}`: a member reports an
  approved comment, once (400 the second time). At most `showcase_report` a member (429).

An unapproved comment is in no answer: not listed, and a 404 to report.
"""

from __future__ import annotations

from django.urls import path
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import exceptions, serializers, status
from rest_framework.response import Response
from rest_framework.views import APIView

from core.access import hidden
from core.api import serializers as base
from core.api.base import ScopedObjectMixin
from core.pagination import DefaultPagination
from core.permissions import AUTHENTICATED, PUBLIC
from showcase.access_comments import (
    RATE_MESSAGES,
    CommentThrottle,
    ReportThrottle,
    sees_comment,
    sees_post,
)
from showcase.models import Comment, Post, ReportReason
from showcase.models.comments import BODY_MAX
from showcase.selectors.comments import approved_comments, author_name
from showcase.services import comments as services


class CommentOut(serializers.ModelSerializer):
    author = serializers.SerializerMethodField()

    class Meta:
        model = Comment
        fields = ["id", "author", "body", "created_at"]

    def get_author(self, comment: Comment) -> str:
        return author_name(comment.author)


class CommentIn(base.Serializer):
    body = serializers.CharField(max_length=BODY_MAX, style=base.MULTILINE)


class ReportIn(base.Serializer):
    reason = serializers.ChoiceField(choices=ReportReason.choices, required=False)


class MemberThrottled:
    """A view whose POST is counted against the member's rate (`post_throttle`), refusing
    with a message that says what to do."""

    post_throttle: type

    def get_throttles(self):
        throttles = super().get_throttles()
        if self.request.method == "POST":
            throttles.append(self.post_throttle())
        return throttles

    def throttled(self, request, wait):
        raise exceptions.Throttled(wait, detail=str(RATE_MESSAGES[self.post_throttle.scope]))


class PostCommentsView(MemberThrottled, ScopedObjectMixin, APIView):
    permission_policy = {"get": PUBLIC, "post": AUTHENTICATED}
    scope_queryset = Post.objects.select_related("union")
    scope_name = "article"  # not "post": that is the handler of POST
    article_permission = hidden(sees_post)
    post_throttle = CommentThrottle

    @extend_schema(responses={200: CommentOut(many=True)})
    def get(self, request, pk):
        paginator = DefaultPagination()
        rows = paginator.paginate_queryset(approved_comments(self.article), request, view=self)
        return paginator.get_paginated_response(CommentOut(rows, many=True).data)

    @extend_schema(request=CommentIn, responses={201: dict})
    def post(self, request, pk):
        data = CommentIn(data=request.data)
        data.is_valid(raise_exception=True)
        comment = services.post_comment(
            author=request.user, post=self.article, body=data.validated_data["body"]
        )
        return Response(
            {
                "id": comment.pk,
                "status": "awaiting_review",
                "detail": _("Thank you. Your comment awaits review and appears once approved."),
            },
            status=status.HTTP_201_CREATED,
        )


class ReportView(MemberThrottled, ScopedObjectMixin, APIView):
    permission_policy = {"post": AUTHENTICATED}
    scope_queryset = Comment.objects.select_related("post__union")
    scope_name = "comment"
    comment_permission = hidden(sees_comment)
    post_throttle = ReportThrottle

    @extend_schema(request=ReportIn, responses={201: dict})
    def post(self, request, pk):
        data = ReportIn(data=request.data)
        data.is_valid(raise_exception=True)
        services.report_comment(
            reporter=request.user,
            comment=self.comment,
            reason=data.validated_data.get("reason", ""),
        )
        return Response(
            {"detail": _("Thank you. Officers will look at this comment.")},
            status=status.HTTP_201_CREATED,
        )


urlpatterns = [
    path("posts/<int:pk>/comments/", PostCommentsView.as_view(), name="showcase-post-comments"),
    path("comments/<int:pk>/report/", ReportView.as_view(), name="showcase-comment-report"),
]
