"""Thin views: who may call what (permission_policy), which rows (scope), then a service.

Event-level routes (`events/<pk>/scheme/` ...) are explicit paths so the contests router's
`events/<pk>/` detail route never claims them. They resolve the event once (EventView) and
check the rule they declare; where they declare none, the service checks the actor against
the event (officer of the host union, assigned judge, chief judge) and raises 403.
"""

from django.core.exceptions import PermissionDenied
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response
from rest_framework.views import APIView

from contests.models import Event, Registration
from contests.scoping import EventView
from core.access import hidden, manages_event, manages_event_or_chief, of, sees_event
from core.api.base import RestrictedViewSet, ScopedObjectMixin
from core.permissions import AUTHENTICATED, JUDGE, OFFICER, PUBLIC, any_of
from core.spreadsheets import SpreadsheetError, read_upload
from judging import selectors, services
from judging.api.serializers import (
    AssignmentResultSerializer,
    AssignmentSerializer,
    CountsSerializer,
    CriterionSerializer,
    JudgeSerializer,
    JudgingStatusSerializer,
    MarkLogSerializer,
    MarkSerializer,
    MarksheetSerializer,
    MarkUpdateSerializer,
    PenaltySerializer,
    SchemeSerializer,
    ScoresheetSerializer,
    SubmitSerializer,
    UnlockSerializer,
)
from judging.filters import JudgeFilter, MarkFilter
from judging.models import Criterion, Judge, JudgeAssignment, ScoringScheme

JUDGE_OR_OFFICER = any_of(JUDGE, OFFICER)


class JudgeViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    RestrictedViewSet,
):
    """Judge accounts (裁判) of the officer's union subtree."""

    queryset = Judge.objects.people().select_related("user").order_by("id")
    serializer_class = JudgeSerializer
    permission_policy = {"*": OFFICER}
    filterset_class = JudgeFilter
    search_fields = ["name", "user__username"]
    ordering_fields = ["id", "name"]

    def perform_create(self, serializer):
        data = serializer.validated_data
        serializer.instance = services.create_judge(
            actor=self.request.user,
            username=data["user"]["username"],
            password=data["password"],
            name=data["name"],
            union=data["union"],
            employer=data.get("employer"),
        )


class EventJudgesView(EventView):
    """The event's judge panel: list (officers of the host union) and assign a judge."""

    permission_policy = {"get": OFFICER, "post": OFFICER}
    event_permission = {"get": manages_event}  # assigning: the service checks

    @extend_schema(responses=AssignmentSerializer(many=True))
    def get(self, request, pk: int):
        rows = JudgeAssignment.objects.filter(event=self.event).select_related("judge")
        return Response(AssignmentSerializer(rows.order_by("id"), many=True).data)

    @extend_schema(request=AssignmentSerializer, responses={201: AssignmentResultSerializer})
    def post(self, request, pk: int):
        serializer = AssignmentSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        assignment, warnings = services.assign_judge(
            actor=request.user,
            event=self.event,
            judge=data["judge"],
            chief=data.get("chief", False),
            criteria=data.get("criteria") or [],
        )
        body = AssignmentSerializer(assignment).data
        body["warnings"] = warnings
        return Response(body, status=status.HTTP_201_CREATED)


def _scheme_document(event: Event) -> dict:
    scheme = ScoringScheme.objects.filter(event=event).first()
    criteria = Criterion.objects.filter(event=event)
    return {
        "criteria": CriterionSerializer(criteria, many=True).data,
        "tie_break": scheme.tie_break if scheme else [],
        "shared_places": scheme.shared_places if scheme else True,
        "award_tiers": scheme.award_tiers if scheme else [],
        "promotion": scheme.promotion if scheme else None,
        "team_aggregation": scheme.team_aggregation if scheme else None,
        "locked": services.scheme_locked(event),
    }


class EventSchemeView(EventView):
    """The scoring scheme (评分标准) as one document; PUT replaces it whole (until marked)."""

    permission_policy = {"get": PUBLIC, "put": OFFICER}
    # A draft contest's schemes are its host officers' and judges' (404 to anyone else).
    event_permission = {"get": hidden(sees_event)}

    @extend_schema(responses=SchemeSerializer)
    def get(self, request, pk: int):
        return Response(_scheme_document(self.event))

    @extend_schema(request=SchemeSerializer, responses=SchemeSerializer)
    def put(self, request, pk: int):
        serializer = SchemeSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        services.replace_scheme(
            actor=request.user,
            event=self.event,
            criteria=[services.CriterionData(**c) for c in data["criteria"]],
            tie_break=data.get("tie_break") or [],
            shared_places=data.get("shared_places", True),
            award_tiers=data.get("award_tiers") or [],
            promotion=data.get("promotion"),
            team_aggregation=data.get("team_aggregation"),
        )
        return Response(_scheme_document(self.event))


class MarkViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    RestrictedViewSet,
):
    """Marks: a judge creates and changes their own and sees only those; an officer of the
    host union reads the event's marks and corrects one with a reason (PATCH)."""

    serializer_class = MarkSerializer
    permission_policy = {
        "list": JUDGE_OR_OFFICER,
        "retrieve": JUDGE_OR_OFFICER,
        "create": JUDGE,
        "partial_update": JUDGE_OR_OFFICER,
    }
    filterset_class = MarkFilter
    ordering_fields = ["id", "updated_at"]
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_queryset(self):
        # Wider than the officer's subtree: a judge also reads their own marks.
        return (
            selectors.marks_visible_to(self.request.user)
            .select_related("criterion", "registration")
            .order_by("id")
        )

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        mark = services.record_mark(
            actor=request.user,
            registration=data["registration"],
            criterion_code=data["criterion"]["code"],
            value=data["value"],
            reason=data.get("reason", ""),
        )
        return Response(self.get_serializer(mark).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=MarkUpdateSerializer, responses=MarkSerializer)
    def partial_update(self, request, *args, **kwargs):
        mark = self.get_object()
        serializer = MarkUpdateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        mark = services.change_mark(
            actor=request.user,
            mark=mark,
            value=serializer.validated_data["value"],
            reason=serializer.validated_data.get("reason", ""),
        )
        return Response(self.get_serializer(mark).data)


