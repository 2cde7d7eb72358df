"""Public read API (leaderboards, award lists, the report) and objection answers.

Leaderboard JSON carries public columns only. The first page of each leaderboard and the
award lists are pre-rendered JSON bytes in Redis under the event's/contest's cache version,
so the hot path is one cache round trip; other pages are one `values()` range scan.
"""

import json

from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, status
from rest_framework.decorators import action
from rest_framework.response import Response
from rest_framework.views import APIView

from contests.models import Contest
from contests.scoping import ContestView, EventView
from core import spreadsheets
from core.access import hidden, manages_contest, manages_event
from core.api.base import RestrictedViewSet
from core.permissions import AUTHENTICATED, OFFICER, PUBLIC, WORKER
from core.services import start_task
from public import cache, certificates, documents, report, selectors, services, verification
from public.api.serializers import AnswerSerializer, ObjectionSerializer
from public.models import Objection
from public.selectors import VISIBLE
from public.tasks import certificates_name, generate_certificates
from public.views import leaderboard_context
from results.certificate_numbers import normalise

JSON = "application/json"


def _json(data) -> bytes:
    return json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).encode()


def _notice(n: dict) -> dict:
    return {"state": n["state"], "ends": n["ends"], "open_objections": n["open_objections"]}


def leaderboard_json(meta: dict, params) -> bytes:
    ctx = leaderboard_context(meta, params)
    snap, page = ctx["snapshot"], ctx["page"]
    if ctx["filter"] is not None and ctx["filter"].errors:
        errors = ctx["filter"].errors
        raise ValidationError({field: [str(m) for m in msgs] for field, msgs in errors.items()})
    body = {
        "event": {"id": meta["id"], "name": meta["name"], "contest": meta["contest_id"]},
        "snapshot": None
        if snap is None
        else {k: snap[k] for k in ("version", "published_at", "entries")},
        "notice": _notice(selectors.meta_notice(meta)),
        "results": page["rows"] if page else [],
        "next": (page.get("next_query") or None) if page else None,
        "previous": (page.get("prev_query") or None) if page else None,
    }
    return _json(body)


class PublicLeaderboardView(APIView):
    """GET /api/v1/public/events/{id}/leaderboard/?region=&union=&employer_kind=&tier=&q=&after=

    The first page is pre-rendered JSON in the cache (one round trip); other pages cost one
    more round trip for the event's meta and one indexed range scan.
    """

    permission_policy = {"get": PUBLIC}

    @extend_schema(
        responses={200: OpenApiTypes.OBJECT},
        parameters=[
            OpenApiParameter(n, str, required=False)
            for n in ("region", "union", "employer_kind", "tier", "q", "page", "after", "before")
        ],
    )
    def get(self, request, pk: int):
        params = request.query_params
        if not params:
            body = cache.data(f"lb-json:{pk}", lambda: self._build(pk, params), ("e", pk))
        else:
            body = self._build(pk, params)
        if body is None:
            return Response({"detail": _("Not found.")}, status=404)
        return HttpResponse(body, content_type=JSON)

    @staticmethod
    def _build(pk, params):
        meta = selectors.event_meta(pk)
        return None if meta is None else leaderboard_json(meta, params)


class PublicAwardsView(APIView):
    """GET /api/v1/public/contests/{id}/awards/: award lists and prizes, masked names."""

    permission_policy = {"get": PUBLIC}

    @extend_schema(responses={200: OpenApiTypes.OBJECT})
    def get(self, request, pk: int):
        def build():
            contest = Contest.objects.filter(pk=pk, status__in=VISIBLE).first()
            if contest is None:
                return None
            a = selectors.award_lists(contest)
            return _json(
                {
                    "contest": {"id": contest.pk, "name": contest.name},
                    "notice": _notice(selectors.contest_notice(contest)),
                    "published_at": a["published_at"],
                    "awards": [
                        {"kind": k, "label": label, "winners": rows}
                        for k, label, rows in a["kinds"]
                    ],
                    "prizes": a["prizes"],
                }
            )

        body = cache.data(f"awards-json:{pk}", build, ("c", pk))
        if body is None:
            return Response({"detail": _("Not found.")}, status=404)
        return HttpResponse(body, content_type=JSON)


class ContestReportView(ContestView):
    """GET /api/v1/contests/{id}/report/: the statistics report with the press paragraph."""

    permission_policy = {"get": PUBLIC}
    scope_queryset = Contest.objects.filter(status__in=VISIBLE)

    @extend_schema(responses={200: OpenApiTypes.OBJECT})
    def get(self, request, pk: int):
        contest = self.contest
        body = cache.data(
            f"report-json:{pk}", lambda: _json(report.contest_report(contest)), ("c", pk)
        )
        return HttpResponse(body, content_type=JSON)


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# `?file=xlsx` (the default) or `?file=csv`: the schema names both content types.
SPREADSHEET_RESPONSES = {(200, XLSX): OpenApiTypes.BINARY, (200, "text/csv"): OpenApiTypes.BINARY}


def _file_response(body: bytes, name: str, kind: str) -> HttpResponse:
    types = {
        "csv": "text/csv; charset=utf-8",
        "xlsx": XLSX,
        "pdf": "application/pdf",
    }
    response = HttpResponse(body, content_type=types[kind])
    response["Content-Disposition"] = f'attachment; filename="{name}.{kind}"'
    return response


def _file_kind(request) -> str:
    kind = request.query_params.get("file", "xlsx")
    if kind not in {"csv", "xlsx"}:
        raise ValidationError({"file": ["csv or xlsx"]})
    return kind


