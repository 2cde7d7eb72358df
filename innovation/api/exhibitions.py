"""/api/v1/innovation/exhibitions/…: published exhibitions for everyone (sections in order,
each result without personal data); officers' drafts and writes through
innovation.services.exhibitions (create, change, sections, results, order, publish)."""

from __future__ import annotations

from django.db.models import Q
from django.shortcuts import get_object_or_404
from django.urls import path
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from core.api.serializers import Serializer
from core.pagination import DefaultPagination
from core.permissions import OFFICER, PUBLIC
from innovation.api.results import MAX_ID, result_body
from innovation.models import Exhibition, ExhibitionItem, ExhibitionSection
from innovation.selectors.exhibitions import sections_of
from innovation.services import exhibitions as services
from innovation.services.work import REASON_MAX, TEXT_MAX, TITLE_MAX
from unions.models import Union


def _visible(user):
    mine = Exhibition.objects.restrict(user).values("pk")
    return Exhibition.objects.filter(Q(published_at__isnull=False) | Q(pk__in=mine))


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


class ExhibitionListView(APIView):
    """GET: published exhibitions (an officer: also their drafts). POST (officer)
    {"union", "title", "description"?}."""

    permission_policy = {"get": PUBLIC, "post": OFFICER}

    @extend_schema(
        operation_id="v1_innovation_exhibitions_list", responses={200: OpenApiTypes.OBJECT}
    )
    def get(self, request):
        exhibitions = _visible(request.user).select_related("union").order_by("-created_at", "-id")
        paginator = DefaultPagination()
        page = paginator.paginate_queryset(exhibitions, request, view=self)
        return paginator.get_paginated_response([_row(e) for e in page])

    @extend_schema(request=OpenApiTypes.OBJECT, responses={201: OpenApiTypes.OBJECT})
    def post(self, request):
        union_id = request.data.get("union") if isinstance(request.data, dict) else None
        if not isinstance(union_id, int) or not 0 < union_id <= MAX_ID:
            raise serializers.ValidationError({"union": [_("Give the union's id.")]})
        union = get_object_or_404(Union.objects.all(), pk=union_id)
        given = ExhibitionInput(data=request.data)
        given.is_valid(raise_exception=True)
        data = dict(given.validated_data)
        data.pop("reason", None)
        exhibition = services.create_exhibition(actor=request.user, union=union, **data)
        return Response(_row(exhibition), status=201)


class ExhibitionView(APIView):
    """GET: the exhibition with its sections and results in order. PATCH (officer): title,
    description, reason."""

    permission_policy = {"get": PUBLIC, "patch": OFFICER}

    @extend_schema(responses={200: OpenApiTypes.OBJECT})
    def get(self, request, pk: int):
        exhibition = get_object_or_404(_visible(request.user).select_related("union"), pk=pk)
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
    def patch(self, request, pk: int):
        exhibition = get_object_or_404(Exhibition.objects.restrict(request.user), pk=pk)
        given = ExhibitionInput(
            data={"title": exhibition.title, "description": exhibition.description, **request.data}
            if isinstance(request.data, dict)
            else {}
        )
        given.is_valid(raise_exception=True)
        exhibition = services.update_exhibition(
            actor=request.user, exhibition=exhibition, **given.validated_data
        )
        return Response(_row(exhibition))


class PublishInput(Serializer):
    published = serializers.BooleanField()
    reason = serializers.CharField(max_length=REASON_MAX, required=False, allow_blank=True)


class PublishView(APIView):
    """POST (officer) {"published": true|false, "reason"?}."""

    permission_policy = {"post": OFFICER}

    @extend_schema(request=PublishInput, responses={200: OpenApiTypes.OBJECT})
    def post(self, request, pk: int):
        exhibition = get_object_or_404(Exhibition.objects.restrict(request.user), pk=pk)
        given = PublishInput(data=request.data)
        given.is_valid(raise_exception=True)
        exhibition = services.set_published(
            actor=request.user, exhibition=exhibition, **given.validated_data
        )
        return Response(_row(exhibition))


class SectionInput(Serializer):
    title = serializers.CharField(max_length=TITLE_MAX)
    order = serializers.IntegerField(min_value=0, max_value=services.MAX_ORDER, required=False)


class SectionsView(APIView):
    """POST (officer) {"title", "order"?}: a new section."""

    permission_policy = {"post": OFFICER}

    @extend_schema(request=SectionInput, responses={201: OpenApiTypes.OBJECT})
    def post(self, request, pk: int):
        exhibition = get_object_or_404(Exhibition.objects.restrict(request.user), pk=pk)
        given = SectionInput(data=request.data)
        given.is_valid(raise_exception=True)
        section = services.add_section(
            actor=request.user, exhibition=exhibition, **given.validated_data
        )
        return Response(
            {"id": section.pk, "title": section.title, "order": section.order}, status=201
        )


class ItemInput(Serializer):
    section = serializers.IntegerField(min_value=1, max_value=MAX_ID)
    result = serializers.IntegerField(min_value=1, max_value=MAX_ID)
    order = serializers.IntegerField(min_value=0, max_value=services.MAX_ORDER, required=False)


class ItemsView(APIView):
    """POST (officer) {"section", "result", "order"?}: show a result in a section."""

    permission_policy = {"post": OFFICER}

    @extend_schema(request=ItemInput, responses={201: OpenApiTypes.OBJECT})
    def post(self, request, pk: int):
        exhibition = get_object_or_404(Exhibition.objects.restrict(request.user), pk=pk)
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


class ItemView(APIView):
    """PATCH (officer) {"order", "section"?}: move a result. DELETE: take it off."""

    permission_policy = {"patch": OFFICER, "delete": OFFICER}

    def _item(self, request, pk: int) -> ExhibitionItem:
        return get_object_or_404(
            ExhibitionItem.objects.filter(
                exhibition__in=Exhibition.objects.restrict(request.user)
            ).select_related("exhibition"),
            pk=pk,
        )

    @extend_schema(request=OpenApiTypes.OBJECT, responses={200: OpenApiTypes.OBJECT})
    def patch(self, request, pk: int):
        item = self._item(request, pk)
        given = ItemInput(
            data={"result": item.result_id, "section": item.section_id, **request.data}
            if isinstance(request.data, dict)
            else {}
        )
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
    def delete(self, request, pk: int):
        services.remove_item(actor=request.user, item=self._item(request, pk))
        return Response(status=204)


urlpatterns = [
    path("exhibitions/", ExhibitionListView.as_view(), name="innovation-exhibitions"),
    path("exhibitions/<int:pk>/", ExhibitionView.as_view(), name="innovation-exhibition"),
    path(
        "exhibitions/<int:pk>/publish/", PublishView.as_view(), name="innovation-exhibition-publish"
    ),
    path("exhibitions/<int:pk>/sections/", SectionsView.as_view(), name="innovation-sections"),
    path("exhibitions/<int:pk>/items/", ItemsView.as_view(), name="innovation-items"),
    path("exhibition-items/<int:pk>/", ItemView.as_view(), name="innovation-item"),
]
