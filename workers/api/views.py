"""Thin views for workers, teams and online registration; rules live in workers.services."""

from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound
from rest_framework.filters import OrderingFilter
from rest_framework.response import Response
from rest_framework.views import APIView

from core.api.base import RestrictedModelViewSet, RestrictedViewSet
from core.permissions import OFFICER, PUBLIC, WORKER, any_of
from core.throttling import SignupThrottle
from workers import selectors, services
from workers.api.serializers import (
    OwnWorkerSerializer,
    RegisterSerializer,
    TeamSerializer,
    WorkerSerializer,
)
from workers.filters import TeamFilter, WorkerFilter, WorkerSearchFilter
from workers.models import Worker


class RegisterView(APIView):
    """A worker signs up: a login account and a worker record, or a 400 and nothing."""

    permission_policy = {"post": PUBLIC}
    # Anonymous by design: a stale session cookie must not turn this into a CSRF failure.
    authentication_classes: list = []
    throttle_classes = [SignupThrottle]  # every attempt, per address (GJ_THROTTLE_SIGNUP)

    @extend_schema(request=RegisterSerializer, responses={201: OwnWorkerSerializer})
    def post(self, request):
        serializer = RegisterSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        worker = services.register_worker(**serializer.validated_data)
        return Response(OwnWorkerSerializer(worker).data, status=status.HTTP_201_CREATED)


class WorkerViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.UpdateModelMixin,
    RestrictedViewSet,
):
    """Workers of the officer's union subtree (ID number and phone masked, birth year only;
    a full ID number searched only as a recorded exact find); `me` for a worker."""

    queryset = Worker.objects.select_related("employer")
    serializer_class = WorkerSerializer
    permission_policy = {"me": WORKER, "*": OFFICER}
    filterset_class = WorkerFilter
    filter_backends = [DjangoFilterBackend, WorkerSearchFilter, OrderingFilter]
    # A full ID number is searched by WorkerSearchFilter alone (exact, recorded); no
    # ordering by birth date (sorting against workers of known dates would bracket it).
    search_fields = ["name", "occupation", "employer__name"]
    ordering_fields = ["id", "name", "skill_grade", "created_at"]

    def perform_update(self, serializer):
        serializer.instance = services.update_worker(
            actor=self.request.user, worker=serializer.instance, **serializer.validated_data
        )

    @extend_schema(request=OwnWorkerSerializer, responses=OwnWorkerSerializer)
    @action(
        detail=False,
        methods=["get", "patch"],
        serializer_class=OwnWorkerSerializer,
        filterset_class=None,
        pagination_class=None,
    )
    def me(self, request):
        """The signed-in worker's own record, in full; PATCH phone and occupation."""
        worker = selectors.worker_for_user(user=request.user)
        if worker is None:
            raise NotFound()
        if request.method == "PATCH":
            serializer = OwnWorkerSerializer(worker, data=request.data, partial=True)
            serializer.is_valid(raise_exception=True)
            worker = services.update_own_profile(worker=worker, **serializer.validated_data)
        return Response(OwnWorkerSerializer(worker).data)


class TeamViewSet(RestrictedModelViewSet):
    """Teams (班组) of the officer's subtree; a team leader may also read their own teams."""

    queryset = selectors.teams_with_members()
    serializer_class = TeamSerializer
    permission_policy = {
        "list": any_of(OFFICER, WORKER),
        "retrieve": any_of(OFFICER, WORKER),
        "*": OFFICER,
    }
    filterset_class = TeamFilter
    search_fields = ["name", "employer__name"]
    ordering_fields = ["id", "name", "created_at"]

    def get_queryset(self):
        # Reading is wider than the officer's subtree: a leader reads the teams they lead.
        if self.action in ("list", "retrieve"):
            return selectors.team_list_readable(user=self.request.user)
        return super().get_queryset()

    def perform_create(self, serializer):
        serializer.instance = services.create_team(
            actor=self.request.user, **serializer.validated_data
        )

    def perform_update(self, serializer):
        serializer.instance = services.update_team(
            actor=self.request.user, team=serializer.instance, **serializer.validated_data
        )

    def perform_destroy(self, instance):
        services.delete_team(actor=self.request.user, team=instance)