class ResultsExportView(EventView):
    """GET /api/v1/events/{id}/results-export/?file=xlsx|csv (officers of the host union)."""

    permission_policy = {"get": OFFICER}
    event_permission = hidden(manages_event)

    @extend_schema(
        responses=SPREADSHEET_RESPONSES,
        parameters=[OpenApiParameter("file", str, enum=["xlsx", "csv"], required=False)],
    )
    def get(self, request, pk: int):
        event = self.event
        kind = _file_kind(request)
        header = [h for _, h in documents.RESULT_COLUMNS]
        rows = documents.result_rows(event)
        body = (
            spreadsheets.to_csv(header, rows)
            if kind == "csv"
            else spreadsheets.to_xlsx(event.name, header, rows)
        )
        return _file_response(body, f"event-{pk}-results", kind)


class AwardsExportView(ContestView):
    """GET /api/v1/contests/{id}/awards-export/?file=xlsx|csv (officers of the host union)."""

    permission_policy = {"get": OFFICER}
    contest_permission = hidden(manages_contest)

    @extend_schema(
        responses=SPREADSHEET_RESPONSES,
        parameters=[OpenApiParameter("file", str, enum=["xlsx", "csv"], required=False)],
    )
    def get(self, request, pk: int):
        contest = self.contest
        kind = _file_kind(request)
        header = [h for _, h in documents.AWARD_COLUMNS]
        rows = documents.award_rows(contest)
        body = (
            spreadsheets.to_csv(header, rows)
            if kind == "csv"
            else spreadsheets.to_xlsx(_("Award lists"), header, rows)
        )
        return _file_response(body, f"contest-{pk}-awards", kind)


class CertificatesView(ContestView):
    """Certificates (获奖证书) once results are final.

    GET ?number=N: one certificate of the contest now; GET: the whole file made by the
    task; POST: issue the certificates and write the file (returns the TaskRecord to poll
    at /api/v1/tasks/{id}/).
    """

    permission_policy = {"get": OFFICER, "post": OFFICER}
    contest_permission = hidden(manages_contest)

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        certificates.check_certificates(self.contest)

    @extend_schema(
        responses={(200, "application/pdf"): OpenApiTypes.BINARY},
        parameters=[OpenApiParameter("number", str, required=False)],
    )
    def get(self, request, pk: int):
        contest = self.contest
        number = request.query_params.get("number")
        if number is not None:
            cert = (
                certificates.contest_certificates(contest)
                .filter(number=normalise(number) or "")
                .first()
            )
            if cert is None:
                raise ValidationError({"number": [_("No such certificate.")]})
            body = certificates.certificate_pdf(cert)
            return _file_response(body, f"certificate-{cert.number}", "pdf")
        name = certificates_name(pk)
        if not default_storage.exists(name):
            return Response({"detail": _("Not written yet: POST to start.")}, status=404)
        with default_storage.open(name, "rb") as f:
            body = f.read()
        return _file_response(body, f"contest-{pk}-certificates", "pdf")

    @extend_schema(request=None, responses={202: OpenApiTypes.OBJECT})
    def post(self, request, pk: int):
        record = start_task(
            name="public.generate_certificates",
            owner=request.user,
            task=generate_certificates,
            args=(self.contest.pk, request.user.pk),
        )
        return Response({"task": str(record.pk)}, status=status.HTTP_202_ACCEPTED)


class CertificateVerifyView(APIView):
    """GET /api/v1/public/certificates/{number}/: what the verification page shows (masked
    name, contest, event, award, date, issuing union, valid or revoked). Rate-limited per
    address; unknown and malformed numbers alike answer 404."""

    permission_policy = {"get": PUBLIC}

    @extend_schema(responses={200: OpenApiTypes.OBJECT})
    def get(self, request, number: str):
        data, wait = verification.check(request, number)
        if wait is not None:
            response = Response({"detail": _("Too many lookups; try again later.")}, status=429)
            response["Retry-After"] = str(wait)
            return response
        if data is None:
            return Response({"detail": _("Not found.")}, status=404)
        return Response(data)


class ObjectionViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    RestrictedViewSet,
):
    """申诉: workers file during notice; host-union officers uphold or dismiss with a reason."""

    serializer_class = ObjectionSerializer
    permission_policy = {
        "list": AUTHENTICATED,
        "retrieve": AUTHENTICATED,
        "create": WORKER,
        "uphold": OFFICER,
        "dismiss": OFFICER,
    }
    filterset_fields = ["event", "status"]
    ordering_fields = ["created_at"]

    def get_queryset(self):
        # Wider than the host subtree: a worker reads the objections they filed.
        return Objection.objects.visible_to(self.request.user).select_related("event")

    def perform_create(self, serializer):
        serializer.instance = services.file_objection(
            actor=self.request.user,
            registration=serializer.validated_data["registration"],
            reason=serializer.validated_data["reason"],
        )

    def _answer(self, request, fn, **extra):
        objection = self.get_object()
        data = AnswerSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        kwargs = {"answer": data.validated_data["answer"], **extra}
        if "marks" in extra:
            kwargs["marks"] = data.validated_data.get("marks", [])
        result = fn(actor=request.user, objection=objection, **kwargs)
        return Response(ObjectionSerializer(result).data)

    @extend_schema(request=AnswerSerializer, responses=ObjectionSerializer)
    @action(detail=True, methods=["post"])
    def uphold(self, request, pk=None):
        return self._answer(request, services.uphold_objection, marks=None)

    @extend_schema(request=AnswerSerializer, responses=ObjectionSerializer)
    @action(detail=True, methods=["post"])
    def dismiss(self, request, pk=None):
        return self._answer(request, services.dismiss_objection)
