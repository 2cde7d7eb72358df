"""Thin viewsets: who may call what (permission_policy), which rows (scope), then a service.

Regions and unions are public reference data to read. Writes on a union are checked by the
service against the actor's subtree (403 when outside it: the union itself is public).
Work units and officers are visible only inside the officer's subtree (404 outside it): the
restricted viewset base cuts their querysets.
"""

from rest_framework import mixins

from core.api.base import RestrictedModelViewSet, RestrictedViewSet
from core.permissions import OFFICER, PUBLIC, SUPERUSER
from unions import selectors, services
from unions.api.serializers import (
    EmployerSerializer,
    OfficerSerializer,
    RegionSerializer,
    UnionSerializer,
)
from unions.filters import EmployerFilter, OfficerFilter, RegionFilter, UnionFilter
from unions.models import Employer, Officer


class RegionViewSet(RestrictedModelViewSet):
    """Regions (Shanghai, Jiangsu, Zhejiang, Anhui and below). Writes: superuser only."""

    serializer_class = RegionSerializer
    permission_policy = {"list": PUBLIC, "retrieve": PUBLIC, "*": SUPERUSER}
    filterset_class = RegionFilter
    search_fields = ["code", "name", "name_en"]
    ordering_fields = ["code", "name", "path"]

    def get_queryset(self):
        return selectors.region_list()  # public reference data: not restricted

    def perform_create(self, serializer):
        serializer.instance = services.create_region(
            actor=self.request.user, **serializer.validated_data
        )

    def perform_update(self, serializer):
        serializer.instance = services.update_region(
            actor=self.request.user, region=serializer.instance, **serializer.validated_data
        )

    def perform_destroy(self, instance):
        services.delete_region(actor=self.request.user, region=instance)


class UnionViewSet(RestrictedModelViewSet):
    """The union tree. Officers write within their subtree; a new union's parent must be in it."""

    serializer_class = UnionSerializer
    permission_policy = {"list": PUBLIC, "retrieve": PUBLIC, "*": OFFICER}
    filterset_class = UnionFilter
    search_fields = ["code", "name", "name_en"]
    ordering_fields = ["code", "name", "path"]

    def get_queryset(self):
        return selectors.union_list()  # public reference data: not restricted

    def perform_create(self, serializer):
        serializer.instance = services.create_union(
            actor=self.request.user, **serializer.validated_data
        )

    def perform_update(self, serializer):
        serializer.instance = services.update_union(
            actor=self.request.user, union=serializer.instance, **serializer.validated_data
        )

    def perform_destroy(self, instance):
        services.delete_union(actor=self.request.user, union=instance)


class EmployerViewSet(RestrictedModelViewSet):
    """Work units (单位) of the officer's union subtree."""

    queryset = Employer.objects.select_related("region", "union")
    serializer_class = EmployerSerializer
    permission_policy = {"*": OFFICER}
    filterset_class = EmployerFilter
    search_fields = ["name"]
    ordering_fields = ["id", "name", "kind", "created_at"]

    def perform_create(self, serializer):
        serializer.instance = services.create_employer(
            actor=self.request.user, **serializer.validated_data
        )

    def perform_update(self, serializer):
        serializer.instance = services.update_employer(
            actor=self.request.user, employer=serializer.instance, **serializer.validated_data
        )

    def perform_destroy(self, instance):
        services.delete_employer(actor=self.request.user, employer=instance)


class OfficerViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.DestroyModelMixin,
    RestrictedViewSet,
):
    """Officer accounts: an officer creates them for their own union or one below it."""

    queryset = Officer.objects.select_related("user", "union").order_by("id")
    serializer_class = OfficerSerializer
    permission_policy = {"*": OFFICER}
    filterset_class = OfficerFilter
    search_fields = ["user__username"]
    ordering_fields = ["id", "created_at"]

    def perform_create(self, serializer):
        data = serializer.validated_data
        serializer.instance = services.create_officer(
            actor=self.request.user,
            username=data["user"]["username"],
            password=data["password"],
            union=data["union"],
        )

    def perform_destroy(self, instance):
        services.delete_officer(actor=self.request.user, officer=instance)