class SubmitMarksView(EventView):
    """The judge hands in their marks for the event; they are locked. With entries still
    blank only with `confirm_incomplete` (400 otherwise, saying how many)."""

    permission_policy = {"post": JUDGE}

    @extend_schema(request=SubmitSerializer, responses=CountsSerializer)
    def post(self, request, pk: int):
        data = SubmitSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        return Response(
            services.submit_marks(actor=request.user, event=self.event, **data.validated_data)
        )


class ConfirmMarksView(EventView):
    """The chief judge (裁判长) confirms the panel's submitted marks."""

    permission_policy = {"post": JUDGE}

    @extend_schema(request=None, responses=CountsSerializer)
    def post(self, request, pk: int):
        return Response(services.confirm_marks(actor=request.user, event=self.event))


class UnlockMarksView(EventView):
    """An officer of the host union reopens a judge's submitted marks, with a reason."""

    permission_policy = {"post": OFFICER}

    @extend_schema(request=UnlockSerializer, responses=CountsSerializer)
    def post(self, request, pk: int):
        serializer = UnlockSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        return Response(
            services.unlock_marks(
                actor=request.user,
                event=self.event,
                judge=serializer.validated_data["judge"],
                reason=serializer.validated_data["reason"],
                registration=serializer.validated_data.get("registration"),
                criterion_code=serializer.validated_data.get("criterion", ""),
            )
        )


class UploadScoresheetView(EventView):
    """A scoresheet (.xlsx/.csv with columns bib, criterion, value) for one judge: every bad
    row is reported with its row number, and either every row is written or none."""

    permission_policy = {"post": JUDGE_OR_OFFICER}
    parser_classes = [MultiPartParser, FormParser]

    @extend_schema(request=ScoresheetSerializer, responses=CountsSerializer)
    def post(self, request, pk: int):
        serializer = ScoresheetSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        upload = serializer.validated_data["file"]
        judge = services.uploading_judge(
            actor=request.user, event=self.event, judge=serializer.validated_data.get("judge")
        )
        try:  # refused by its size unread, and never read past the limit
            content = read_upload(upload, max_bytes=services.MAX_SCORESHEET_BYTES)
        except SpreadsheetError as exc:
            return Response({"file": [str(exc)]}, status=status.HTTP_400_BAD_REQUEST)
        return Response(
            services.upload_scoresheet(
                actor=request.user, event=self.event, name=upload.name, content=content, judge=judge
            )
        )


class PenaltiesView(ScopedObjectMixin, APIView):
    """Penalties (扣分) on one entry: marks off the total, each with its reason."""

    permission_policy = {"get": JUDGE_OR_OFFICER, "post": JUDGE_OR_OFFICER}
    scope_queryset = Registration.objects.select_related("event__contest__host_union")
    scope_name = "registration"
    registration_permission = of(manages_event_or_chief, "event")

    @extend_schema(responses=PenaltySerializer(many=True))
    def get(self, request, pk: int):
        rows = selectors.penalties_of(self.registration)
        return Response(PenaltySerializer(rows, many=True).data)

    @extend_schema(request=PenaltySerializer, responses={201: PenaltySerializer})
    def post(self, request, pk: int):
        serializer = PenaltySerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        penalty = services.record_penalty(
            actor=request.user,
            registration=self.registration,
            marks=serializer.validated_data["marks"],
            reason=serializer.validated_data["reason"],
        )
        return Response(PenaltySerializer(penalty).data, status=status.HTTP_201_CREATED)


class JudgingStatusView(EventView):
    """Per entry and criterion: marks present vs required, divergences, and `complete`."""

    permission_policy = {"get": JUDGE_OR_OFFICER}
    event_permission = manages_event_or_chief

    @extend_schema(responses=JudgingStatusSerializer)
    def get(self, request, pk: int):
        return Response(selectors.judging_status(self.event))


class MarkLogView(EventView):
    """The audit trail of the event's marks (officers of the host union)."""

    permission_policy = {"get": AUTHENTICATED}
    event_permission = manages_event

    @extend_schema(responses=MarkLogSerializer(many=True))
    def get(self, request, pk: int):
        return Response(MarkLogSerializer(selectors.mark_log(self.event), many=True).data)


class MarksheetView(EventView):
    """What the calling judge marks on the event: criteria, and entries by bib (blind) with
    their own marks and the criteria still missing. Entries of the judge's own work unit
    are left out."""

    permission_policy = {"get": JUDGE}

    @extend_schema(responses=MarksheetSerializer)
    def get(self, request, pk: int):
        event = self.event
        sheet = selectors.judge_sheet(services.judge_of(request.user), event)
        if sheet["assignment"] is None:
            raise PermissionDenied("You are not assigned to judge this event.")
        return Response(
            {
                "event": event.pk,
                "submitted": sheet["assignment"].submitted_at is not None,
                "criteria": CriterionSerializer(sheet["criteria"], many=True).data,
                "entries": [
                    {
                        "registration": row["registration"],
                        "bib": row["bib"],
                        "marks": {code: str(m.value) for code, m in row["marks"].items()},
                        "missing": row["missing"],
                    }
                    for row in sheet["entries"]
                ],
            }
        )
