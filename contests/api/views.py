"""Thin viewsets for contests and entries; rules live in contests.services."""

from django.db.models import Q
from drf_spectacular.utils import PolymorphicProxySerializer, extend_schema
from rest_framework import mixins, status
from rest_framework.decorators import action
from rest_framework.response import Response

from contests import selectors, services
from contests.api.serializers import (
    BibOnlyRegistrationSerializer,
    CompletionSerializer,
    ContestSerializer,
    DivisionSerializer,
    EventSerializer,
    RegistrationSerializer,
    RejectSerializer,
    SeriesSerializer,
)
from contests.filters import (
    ContestFilter,
    DivisionFilter,
    EventFilter,
    RegistrationFilter,
    SeriesFilter,
)
from contests.models import Registration
from core.access import is_chief_judge, manages_contest
from core.api.base import RestrictedViewSet
from core.permissions import JUDGE, OFFICER, PUBLIC, WORKER, any_of

_READ_PUBLIC = {"list": PUBLIC, "retrieve": PUBLIC, "*": OFFICER}
# No PUT: writes are partial (PATCH), so a client never has to resend every field.
_METHODS = ["get", "post", "patch", "head", "options"]


class SeriesViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    RestrictedViewSet,
):
    """Contest series (竞赛系列活动), co-organised by several unions."""

    # Series, divisions, contests and events are what the public site lists, so these
    # viewsets override the restricted queryset (drafts: officers of the host subtree only).

    serializer_class = SeriesSerializer
    permission_policy = _READ_PUBLIC
    http_method_names = _METHODS
    filterset_class = SeriesFilter
    search_fields = ["name"]
    ordering_fields = ["id", "year", "name"]

    def get_queryset(self):
        return selectors.series_list()  # public: not restricted

    def perform_create(self, serializer):
        serializer.instance = services.create_series(
            actor=self.request.user, **serializer.validated_data
        )

    def perform_update(self, serializer):
        serializer.instance = services.update_series(
            actor=self.request.user, series=serializer.instance, **serializer.validated_data
        )


class DivisionViewSet(SeriesViewSet):
    """Divisions (赛区) of a series, led by unions of regions or an industry."""

    serializer_class = DivisionSerializer
    filterset_class = DivisionFilter
    ordering_fields = ["id", "name"]

    def get_queryset(self):
        return selectors.division_list()  # public: not restricted

    def perform_create(self, serializer):
        serializer.instance = services.create_division(
            actor=self.request.user, **serializer.validated_data
        )

    def perform_update(self, serializer):
        serializer.instance = services.update_division(
            actor=self.request.user, division=serializer.instance, **serializer.validated_data
        )


class ContestViewSet(SeriesViewSet):
    """Contests; drafts only for officers of the host subtree. PATCH `status` takes one allowed
    step (draft → open → closed → judging); `published` comes from publishing the results."""

    serializer_class = ContestSerializer
    filterset_class = ContestFilter
    search_fields = ["name"]
    ordering_fields = ["id", "name", "registration_opens", "registration_closes"]

    def get_queryset(self):
        return selectors.contest_list(user=self.request.user)  # public once out of draft

    def perform_create(self, serializer):
        serializer.instance = services.create_contest(
            actor=self.request.user, **serializer.validated_data
        )

    def perform_update(self, serializer):
        serializer.instance = services.update_contest(
            actor=self.request.user, contest=serializer.instance, **serializer.validated_data
        )


class EventViewSet(SeriesViewSet):
    """Events (项目) with their eligibility rules and per-work-unit quota."""

    serializer_class = EventSerializer
    filterset_class = EventFilter
    search_fields = ["name"]
    ordering_fields = ["id", "name"]

    def get_queryset(self):
        return selectors.event_list(user=self.request.user)  # public once out of draft

    def perform_create(self, serializer):
        serializer.instance = services.create_event(
            actor=self.request.user, **serializer.validated_data
        )

    def perform_update(self, serializer):
        serializer.instance = services.update_event(
            actor=self.request.user, event=serializer.instance, **serializer.validated_data
        )


class RegistrationViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    RestrictedViewSet,
):
    """Entries (报名). Officers see their scope with masked names; a worker sees their own."""

    serializer_class = RegistrationSerializer
    http_method_names = _METHODS
    permission_policy = {
        "list": any_of(OFFICER, WORKER),
        "retrieve": any_of(OFFICER, WORKER),
        "create": any_of(OFFICER, WORKER),
        "withdraw": any_of(OFFICER, WORKER),
        "approve": OFFICER,
        "reject": OFFICER,
        "partial_update": any_of(OFFICER, JUDGE),
    }
    filterset_class = RegistrationFilter
    search_fields = ["team__name", "achievement__title", "employer__name"]
    ordering_fields = ["id", "bib", "created_at", "status"]

    def get_queryset(self):
        # Wider than the host subtree: the entrant's own entries and their work unit's union.
        user = self.request.user
        qs = selectors.registration_list(user=user)
        if self.action == "partial_update" and user.is_authenticated:
            chief = Registration.objects.filter(
                event__judge_assignments__chief=True, event__judge_assignments__judge__user=user
            ).values("pk")
            qs = Registration.objects.filter(Q(pk__in=qs.values("pk")) | Q(pk__in=chief))
        return qs.order_by("id")

    def get_serializer_class(self):
        if self.action == "partial_update":
            return CompletionSerializer
        return super().get_serializer_class()

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        if data.get("achievement"):
            registration = services.register_achievement(
                actor=request.user, event=data["event"], **data["achievement"]
            )
        else:
            registration = services.register(
                actor=request.user,
                event=data["event"],
                worker=data.get("worker"),
                team=data.get("team"),
            )
        return Response(self._out(registration), status=status.HTTP_201_CREATED)

    def _out(self, registration: Registration) -> dict:
        # The services return the entry with what the serializer prints already loaded.
        # A judge (the chief recording a time) gets the bib only, never the entrant.
        user = self.request.user
        if is_chief_judge(user, registration.event_id) and not manages_contest(
            user, registration.contest
        ):
            return BibOnlyRegistrationSerializer(registration).data
        return RegistrationSerializer(registration, context=self.get_serializer_context()).data

    @extend_schema(
        request=CompletionSerializer,
        responses=PolymorphicProxySerializer(
            component_name="RegistrationOrBib",
            serializers=[RegistrationSerializer, BibOnlyRegistrationSerializer],
            resource_type_field_name=None,
        ),
    )
    def partial_update(self, request, *args, **kwargs):
        """Record `completion_seconds` (host officers or the event's chief judge)."""
        serializer = CompletionSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        registration = services.set_completion_seconds(
            actor=request.user,
            registration=self.get_object(),
            completion_seconds=serializer.validated_data["completion_seconds"],
        )
        return Response(self._out(registration))

    @extend_schema(request=None, responses=RegistrationSerializer)
    @action(detail=True, methods=["post"])
    def approve(self, request, pk=None):
        """Approve a pending entry; it gets the contest's next bib number."""
        registration = services.approve_registration(
            actor=request.user, registration=self.get_object()
        )
        return Response(self._out(registration))

    @extend_schema(request=RejectSerializer, responses=RegistrationSerializer)
    @action(detail=True, methods=["post"])
    def reject(self, request, pk=None):
        """Reject a pending entry with a `reason`."""
        serializer = RejectSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        registration = services.reject_registration(
            actor=request.user,
            registration=self.get_object(),
            reason=serializer.validated_data["reason"],
        )
        return Response(self._out(registration))

    @extend_schema(request=None, responses=RegistrationSerializer)
    @action(detail=True, methods=["post"])
    def withdraw(self, request, pk=None):
        """The entrant (or team leader) withdraws, until judging starts."""
        registration = services.withdraw_registration(
            actor=request.user, registration=self.get_object()
        )
        return Response(self._out(registration))
