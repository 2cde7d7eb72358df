"""/api/v1/innovation/exhibitions/…, exhibition-items/: published exhibitions for everyone
(sections in order, each result without personal data); officers' drafts and writes through
innovation.services.exhibitions (create, change, sections, results, order, publish), on the
rows of their union subtree (RestrictedViewSet: 404 outside it)."""

from __future__ import annotations

from django.db.models import Q
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.response import Response
from rest_framework.routers import SimpleRouter

from core.api.base import MAX_ID, RestrictedViewSet
from core.api.serializers import Serializer
from core.permissions import OFFICER, PUBLIC
from innovation.api.results import result_body
from innovation.models import Exhibition, ExhibitionItem, ExhibitionSection
from innovation.selectors.exhibitions import sections_of
from innovation.services import exhibitions as services
from innovation.services.work import REASON_MAX, TEXT_MAX, TITLE_MAX
from unions.models import Union


def _row(exhibition: Exhibition) -> dict:
    return {
        "id": exhibition.pk,
        "title": exhibition.title,
        "description": exhibition.description,
        "union": exhibition.union.name,
        "published": exhibition.published_at is not None,
        "published_at": exhibition.published_at,
    }


class ExhibitionInput(Serializer):
    title = serializers.CharField(max_length=TITLE_MAX)
    description = serializers.CharField(max_length=TEXT_MAX, required=False, allow_blank=True)
    reason = serializers.CharField(max_length=REASON_MAX, required=False, allow_blank=True)


class PublishInput(Serializer):
    published = serializers.BooleanField()
    reason = serializers.CharField(max_length=REASON_MAX, required=False, allow_blank=True)


class SectionInput(Serializer):
    title = serializers.CharField(max_length=TITLE_MAX)
    order = serializers.IntegerField(min_value=0, max_value=services.MAX_ORDER, required=False)


class ItemInput(Serializer):
    section = serializers.IntegerField(min_value=1, max_value=MAX_ID)
    result = serializers.IntegerField(min_value=1, max_value=MAX_ID)
    order = serializers.IntegerField(min_value=0, max_value=services.MAX_ORDER, required=False)


def _merged(request, **current) -> dict:
    """A partial change as a whole input: the stored values, overridden by the body's."""
    return {**current, **request.data} if isinstance(request.data, dict) else {}


