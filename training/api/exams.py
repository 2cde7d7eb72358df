"""API of online tests (/api/v1/training/…): a phone app's sitting (my tests, start or resume,
the items without keys, save one answer, submit) and an officer's progress and statistics.

The answer key and explanation are in no response before the attempt is submitted and the
test graded (training.selectors.exams.items_for_taker)."""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import path
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework.authentication import SessionAuthentication
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.views import APIView

from core.access import check, manages_event
from core.api.authentication import Credential, DeferredTokenAuthentication
from core.api.parsers import BoundedJSONParser
from core.permissions import AUTHENTICATED, OFFICER, WORKER
from training.models import Attempt, OnlineTest
from training.selectors import exams as selectors
from training.services import answering
from training.services import attempts as services


def _test_row(test: OnlineTest, now) -> dict:
    return {
        "id": test.pk,
        "title": test.title,
        "event": test.event_id,
        "opens_at": test.opens_at,
        "closes_at": test.closes_at,
        "minutes": test.minutes,
        "attempts_allowed": test.attempts_allowed,
        "questions": selectors.question_count(test),
        "open": selectors.is_open(test, now),
        "status": test.status,
    }


def _attempt_body(attempt: Attempt) -> dict:
    now = timezone.now()
    released = selectors.key_released(attempt)
    return {
        "id": attempt.pk,
        "test": attempt.test_id,
        "number": attempt.number,
        "state": selectors.shown_state(attempt, now),
        "deadline": attempt.deadline,
        "seconds_left": max(int((attempt.deadline - now).total_seconds()), 0),
        "score": attempt.score if released else None,
        "items": selectors.items_for_taker(attempt),
    }


def _my_attempt(request, pk: int) -> Attempt:
    attempt = get_object_or_404(Attempt.objects.select_related("test"), pk=pk)
    services.require_owner(getattr(request.user, "worker", None), attempt)
    return attempt


class MyTestsView(APIView):
    """GET: the tests of the events the worker is an approved entrant of."""

    permission_policy = {"get": WORKER}

    @extend_schema(responses={200: OpenApiTypes.OBJECT})
    def get(self, request):
        now = timezone.now()
        tests = selectors.tests_for_worker(request.user.worker).prefetch_related("sections")
        return Response({"results": [_test_row(t, now) for t in tests]})


class StartAttemptView(APIView):
    """POST: start the test (or resume the attempt still running): its items, no keys."""

    permission_policy = {"post": WORKER}

    @extend_schema(request=None, responses={200: OpenApiTypes.OBJECT})
    def post(self, request, pk: int):
        test = selectors.tests_for_worker(request.user.worker).filter(pk=pk).first()
        if test is None:
            raise Http404
        attempt = services.start_attempt(worker=request.user.worker, test=test)
        return Response(_attempt_body(attempt))


class AttemptView(APIView):
    """GET: the attempt's items as the taker sees them (no key before grading)."""

    permission_policy = {"get": WORKER}

    @extend_schema(responses={200: OpenApiTypes.OBJECT})
    def get(self, request, pk: int):
        return Response(_attempt_body(_my_attempt(request, pk)))


class AnswerView(APIView):
    """POST {"position": n, "given": [...]}: save one answer (autosave). The hottest request
    of a test window: no read of the attempt here, ownership, deadline and position are the
    service's (training.services.answering.record_answer: a cached sheet and one UPDATE);
    any signed-in account may ask, only the entry's members are let through (403)."""

    permission_policy = {"post": AUTHENTICATED}
    # A token checked once is remembered (core.api.authentication); the save's one UPDATE
    # checks that it still holds, so a revoked token stops the next save.
    authentication_classes = [DeferredTokenAuthentication, SessionAuthentication]
    # JSON in and out only: nothing to negotiate (the browsable API has no use here).
    parser_classes = [BoundedJSONParser]
    renderer_classes = [JSONRenderer]

    @extend_schema(request=OpenApiTypes.OBJECT, responses={200: OpenApiTypes.OBJECT})
    def post(self, request, pk: int):
        data = request.data if isinstance(request.data, dict) else {}
        credential = request.auth if isinstance(request.auth, Credential) else None
        fields = {"attempt_id": pk, "position": data.get("position"), "given": data.get("given")}
        try:
            try:
                saved = answering.record_answer(
                    user_id=request.user.pk, credential=credential, **fields
                )
            except answering.StaleCredentialError:
                # Check the token afresh: a 401 when it was revoked, else save as checked.
                user = DeferredTokenAuthentication().recheck(request)
                saved = answering.record_answer(user_id=user.pk, **fields)
        except Attempt.DoesNotExist:
            raise Http404 from None
        return Response(saved.data())


class SubmitView(APIView):
    """POST: hand the attempt in (before its deadline)."""

    permission_policy = {"post": WORKER}

    @extend_schema(request=None, responses={200: OpenApiTypes.OBJECT})
    def post(self, request, pk: int):
        attempt = services.submit_attempt(
            worker=request.user.worker, attempt=_my_attempt(request, pk)
        )
        return Response(
            {"id": attempt.pk, "state": attempt.state, "submitted_at": attempt.submitted_at}
        )


class OfficerTestView(APIView):
    permission_policy = {"get": OFFICER}

    def _test(self, request, pk: int) -> OnlineTest:
        test = get_object_or_404(OnlineTest.objects.restrict(request.user), pk=pk)
        check(manages_event, request.user, test.event)
        return test


class ProgressView(OfficerTestView):
    """GET: live progress of a test (started, submitted, running, not started)."""

    @extend_schema(responses={200: OpenApiTypes.OBJECT})
    def get(self, request, pk: int):
        return Response(selectors.progress(self._test(request, pk)))


class StatisticsView(OfficerTestView):
    """GET: after grading, scores by bib and item statistics (facility, discrimination)."""

    @extend_schema(responses={200: OpenApiTypes.OBJECT})
    def get(self, request, pk: int):
        test = self._test(request, pk)
        return Response(
            {
                "status": test.status,
                "scores": selectors.scores(test),
                "items": selectors.item_statistics(test),
            }
        )


urlpatterns = [
    path("tests/", MyTestsView.as_view(), name="training-my-tests"),
    path("tests/<int:pk>/start/", StartAttemptView.as_view(), name="training-test-start"),
    path("tests/<int:pk>/progress/", ProgressView.as_view(), name="training-test-progress"),
    path("tests/<int:pk>/statistics/", StatisticsView.as_view(), name="training-test-stats"),
    path("attempts/<int:pk>/", AttemptView.as_view(), name="training-attempt"),
    path("attempts/<int:pk>/answer/", AnswerView.as_view(), name="training-attempt-answer"),
    path("attempts/<int:pk>/submit/", SubmitView.as_view(), name="training-attempt-submit"),
]
