"""/api/v1/innovation/results/…, patents/, topics/, projects/: innovation results for
everyone (those a published exhibition shows, without personal data: authors' names masked)
and for officers (their union subtree's too), and the officers' writes through
innovation.services: record or change a result, its patents, enter it into a contest; record
or change topics and projects.

The rows an officer writes are the viewsets' own, cut to the caller's union subtree by
RestrictedViewSet (404 outside it); a row the request body names (the studio of a new result
or topic, the topic of a new project) is looked up the same way (`named_row`).
"""

from __future__ import annotations

from collections.abc import Callable

from django.db.models import QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.response import Response
from rest_framework.routers import SimpleRouter

from contests.models import Event
from core.access import manages_union
from core.api.base import MAX_ID, RestrictedViewSet
from core.api.serializers import Serializer
from core.permissions import OFFICER, PUBLIC
from innovation.models import InnovationResult, InnovationTopic, Patent, ResearchProject, Studio
from innovation.selectors import results as selectors
from innovation.services import results as services
from innovation.services import work as work_services
from workers.models import Worker

TEXT = {"max_length": work_services.TEXT_MAX, "required": False, "allow_blank": True}


def result_body(result: InnovationResult) -> dict:
    public = selectors.public_result(result)
    return {**public.__dict__, "benefit_yuan": _money(public.benefit_yuan)}


def _money(value):
    return None if value is None else str(value)


def _id_filter(queryset, request, name: str):
    """`?studio=` / `?topic=`: an id narrows the list; anything else is ignored."""
    value = request.query_params.get(name, "")
    if value.isdigit() and int(value) <= MAX_ID:
        return queryset.filter(**{f"{name}_id": int(value)})
    return queryset


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


def _with_authors(data: dict) -> dict:
    if "authors" in data:
        found = {w.pk: w for w in Worker.objects.filter(pk__in=data["authors"])}
        if len(found) != len(set(data["authors"])):
            raise serializers.ValidationError({"authors": [_("There is no such worker.")]})
        data["authors"] = [found[pk] for pk in dict.fromkeys(data["authors"])]
    return data


class PatentInput(Serializer):
    number = serializers.CharField(max_length=40)
    title = serializers.CharField(max_length=200, required=False, allow_blank=True)
    granted_on = serializers.DateField(required=False, allow_null=True)


class EnterInput(Serializer):
    event = serializers.IntegerField(min_value=1, max_value=MAX_ID)


class ResultViewSet(RestrictedViewSet):
    """Innovation results: public reads, officers' writes (each action says which)."""

    queryset = InnovationResult.objects.all()
    permission_policy = {"list": PUBLIC, "retrieve": PUBLIC, "*": OFFICER}
    lookup_value_regex = r"\d+"

    def get_queryset(self):
        if self.action in ("list", "retrieve"):
            # Public rows: what published exhibitions show, and for an officer the subtree's
            # results too (selectors.visible_results); result_body masks the authors' names.
            return selectors.with_details(selectors.visible_results(self.request.user))
        return super().get_queryset()  # the caller's union subtree

    def _read(self, pk: int) -> dict:
        return result_body(selectors.with_details(InnovationResult.objects).get(pk=pk))

    @extend_schema(operation_id="v1_innovation_results_list", responses={200: OpenApiTypes.OBJECT})
    def list(self, request):
        """Results (public: those shown in published exhibitions; an officer: also their
        subtree's), paged, filter `?studio=`."""
        results = _id_filter(self.get_queryset(), request, "studio").order_by("-achieved_on", "-id")
        page = self.paginate_queryset(results)
        return self.get_paginated_response([result_body(r) for r in page])

    @extend_schema(request=OpenApiTypes.OBJECT, responses={201: OpenApiTypes.OBJECT})
    def create(self, request):
        """(officer) Record a result of a studio: {"studio", "title", "achieved_on", …}."""
        studio = self.named_row(Studio.objects.all(), "studio", _("Give the studio's id."))
        given = ResultInput(data=request.data)
        given.is_valid(raise_exception=True)
        data = _with_authors(dict(given.validated_data))
        data.pop("reason", None)
        result = services.create_result(
            actor=request.user,
            studio=studio,
            title=data.pop("title", ""),
            achieved_on=data.pop("achieved_on", None),
            **data,
        )
        return Response(self._read(result.pk), status=201)

    @extend_schema(responses={200: OpenApiTypes.OBJECT})
    def retrieve(self, request, pk=None):
        """One result (public once exhibited; an officer of its union also gets the ids of its
        patents and authors)."""
        result = self.get_object()
        body = result_body(result)
        if manages_union(request.user, result.studio.union):
            body["patent_ids"] = {p.number: p.pk for p in result.patents.all()}
            body["author_ids"] = [a.pk for a in result.authors.all()]
        return Response(body)

    @extend_schema(request=OpenApiTypes.OBJECT, responses={200: OpenApiTypes.OBJECT})
    def partial_update(self, request, pk=None):
        """(officer) Change some fields, with a `reason`."""
        result = self.get_object()
        given = ResultInput(data=request.data, partial=True)
        given.is_valid(raise_exception=True)
        data = _with_authors(dict(given.validated_data))
        reason = data.pop("reason", "")
        services.update_result(actor=request.user, result=result, reason=reason, **data)
        return Response(self._read(result.pk))

    @extend_schema(request=PatentInput, responses={201: OpenApiTypes.OBJECT})
    @action(detail=True, methods=["post"])
    def patents(self, request, pk=None):
        """(officer) {"number", "title"?, "granted_on"?}: record a patent of the result."""
        result = self.get_object()
        given = PatentInput(data=request.data)
        given.is_valid(raise_exception=True)
        patent = services.add_patent(actor=request.user, result=result, **given.validated_data)
        return Response({"id": patent.pk, "number": patent.number, "kind": patent.kind}, status=201)

    @extend_schema(request=EnterInput, responses={201: OpenApiTypes.OBJECT})
    @action(detail=True, methods=["post"])
    def enter(self, request, pk=None):
        """(officer) {"event": id}: enter the result in an achievement event, once."""
        result = self.get_object()
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


