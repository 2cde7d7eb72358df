"""/api/v1/innovation/results/…, topics/, projects/: innovation results for everyone (those a
published exhibition shows, without personal data: authors' names masked) and for officers
(their union subtree's too), and the officers' writes through innovation.services: record or
change a result, its patents, enter it into a contest; record or change topics and projects.
"""

from __future__ import annotations

from django.shortcuts import get_object_or_404
from django.urls import path
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from contests.models import Event
from core.access import manages_union
from core.api.serializers import Serializer
from core.pagination import DefaultPagination
from core.permissions import OFFICER, PUBLIC
from innovation.models import InnovationResult, InnovationTopic, Patent, ResearchProject, Studio
from innovation.selectors import results as selectors
from innovation.services import results as services
from innovation.services import work as work_services
from workers.models import Worker

MAX_ID = 2_147_483_647
TEXT = {"max_length": work_services.TEXT_MAX, "required": False, "allow_blank": True}


def result_body(result: InnovationResult) -> dict:
    public = selectors.public_result(result)
    return {**public.__dict__, "benefit_yuan": _money(public.benefit_yuan)}


def _money(value):
    return None if value is None else str(value)


class ResultInput(Serializer):
    title = serializers.CharField(max_length=work_services.TITLE_MAX, required=False)
    summary = serializers.CharField(**TEXT)
    project = serializers.IntegerField(
        min_value=1, max_value=MAX_ID, allow_null=True, required=False
    )
    authors = serializers.ListField(
        child=serializers.IntegerField(min_value=1, max_value=MAX_ID),
        max_length=services.MAX_AUTHORS,
        required=False,
    )
    achieved_on = serializers.DateField(required=False)
    applied = serializers.BooleanField(required=False)
    applied_on = serializers.DateField(required=False, allow_null=True)
    benefit_yuan = serializers.DecimalField(
        max_digits=16, decimal_places=2, min_value=0, required=False, allow_null=True
    )
    benefit_basis = serializers.CharField(**TEXT)
    reason = serializers.CharField(
        max_length=work_services.REASON_MAX, required=False, allow_blank=True
    )


def _with_authors(data: dict, studio: Studio) -> dict:
    if "authors" in data:
        found = {w.pk: w for w in Worker.objects.filter(pk__in=data["authors"])}
        if len(found) != len(set(data["authors"])):
            raise serializers.ValidationError({"authors": [_("There is no such worker.")]})
        data["authors"] = [found[pk] for pk in dict.fromkeys(data["authors"])]
    return data


class ResultListView(APIView):
    """GET: results (public: those shown in published exhibitions; an officer: also their
    subtree's), paged, filter `?studio=`. POST (officer): record a result of a studio."""

    permission_policy = {"get": PUBLIC, "post": OFFICER}

    @extend_schema(operation_id="v1_innovation_results_list", responses={200: OpenApiTypes.OBJECT})
    def get(self, request):
        results = selectors.visible_results(request.user).order_by("-achieved_on", "-id")
        studio = request.query_params.get("studio", "")
        if studio.isdigit() and int(studio) <= MAX_ID:
            results = results.filter(studio_id=int(studio))
        paginator = DefaultPagination()
        page = paginator.paginate_queryset(selectors.with_details(results), request, view=self)
        return paginator.get_paginated_response([result_body(r) for r in page])

    @extend_schema(request=OpenApiTypes.OBJECT, responses={201: OpenApiTypes.OBJECT})
    def post(self, request):
        studio_id = request.data.get("studio") if isinstance(request.data, dict) else None
        if not isinstance(studio_id, int) or not 0 < studio_id <= MAX_ID:
            raise serializers.ValidationError({"studio": [_("Give the studio's id.")]})
        studio = get_object_or_404(Studio.objects.restrict(request.user), pk=studio_id)
        given = ResultInput(data=request.data)
        given.is_valid(raise_exception=True)
        data = _with_authors(dict(given.validated_data), studio)
        data.pop("reason", None)
        result = services.create_result(
            actor=request.user,
            studio=studio,
            title=data.pop("title", ""),
            achieved_on=data.pop("achieved_on", None),
            **data,
        )
        return Response(
            result_body(selectors.with_details(InnovationResult.objects).get(pk=result.pk)),
            status=201,
        )


