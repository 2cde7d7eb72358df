"""Thin views: declare who may call, pick the rows the user may reach, call a service.

Officers' actions on an event or contest outside their union subtree answer 404, as if it
did not exist (`hidden(manages_event)`); the results themselves are public.
"""

from django.urls import reverse
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.generics import ListAPIView
from rest_framework.response import Response

from contests.models import Contest
from contests.scoping import ContestView, EventScoped, EventView
from core.access import hidden, manages_contest, manages_event, sees_contest, sees_event
from core.permissions import OFFICER, PUBLIC
from core.services import start_task
from results import selectors, services, tasks
from results.api.serializers import (
    AwardRowSerializer,
    ContestAwardsSerializer,
    ContestPublishedSerializer,
    DrawSerializer,
    OverrideSerializer,
    PromotionsSerializer,
    ResultRowSerializer,
    SnapshotSummarySerializer,
    TaskAcceptedSerializer,
)


def _accepted(request, name: str, task, object_id: int) -> Response:
    record = start_task(name=name, owner=request.user, task=task, args=(object_id,))
    url = reverse("task-detail", kwargs={"pk": record.pk})
    return Response({"task": str(record.pk), "url": url}, status=status.HTTP_202_ACCEPTED)


def _snapshot_summary(snapshot) -> dict:
    return {
        "event": snapshot.event_id,
        "version": snapshot.version,
        "published_at": snapshot.published_at,
        "complete": snapshot.complete,
        "override_reason": snapshot.override_reason,
    }


class OfficersEventView(EventView):
    """An officer's action on one event of their union subtree."""

    permission_policy = {"post": OFFICER}
    event_permission = hidden(manages_event)


class OfficersContestView(ContestView):
    """An officer's action on one contest of their union subtree."""

    permission_policy = {"post": OFFICER}
    contest_permission = hidden(manages_contest)


class EventComputeView(OfficersEventView):
    """Compute the event's results in the background: 202 with a task id."""

    @extend_schema(request=None, responses={202: TaskAcceptedSerializer})
    def post(self, request, pk: int):
        return _accepted(
            request, "results.compute_event_results", tasks.compute_event_results, self.event.pk
        )


class ContestComputeView(OfficersContestView):
    """Compute every event of the contest, then its awards: 202 with a task id."""

    @extend_schema(request=None, responses={202: TaskAcceptedSerializer})
    def post(self, request, pk: int):
        return _accepted(
            request,
            "results.compute_contest_results",
            tasks.compute_contest_results,
            self.contest.pk,
        )


class EventPublishView(OfficersEventView):
    """Make the event's latest computed results public; while marks are missing or
    divergent only with an `override_reason`."""

    @extend_schema(request=OverrideSerializer, responses=SnapshotSummarySerializer)
    def post(self, request, pk: int):
        data = OverrideSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        snapshot = services.publish_event(
            actor=request.user, event=self.event, **data.validated_data
        )
        return Response(_snapshot_summary(snapshot))


class ContestPublishView(OfficersContestView):
    """Publish every event's latest results and the contest's award lists, all or none;
    the contest moves to `published`."""

    @extend_schema(request=OverrideSerializer, responses=ContestPublishedSerializer)
    def post(self, request, pk: int):
        contest = self.contest
        data = OverrideSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        awards = services.publish_contest(
            actor=request.user, contest=contest, **data.validated_data
        )
        return Response(
            {"contest": contest.pk, "awards_version": awards.version, "status": "published"}
        )


def _provisional(request, contest: Contest) -> tuple[bool, bool]:
    """(provisional snapshot wanted and allowed, full names allowed)."""
    manages = manages_contest(request.user, contest)
    wanted = request.query_params.get("provisional") in ("1", "true", "yes")
    return wanted and manages, manages


class EventResultsView(EventScoped, ListAPIView):
    """The event's results, ranked entries first by rank, then incomplete entries.

    Everyone sees the published results (names masked); officers of the host union see
    full names and, with `?provisional=1`, the latest computed (unpublished) results.
    """

    serializer_class = ResultRowSerializer
    permission_policy = {"get": PUBLIC}
    # A draft contest's events answer 404 to all but its host officers and judges.
    event_permission = hidden(sees_event)
    filter_backends: list = []

    def get_queryset(self):
        provisional, self.full_names = _provisional(self.request, self.event.contest)
        snapshot = selectors.result_snapshot(self.event, provisional=provisional)
        return selectors.result_rows(snapshot)

    def get_serializer_context(self):
        return {
            **super().get_serializer_context(),
            "full_names": getattr(self, "full_names", False),
        }


class ContestAwardsView(ContestView):
    """The contest's award lists (gold workers, gold teams, advanced collectives, top-ten
    achievements), each ranked, with the reason of each award."""

    permission_policy = {"get": PUBLIC}
    contest_permission = hidden(sees_contest)

    @extend_schema(responses=ContestAwardsSerializer)
    def get(self, request, pk: int):
        contest = self.contest
        provisional, full = _provisional(request, contest)
        snapshot = selectors.award_snapshot(contest, provisional=provisional)
        lists = {
            kind: []
            for kind in ("gold_worker", "gold_team", "advanced_collective", "top_achievement")
        }
        if snapshot is not None:
            rows = snapshot.rows.order_by("kind", "rank", "id")
            for row in AwardRowSerializer(rows, many=True, context={"full_names": full}).data:
                lists[row["kind"]].append(row)
        return Response(
            {
                "contest": contest.pk,
                "version": snapshot.version if snapshot else None,
                "published_at": snapshot.published_at if snapshot else None,
                "lists": lists,
            }
        )


class EventDrawView(OfficersEventView):
    """Record the lots drawn to break ties (events that forbid shared places)."""

    @extend_schema(request=DrawSerializer, responses={201: DrawSerializer})
    def post(self, request, pk: int):
        data = DrawSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        lots = services.record_draw(actor=request.user, event=self.event, **data.validated_data)
        return Response(
            {"lots": [{"registration": lot.registration_id, "lot": lot.lot} for lot in lots]},
            status=status.HTTP_201_CREATED,
        )


class EventPromotionsView(OfficersEventView):
    """Apply the published results' skill promotions to the workers' profiles."""

    @extend_schema(request=None, responses=PromotionsSerializer)
    def post(self, request, pk: int):
        records = services.apply_promotions(actor=request.user, event=self.event)
        return Response(
            {
                "applied": [
                    {"worker": r.worker_id, "from_grade": r.from_grade, "to_grade": r.to_grade}
                    for r in records
                ]
            }
        )
