"""/api/v1/training/questions/: officers' CRUD of the question bank (the key is shown: officers
may see keys; workers never reach this API), import (spreadsheet or Moodle XML, queued: 202 with
the task, whose record holds the per-row report) and export. Editing writes a new version; DELETE takes a question out of
use (its versions stay: finished tests point at them)."""

from __future__ import annotations

from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import HttpResponse
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.response import Response
from rest_framework.routers import SimpleRouter

from core.api.base import RestrictedViewSet
from core.api.views import TaskRecordSerializer
from core.models import TaskRecord
from core.permissions import OFFICER
from core.spreadsheets import XLSX_CONTENT_TYPE, SpreadsheetError, read_upload
from training import exporting, importing
from training.models import Question, QuestionKind, QuestionVersion
from training.services import questions as services
from training.services.imports import start_question_import
from unions.models import Union


class VersionSerializer(serializers.ModelSerializer):
    class Meta:
        model = QuestionVersion
        fields = ["number", "stem", "options", "answer", "explanation", "difficulty",
                  "occupation", "skill_grade", "topic", "created_by", "created_at"]  # fmt: skip


class QuestionSerializer(serializers.ModelSerializer):
    current = VersionSerializer(read_only=True)

    class Meta:
        model = Question
        fields = ["id", "union", "kind", "active", "current", "created_at"]


class QuestionWriteSerializer(serializers.Serializer):
    """The fields of a question (a new version on update); the rules are the service's."""

    union = serializers.PrimaryKeyRelatedField(queryset=Union.objects.all(), required=False)
    kind = serializers.ChoiceField(choices=QuestionKind.choices, required=False)
    stem = serializers.CharField(max_length=services.STEM_MAX, trim_whitespace=True)
    options = serializers.ListField(
        child=serializers.DictField(child=serializers.CharField(allow_blank=True)),
        max_length=6,
        default=list,
    )
    answer = serializers.ListField(child=serializers.JSONField(), max_length=20)
    explanation = serializers.CharField(
        max_length=services.EXPLANATION_MAX, default="", allow_blank=True
    )
    difficulty = serializers.IntegerField(min_value=1, max_value=5, default=3)
    occupation = serializers.CharField(max_length=100, default="", allow_blank=True)
    skill_grade = serializers.IntegerField(min_value=1, max_value=5, allow_null=True, default=None)
    topic = serializers.CharField(max_length=100, default="", allow_blank=True)


class ImportSerializer(serializers.Serializer):
    file = serializers.FileField(help_text="A .xlsx/.csv in the template's layout, or Moodle XML.")
    union = serializers.PrimaryKeyRelatedField(queryset=Union.objects.all())
    skip_invalid = serializers.BooleanField(default=False)


def _fields(data: dict) -> dict:
    return {k: v for k, v in data.items() if k not in ("union", "kind")}


def _service(call):
    try:
        return call()
    except DjangoValidationError as exc:
        raise ValidationError(exc.message_dict) from None


class QuestionViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, RestrictedViewSet):
    queryset = Question.objects.select_related("current").order_by("-id")
    serializer_class = QuestionSerializer
    permission_policy = {"*": OFFICER}
    parser_classes = [JSONParser, MultiPartParser, FormParser]

    def get_queryset(self):
        questions = super().get_queryset()
        kind = self.request.query_params.get("kind")
        return questions.filter(kind=kind) if kind in QuestionKind.values else questions

    @extend_schema(request=QuestionWriteSerializer, responses={201: QuestionSerializer})
    def create(self, request):
        body = QuestionWriteSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = body.validated_data
        if "union" not in data or "kind" not in data:
            raise ValidationError(
                {k: ["This field is required."] for k in ("union", "kind") if k not in data}
            )
        question = _service(
            lambda: services.create_question(
                actor=request.user, union=data["union"], kind=data["kind"], **_fields(data)
            )
        )
        return Response(QuestionSerializer(question).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=QuestionWriteSerializer, responses={200: QuestionSerializer})
    def update(self, request, pk=None):
        question = self.get_object()
        body = QuestionWriteSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        _service(
            lambda: services.edit_question(
                actor=request.user, question=question, **_fields(body.validated_data)
            )
        )
        question.refresh_from_db()
        return Response(QuestionSerializer(question).data)

    @extend_schema(request=None, responses={204: None})
    def destroy(self, request, pk=None):
        services.deactivate_question(actor=request.user, question=self.get_object())
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(request=ImportSerializer, responses={202: TaskRecordSerializer})
    @action(detail=False, methods=["post"], url_path="import")
    def import_file(self, request):
        """Queue the import of a spreadsheet or Moodle XML file (size and format checked
        now); 202 with the task: poll `/api/v1/tasks/{id}/` for progress and the report
        (rows read, questions created, each problem row). All or nothing unless
        `skip_invalid`."""
        body = ImportSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        upload = body.validated_data["file"]
        try:
            data = read_upload(upload, max_bytes=importing.MAX_BYTES)
        except SpreadsheetError as exc:
            raise ValidationError({"file": [str(exc)]}) from None
        job = _service(
            lambda: start_question_import(
                actor=request.user,
                union=body.validated_data["union"],
                data=data,
                filename=upload.name,
                skip_invalid=body.validated_data["skip_invalid"],
            )
        )
        # In eager mode the task has already run by now; either way this is its state.
        record = TaskRecord.objects.get(pk=job.task_id)
        return Response(TaskRecordSerializer(record).data, status=status.HTTP_202_ACCEPTED)

    @extend_schema(responses={(200, XLSX_CONTENT_TYPE): bytes, (200, "application/xml"): bytes})
    @action(detail=False, methods=["get"], url_path="export")
    def export(self, request):
        versions = []
        for question in self.get_queryset().exclude(current=None)[:20000]:
            question.current.question = question
            versions.append(question.current)
        if request.query_params.get("as") == "xml":
            return HttpResponse(exporting.to_moodle(versions), content_type="application/xml")
        return HttpResponse(exporting.to_spreadsheet(versions), content_type=XLSX_CONTENT_TYPE)


router = SimpleRouter()
router.register("questions", QuestionViewSet, basename="training-question")
urlpatterns = router.urls