class PatentViewSet(RestrictedViewSet):
    """A patent of a result."""

    queryset = Patent.objects.all()
    permission_policy = {"destroy": OFFICER}
    lookup_value_regex = r"\d+"

    @extend_schema(responses={204: None})
    def destroy(self, request, pk=None):
        """(officer) ?reason=: remove a patent recorded by mistake."""
        reason = request.query_params.get("reason", "")[: work_services.REASON_MAX]
        services.remove_patent(actor=request.user, patent=self.get_object(), reason=reason)
        return Response(status=204)


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


class WorkViewSet(RestrictedViewSet):
    """Topics and projects: listed by the row they belong to (`parent`: `?studio=` for topics,
    `?topic=` for projects), created under it, changed with a `reason`."""

    permission_policy = {"*": OFFICER}
    lookup_value_regex = r"\d+"
    # Declared by each: the row's and its parent's keyword in the services, where the parent
    # is looked up, the message for a missing parent, the create and update services.
    row: str
    parent: str
    parent_queryset: QuerySet
    parent_missing: str
    create_service: Callable
    update_service: Callable

    @extend_schema(responses={200: OpenApiTypes.OBJECT})
    def list(self, request):
        """(officer) The rows of the subtree, `?studio=` (topics) or `?topic=` (projects)."""
        page = self.paginate_queryset(_id_filter(self.get_queryset(), request, self.parent))
        parent = f"{self.parent}_id"
        return self.get_paginated_response(
            [{**_work_row(row), self.parent: getattr(row, parent)} for row in page]
        )

    @extend_schema(request=OpenApiTypes.OBJECT, responses={201: OpenApiTypes.OBJECT})
    def create(self, request):
        """(officer) A new row under the studio (topics) or topic (projects) the body names."""
        parent = self.named_row(self.parent_queryset.all(), self.parent, self.parent_missing)
        given = WorkInput(data=request.data)
        given.is_valid(raise_exception=True)
        data = dict(given.validated_data)
        data.pop("reason", None)
        row = self.create_service(
            actor=request.user,
            **{self.parent: parent},
            title=data.pop("title", ""),
            started_on=data.pop("started_on", None),
            **data,
        )
        return Response({**_work_row(row), self.parent: parent.pk}, status=201)

    @extend_schema(request=WorkInput, responses={200: OpenApiTypes.OBJECT})
    def partial_update(self, request, pk=None):
        """(officer) Change some fields, with a `reason`."""
        row = self.get_object()
        given = WorkInput(data=request.data, partial=True)
        given.is_valid(raise_exception=True)
        data = dict(given.validated_data)
        row = self.update_service(actor=request.user, **{self.row: row}, **data)
        return Response(_work_row(row))


class TopicViewSet(WorkViewSet):
    """Innovation topics of the subtree's studios."""

    queryset = InnovationTopic.objects.all()
    row, parent, parent_queryset = "topic", "studio", Studio.objects.all()
    parent_missing = gettext_lazy("Give the studio's id.")
    create_service = staticmethod(work_services.create_topic)
    update_service = staticmethod(work_services.update_topic)


class ProjectViewSet(WorkViewSet):
    """Research projects of the subtree's topics."""

    queryset = ResearchProject.objects.all()
    row, parent, parent_queryset = "project", "topic", InnovationTopic.objects.all()
    parent_missing = gettext_lazy("Give the topic's id.")
    create_service = staticmethod(work_services.create_project)
    update_service = staticmethod(work_services.update_project)


router = SimpleRouter()
router.register("results", ResultViewSet, basename="innovation-result")
router.register("patents", PatentViewSet, basename="innovation-patent")
router.register("topics", TopicViewSet, basename="innovation-topic")
router.register("projects", ProjectViewSet, basename="innovation-project")
urlpatterns = router.urls