class ResultView(APIView):
    """GET: one result (public once exhibited). PATCH (officer): change some fields, with a
    `reason`."""

    permission_policy = {"get": PUBLIC, "patch": OFFICER}

    def _result(self, request, pk: int) -> InnovationResult:
        return get_object_or_404(
            selectors.with_details(selectors.visible_results(request.user)), pk=pk
        )

    @extend_schema(responses={200: OpenApiTypes.OBJECT})
    def get(self, request, pk: int):
        result = self._result(request, pk)
        body = result_body(result)
        if manages_union(request.user, result.studio.union):
            body["patent_ids"] = {p.number: p.pk for p in result.patents.all()}
            body["author_ids"] = [a.pk for a in result.authors.all()]
        return Response(body)

    @extend_schema(request=OpenApiTypes.OBJECT, responses={200: OpenApiTypes.OBJECT})
    def patch(self, request, pk: int):
        result = get_object_or_404(InnovationResult.objects.restrict(request.user), pk=pk)
        given = ResultInput(data=request.data, partial=True)
        given.is_valid(raise_exception=True)
        data = _with_authors(dict(given.validated_data), result.studio)
        reason = data.pop("reason", "")
        services.update_result(actor=request.user, result=result, reason=reason, **data)
        return Response(result_body(self._result(request, pk)))


class PatentInput(Serializer):
    number = serializers.CharField(max_length=40)
    title = serializers.CharField(max_length=200, required=False, allow_blank=True)
    granted_on = serializers.DateField(required=False, allow_null=True)


class PatentsView(APIView):
    """POST (officer) {"number", "title"?, "granted_on"?}: record a patent of the result."""

    permission_policy = {"post": OFFICER}

    @extend_schema(request=PatentInput, responses={201: OpenApiTypes.OBJECT})
    def post(self, request, pk: int):
        result = get_object_or_404(InnovationResult.objects.restrict(request.user), pk=pk)
        given = PatentInput(data=request.data)
        given.is_valid(raise_exception=True)
        patent = services.add_patent(actor=request.user, result=result, **given.validated_data)
        return Response({"id": patent.pk, "number": patent.number, "kind": patent.kind}, status=201)


class PatentView(APIView):
    """DELETE (officer) ?reason=: remove a patent recorded by mistake."""

    permission_policy = {"delete": OFFICER}

    @extend_schema(responses={204: None})
    def delete(self, request, pk: int):
        patent = get_object_or_404(Patent.objects.restrict(request.user), pk=pk)
        reason = request.query_params.get("reason", "")[: work_services.REASON_MAX]
        services.remove_patent(actor=request.user, patent=patent, reason=reason)
        return Response(status=204)


class EnterInput(Serializer):
    event = serializers.IntegerField(min_value=1, max_value=MAX_ID)


class EnterView(APIView):
    """POST (officer) {"event": id}: enter the result in an achievement event, once."""

    permission_policy = {"post": OFFICER}

    @extend_schema(request=EnterInput, responses={201: OpenApiTypes.OBJECT})
    def post(self, request, pk: int):
        result = get_object_or_404(InnovationResult.objects.restrict(request.user), pk=pk)
        given = EnterInput(data=request.data)
        given.is_valid(raise_exception=True)
        event = Event.objects.filter(pk=given.validated_data["event"]).first()
        if event is None:
            raise serializers.ValidationError({"event": [_("There is no such event.")]})
        registration = services.enter_result_in_contest(
            actor=request.user, result=result, event=event
        )
        return Response(
            {"registration": registration.pk, "achievement": registration.achievement_id},
            status=201,
        )


# --- topics and projects (officers) ---------------------------------------------------------


class WorkInput(Serializer):
    title = serializers.CharField(max_length=work_services.TITLE_MAX, required=False)
    summary = serializers.CharField(**TEXT)
    status = serializers.CharField(max_length=10, required=False)
    started_on = serializers.DateField(required=False)
    ended_on = serializers.DateField(required=False, allow_null=True)
    reason = serializers.CharField(
        max_length=work_services.REASON_MAX, required=False, allow_blank=True
    )


def _work_row(obj) -> dict:
    return {
        "id": obj.pk,
        "title": obj.title,
        "summary": obj.summary,
        "status": obj.status,
        "started_on": obj.started_on,
        "ended_on": obj.ended_on,
    }


