"""API of online practice for the phone app (/api/v1/training/practice/…), workers only.

The question is sent without its key; the key and the explanation come back only in the
answer's response, after the answer is recorded."""

from __future__ import annotations

from django.http import Http404
from django.urls import path
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from core.permissions import WORKER
from training.models import QuestionKind, QuestionVersion
from training.selectors import practice as selectors
from training.services import practice as services


class ChooseIn(serializers.Serializer):
    occupation = serializers.CharField(max_length=100, required=False, allow_blank=True)
    skill_grade = serializers.IntegerField(
        min_value=1, max_value=5, required=False, allow_null=True
    )
    topic = serializers.CharField(max_length=100, required=False, allow_blank=True)
    review = serializers.BooleanField(required=False, default=False)


class AnswerIn(serializers.Serializer):
    version = serializers.IntegerField(min_value=1)
    given = serializers.JSONField(
        help_text="Option keys (['A', 'C']), [true] or [false], or [text] for fill-in."
    )


def question_json(version: QuestionVersion | None, review: bool) -> dict:
    """A question as the app shows it: never its answer or explanation."""
    if version is None:
        return {"question": None, "review": review}
    return {
        "question": {
            "version": version.pk,
            "id": version.question_id,
            "kind": version.question.kind,
            "stem": version.stem,
            "options": [
                {"key": o.get("key"), "text": o.get("text", "")}
                for o in version.options
                if version.question.kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE)
            ],
            "occupation": version.occupation,
            "skill_grade": version.skill_grade,
            "topic": version.topic,
            "difficulty": version.difficulty,
        },
        "review": review,
    }


class CategoriesView(APIView):
    """GET: the categories the worker may practise, with their question counts."""

    permission_policy = {"get": WORKER}

    @extend_schema(responses={200: OpenApiTypes.OBJECT})
    def get(self, request):
        rows = selectors.categories(request.user.worker)
        return Response(
            [
                {
                    "occupation": c.occupation,
                    "skill_grade": c.skill_grade,
                    "topic": c.topic,
                    "count": c.count,
                }
                for c in rows
            ]
        )


class SessionView(APIView):
    """POST: practise a category (or review the notebook: {"review": true})."""

    permission_policy = {"post": WORKER}

    @extend_schema(request=ChooseIn, responses={200: OpenApiTypes.OBJECT})
    def post(self, request):
        data = ChooseIn(data=request.data)
        data.is_valid(raise_exception=True)
        worker = request.user.worker
        services.choose_category(worker=worker, **data.validated_data)
        version = services.current_question(worker=worker)
        return Response(question_json(version, data.validated_data["review"]))


class QuestionView(APIView):
    """GET: the question on screen (the same until answered); `after` = the question just
    answered, to draw another."""

    permission_policy = {"get": WORKER}

    @extend_schema(
        parameters=[OpenApiParameter("after", int, required=False)],
        responses={200: OpenApiTypes.OBJECT},
    )
    def get(self, request):
        worker = request.user.worker
        after = request.query_params.get("after", "")
        version = services.current_question(
            worker=worker, avoid=int(after) if after.isdigit() else None
        )
        session = selectors.session_of(worker)
        return Response(question_json(version, bool(session and session.review)))


class AnswerView(APIView):
    """POST {"version", "given"}: whether it was right, the key and the explanation."""

    permission_policy = {"post": WORKER}

    @extend_schema(request=AnswerIn, responses={201: OpenApiTypes.OBJECT})
    def post(self, request):
        data = AnswerIn(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            result = services.answer_practice(
                worker=request.user.worker,
                version_id=data.validated_data["version"],
                given=data.validated_data["given"],
            )
        except QuestionVersion.DoesNotExist:
            raise Http404 from None
        return Response(
            {
                "version": result.version.pk,
                "given": result.given,
                "correct": result.correct,
                "answer": result.answer,
                "explanation": result.explanation,
                "in_notebook": result.in_notebook,
            },
            status=201,
        )


class NotebookView(APIView):
    """GET: the wrong-answer notebook (错题本)."""

    permission_policy = {"get": WORKER}

    @extend_schema(responses={200: OpenApiTypes.OBJECT})
    def get(self, request):
        return Response(
            [
                {
                    "id": e.question_id,
                    "kind": e.question.kind,
                    "stem": e.question.current.stem if e.question.current else "",
                    "times_wrong": e.times_wrong,
                    "added_at": e.added_at,
                }
                for e in selectors.notebook(request.user.worker)
            ]
        )


class ProgressView(APIView):
    """GET: answered today and in all, share right, days in a row, right answers in a row."""

    permission_policy = {"get": WORKER}

    @extend_schema(responses={200: OpenApiTypes.OBJECT})
    def get(self, request):
        p = selectors.progress(request.user.worker)
        return Response(
            {
                "today": p.today,
                "total": p.total,
                "correct": p.correct,
                "correct_rate": p.correct_rate,
                "days_streak": p.days_streak,
                "right_streak": p.right_streak,
                "notebook": p.notebook,
            }
        )


urlpatterns = [
    path("practice/categories/", CategoriesView.as_view(), name="api-practice-categories"),
    path("practice/session/", SessionView.as_view(), name="api-practice-session"),
    path("practice/question/", QuestionView.as_view(), name="api-practice-question"),
    path("practice/answers/", AnswerView.as_view(), name="api-practice-answers"),
    path("practice/notebook/", NotebookView.as_view(), name="api-practice-notebook"),
    path("practice/progress/", ProgressView.as_view(), name="api-practice-progress"),
]