class ExhibitionViewSet(RestrictedViewSet):
    """Exhibitions of innovation results: public reads, officers' writes."""

    queryset = Exhibition.objects.select_related("union")
    permission_policy = {"list": PUBLIC, "retrieve": PUBLIC, "*": OFFICER}
    lookup_value_regex = r"\d+"

    def get_queryset(self):
        if self.action in ("list", "retrieve"):
            # Public rows: published exhibitions (results without personal data), and for an
            # officer the subtree's drafts too.
            mine = super().get_queryset().values("pk")
            return self.queryset.filter(Q(published_at__isnull=False) | Q(pk__in=mine))
        return super().get_queryset()  # the caller's union subtree

    @extend_schema(
        operation_id="v1_innovation_exhibitions_list", responses={200: OpenApiTypes.OBJECT}
    )
    def list(self, request):
        """Published exhibitions (an officer: also their drafts), paged."""
        page = self.paginate_queryset(self.get_queryset().order_by("-created_at", "-id"))
        return self.get_paginated_response([_row(e) for e in page])

    @extend_schema(request=OpenApiTypes.OBJECT, responses={201: OpenApiTypes.OBJECT})
    def create(self, request):
        """(officer) {"union", "title", "description"?}: a new draft exhibition."""
        union = self.named_row(Union.objects.all(), "union", _("Give the union's id."))
        given = ExhibitionInput(data=request.data)
        given.is_valid(raise_exception=True)
        data = dict(given.validated_data)
        data.pop("reason", None)
        exhibition = services.create_exhibition(actor=request.user, union=union, **data)
        return Response(_row(exhibition), status=201)

    @extend_schema(responses={200: OpenApiTypes.OBJECT})
    def retrieve(self, request, pk=None):
        """The exhibition with its sections and results in order (results without personal
        data)."""
        exhibition = self.get_object()
        sections = [
            {
                "id": section.pk,
                "title": section.title,
                "order": section.order,
                "results": [
                    {**result_body(item.result), "item": item.pk, "order": item.order}
                    for item in section.items.all()
                ],
            }
            for section in sections_of(exhibition)
        ]
        return Response({**_row(exhibition), "sections": sections})

    @extend_schema(request=ExhibitionInput, responses={200: OpenApiTypes.OBJECT})
    def partial_update(self, request, pk=None):
        """(officer) Title, description, reason."""
        exhibition = self.get_object()
        given = ExhibitionInput(
            data=_merged(request, title=exhibition.title, description=exhibition.description)
        )
        given.is_valid(raise_exception=True)
        exhibition = services.update_exhibition(
            actor=request.user, exhibition=exhibition, **given.validated_data
        )
        return Response(_row(exhibition))

    @extend_schema(request=PublishInput, responses={200: OpenApiTypes.OBJECT})
    @action(detail=True, methods=["post"])
    def publish(self, request, pk=None):
        """(officer) {"published": true|false, "reason"?}."""
        exhibition = self.get_object()
        given = PublishInput(data=request.data)
        given.is_valid(raise_exception=True)
        exhibition = services.set_published(
            actor=request.user, exhibition=exhibition, **given.validated_data
        )
        return Response(_row(exhibition))

    @extend_schema(request=SectionInput, responses={201: OpenApiTypes.OBJECT})
    @action(detail=True, methods=["post"])
    def sections(self, request, pk=None):
        """(officer) {"title", "order"?}: a new section."""
        exhibition = self.get_object()
        given = SectionInput(data=request.data)
        given.is_valid(raise_exception=True)
        section = services.add_section(
            actor=request.user, exhibition=exhibition, **given.validated_data
        )
        return Response(
            {"id": section.pk, "title": section.title, "order": section.order}, status=201
        )

    @extend_schema(request=ItemInput, responses={201: OpenApiTypes.OBJECT})
    @action(detail=True, methods=["post"])
    def items(self, request, pk=None):
        """(officer) {"section", "result", "order"?}: show a result in a section."""
        exhibition = self.get_object()
        given = ItemInput(data=request.data)
        given.is_valid(raise_exception=True)
        section = ExhibitionSection.objects.filter(
            pk=given.validated_data["section"], exhibition=exhibition
        ).first()
        if section is None:
            raise serializers.ValidationError(
                {"section": [_("Choose a section of this exhibition.")]}
            )
        item = services.add_item(
            actor=request.user,
            section=section,
            result=given.validated_data["result"],
            order=given.validated_data.get("order"),
        )
        return Response({"id": item.pk, "order": item.order}, status=201)


class ItemViewSet(RestrictedViewSet):
    """A result shown in an exhibition's section."""

    queryset = ExhibitionItem.objects.select_related("exhibition")
    permission_policy = {"*": OFFICER}
    lookup_value_regex = r"\d+"

    @extend_schema(request=OpenApiTypes.OBJECT, responses={200: OpenApiTypes.OBJECT})
    def partial_update(self, request, pk=None):
        """(officer) {"order", "section"?}: move a result."""
        item = self.get_object()
        given = ItemInput(data=_merged(request, result=item.result_id, section=item.section_id))
        given.is_valid(raise_exception=True)
        section = ExhibitionSection.objects.filter(pk=given.validated_data["section"]).first()
        item = services.move_item(
            actor=request.user,
            item=item,
            order=given.validated_data.get("order", item.order),
            section=section,
        )
        return Response({"id": item.pk, "section": item.section_id, "order": item.order})

    @extend_schema(responses={204: None})
    def destroy(self, request, pk=None):
        """(officer) Take the result off the exhibition."""
        services.remove_item(actor=request.user, item=self.get_object())
        return Response(status=204)


router = SimpleRouter()
router.register("exhibitions", ExhibitionViewSet, basename="innovation-exhibition")
router.register("exhibition-items", ItemViewSet, basename="innovation-item")
urlpatterns = router.urls