class TopicListView(APIView):
    """GET (officer): topics of the subtree's studios, `?studio=`. POST {"studio", …}."""

    permission_policy = {"get": OFFICER, "post": OFFICER}

    @extend_schema(responses={200: OpenApiTypes.OBJECT})
    def get(self, request):
        topics = InnovationTopic.objects.restrict(request.user)
        studio = request.query_params.get("studio", "")
        if studio.isdigit() and int(studio) <= MAX_ID:
            topics = topics.filter(studio_id=int(studio))
        paginator = DefaultPagination()
        page = paginator.paginate_queryset(topics, request, view=self)
        return paginator.get_paginated_response(
            [{**_work_row(t), "studio": t.studio_id} for t in page]
        )

    @extend_schema(request=OpenApiTypes.OBJECT, responses={201: OpenApiTypes.OBJECT})
    def post(self, request):
        studio_id = request.data.get("studio") if isinstance(request.data, dict) else None
        if not isinstance(studio_id, int) or not 0 < studio_id <= MAX_ID:
            raise serializers.ValidationError({"studio": [_("Give the studio's id.")]})
        studio = get_object_or_404(Studio.objects.restrict(request.user), pk=studio_id)
        given = WorkInput(data=request.data)
        given.is_valid(raise_exception=True)
        data = dict(given.validated_data)
        data.pop("reason", None)
        topic = work_services.create_topic(
            actor=request.user,
            studio=studio,
            title=data.pop("title", ""),
            started_on=data.pop("started_on", None),
            **data,
        )
        return Response({**_work_row(topic), "studio": studio.pk}, status=201)


class TopicView(APIView):
    permission_policy = {"patch": OFFICER}

    @extend_schema(request=WorkInput, responses={200: OpenApiTypes.OBJECT})
    def patch(self, request, pk: int):
        topic = get_object_or_404(InnovationTopic.objects.restrict(request.user), pk=pk)
        given = WorkInput(data=request.data, partial=True)
        given.is_valid(raise_exception=True)
        data = dict(given.validated_data)
        reason = data.pop("reason", "")
        topic = work_services.update_topic(actor=request.user, topic=topic, reason=reason, **data)
        return Response(_work_row(topic))


class ProjectListView(APIView):
    """GET (officer): projects, `?topic=`. POST {"topic", …}."""

    permission_policy = {"get": OFFICER, "post": OFFICER}

    @extend_schema(responses={200: OpenApiTypes.OBJECT})
    def get(self, request):
        projects = ResearchProject.objects.restrict(request.user)
        topic = request.query_params.get("topic", "")
        if topic.isdigit() and int(topic) <= MAX_ID:
            projects = projects.filter(topic_id=int(topic))
        paginator = DefaultPagination()
        page = paginator.paginate_queryset(projects, request, view=self)
        return paginator.get_paginated_response(
            [{**_work_row(p), "topic": p.topic_id} for p in page]
        )

    @extend_schema(request=OpenApiTypes.OBJECT, responses={201: OpenApiTypes.OBJECT})
    def post(self, request):
        topic_id = request.data.get("topic") if isinstance(request.data, dict) else None
        if not isinstance(topic_id, int) or not 0 < topic_id <= MAX_ID:
            raise serializers.ValidationError({"topic": [_("Give the topic's id.")]})
        topic = get_object_or_404(InnovationTopic.objects.restrict(request.user), pk=topic_id)
        given = WorkInput(data=request.data)
        given.is_valid(raise_exception=True)
        data = dict(given.validated_data)
        data.pop("reason", None)
        project = work_services.create_project(
            actor=request.user,
            topic=topic,
            title=data.pop("title", ""),
            started_on=data.pop("started_on", None),
            **data,
        )
        return Response({**_work_row(project), "topic": topic.pk}, status=201)


class ProjectView(APIView):
    permission_policy = {"patch": OFFICER}

    @extend_schema(request=WorkInput, responses={200: OpenApiTypes.OBJECT})
    def patch(self, request, pk: int):
        project = get_object_or_404(ResearchProject.objects.restrict(request.user), pk=pk)
        given = WorkInput(data=request.data, partial=True)
        given.is_valid(raise_exception=True)
        data = dict(given.validated_data)
        reason = data.pop("reason", "")
        project = work_services.update_project(
            actor=request.user, project=project, reason=reason, **data
        )
        return Response(_work_row(project))


urlpatterns = [
    path("results/", ResultListView.as_view(), name="innovation-results"),
    path("results/<int:pk>/", ResultView.as_view(), name="innovation-result"),
    path("results/<int:pk>/patents/", PatentsView.as_view(), name="innovation-result-patents"),
    path("results/<int:pk>/enter/", EnterView.as_view(), name="innovation-result-enter"),
    path("patents/<int:pk>/", PatentView.as_view(), name="innovation-patent"),
    path("topics/", TopicListView.as_view(), name="innovation-topics"),
    path("topics/<int:pk>/", TopicView.as_view(), name="innovation-topic"),
    path("projects/", ProjectListView.as_view(), name="innovation-projects"),
    path("projects/<int:pk>/", ProjectView.as_view(), name="innovation-project"),
]
