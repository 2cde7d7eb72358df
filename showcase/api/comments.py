"""/api/v1/showcase/…: comments of published posts, for the phone app.

- `GET posts/{id}/comments/`: the post's approved comments, newest first, paged (anyone;
  a post that is not public is a 404). Authors are shown by masked name.
- `POST posts/{id}/comments/` `{"body": "…"}`: a member writes a comment; 201 with
  `"status": "awaiting_review"` (whether the word filter held it is not told: that would
  let a writer probe the word list). At most `showcase_comment` a member (429).
- `POST comments/{id}/report/` `{"reason": "abuse|spam|privacy|other"}`: a member reports an
  approved comment, once (400 the second time). At most `showcase_report` a member (429).

An unapproved comment is in no answer: not listed, and a 404 to report.

- `GET|POST moderation/comments/`: officers' moderation queue and bulk decisions (their
  union subtree only).
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
from core.permissions import AUTHENTICATED, OFFICER, PUBLIC
from showcase.access_comments import (
    RATE_MESSAGES,
    CommentThrottle,
    ReportThrottle,
    sees_comment,
    sees_post,
)
from showcase.models import Comment, Post, ReportReason
from showcase.models.comments import BODY_MAX, REASON_MAX
from showcase.selectors.comments import QUEUES, approved_comments, author_name, queue
from showcase.services import comments as services
from showcase.services import moderation


class CommentOut(serializers.ModelSerializer):
    author = serializers.SerializerMethodField()

    class Meta:
        model = Comment
        fields = ["id", "author", "body", "created_at"]

    def get_author(self, comment: Comment) -> str:
        return author_name(comment.author)


class Paged(serializers.Serializer):
    """A page of rows as DefaultPagination answers it (the schema of the answer)."""

    count = serializers.IntegerField()
    next = serializers.URLField(allow_null=True)
    previous = serializers.URLField(allow_null=True)


class CommentPage(Paged):
    results = CommentOut(many=True)


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

    @extend_schema(responses={200: CommentPage})
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


class QueuedOut(serializers.ModelSerializer):
    author = serializers.SerializerMethodField()
    post = serializers.SerializerMethodField()

    class Meta:
        model = Comment
        fields = [
            "id",
            "post",
            "author",
            "body",
            "status",
            "matches",
            "open_reports",
            "report_weight",
            "created_at",
        ]

    def get_author(self, comment: Comment) -> str:
        return author_name(comment.author)

    def get_post(self, comment: Comment) -> dict:
        post = comment.post
        return {"id": post.pk, "title": post.title, "union": post.union.name}


class QueuedPage(Paged):
    results = QueuedOut(many=True)


class ModerateIn(base.Serializer):
    comments = serializers.ListField(
        child=serializers.IntegerField(min_value=1), max_length=moderation.BATCH_MAX
    )
    action = serializers.ChoiceField(choices=[a.value for a in moderation.ACTIONS])
    reason = serializers.CharField(max_length=REASON_MAX, required=False, allow_blank=True)


class ModerationQueueView(APIView):
    """GET `?queue=held|pending|reported|hidden|all&q=text`: the officer's queue (their
    union subtree), with the matched words' spans. POST `{"comments": [ids], "action":
    "approve|reject|hide|dismiss", "reason": "…"}`: one decision on every listed comment,
    all or nothing, audited; answers how many comments changed."""

    permission_policy = {"get": OFFICER, "post": OFFICER}

    @extend_schema(responses={200: QueuedPage})
    def get(self, request):
        kind = request.query_params.get("queue", "held")
        if kind not in QUEUES:
            raise exceptions.ValidationError({"queue": [_("Choose a queue from the list.")]})
        search = request.query_params.get("q", "").strip()[:100]
        paginator = DefaultPagination()
        rows = paginator.paginate_queryset(
            queue(request.user, kind, search=search), request, view=self
        )
        return paginator.get_paginated_response(QueuedOut(rows, many=True).data)

    @extend_schema(request=ModerateIn, responses={200: dict})
    def post(self, request):
        data = ModerateIn(data=request.data)
        data.is_valid(raise_exception=True)
        changed = moderation.moderate(
            actor=request.user,
            comment_ids=data.validated_data["comments"],
            action=data.validated_data["action"],
            reason=data.validated_data.get("reason", ""),
        )
        return Response({"changed": changed})


urlpatterns = [
    path("moderation/comments/", ModerationQueueView.as_view(), name="showcase-moderation"),
    path("posts/<int:pk>/comments/", PostCommentsView.as_view(), name="showcase-post-comments"),
    path("comments/<int:pk>/report/", ReportView.as_view(), name="showcase-comment-report"),
]
