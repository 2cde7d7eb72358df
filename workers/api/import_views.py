"""`POST /api/v1/workers/import/`: officers onboard work units from a spreadsheet."""

from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response
from rest_framework.views import APIView

from core.api.views import TaskRecordSerializer
from core.models import TaskRecord
from core.permissions import OFFICER
from unions.models import Union
from workers import services


class WorkerImportSerializer(serializers.Serializer):
    file = serializers.FileField(
        help_text="A .csv (UTF-8 or GBK) or .xlsx file, one row per worker."
    )
    union = serializers.PrimaryKeyRelatedField(
        queryset=Union.objects.all(),
        required=False,
        help_text="The union whose work units the rows name; default: the officer's own.",
    )
    skip_invalid = serializers.BooleanField(
        default=False, help_text="Import the good rows and report the bad ones."
    )

    def get_fields(self):
        fields = super().get_fields()
        request = self.context.get("request")
        fields["union"].queryset = Union.objects.restrict(request.user if request else None)
        return fields


class WorkerImportView(APIView):
    """Upload workers (name, id_number, phone, employer, occupation, skill_grade; Chinese
    headers such as 姓名/身份证号 work too, the header anywhere in the first 10 rows). The
    request checks size, format and encoding only; returns 202 with the task: poll
    `/api/v1/tasks/{id}/` for progress and the report (every bad row with its number, the
    columns not imported; a file without the required columns fails with the reason)."""

    permission_policy = {"post": OFFICER}
    parser_classes = [MultiPartParser, FormParser]

    @extend_schema(request=WorkerImportSerializer, responses={202: TaskRecordSerializer})
    def post(self, request):
        serializer = WorkerImportSerializer(data=request.data, context={"request": request})
        serializer.is_valid(raise_exception=True)
        upload = serializer.validated_data["file"]
        job = services.start_worker_import(
            actor=request.user,
            union=serializer.validated_data.get("union"),
            filename=upload.name,
            data=services.read_import_upload(upload),
            skip_invalid=serializer.validated_data["skip_invalid"],
        )
        # In eager mode the task has already run by now; either way this is its state.
        record = TaskRecord.objects.get(pk=job.task_id)
        body = TaskRecordSerializer(record).data
        return Response(body, status=status.HTTP_202_ACCEPTED)
