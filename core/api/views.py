from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.authtoken.views import ObtainAuthToken
from rest_framework.generics import RetrieveAPIView
from rest_framework.permissions import AllowAny
from rest_framework.settings import api_settings

from core.models import TaskRecord
from core.permissions import AUTHENTICATED


class TokenSerializer(serializers.Serializer):
    token = serializers.CharField()


class ObtainTokenView(ObtainAuthToken):
    """POST username and password, get `{"token": ...}`; send it as `Authorization: Token ...`."""

    permission_classes = [AllowAny]
    parser_classes = (
        api_settings.DEFAULT_PARSER_CLASSES
    )  # bounded JSON (ObtainAuthToken's own is not)

    @extend_schema(responses=TokenSerializer)
    def post(self, request, *args, **kwargs):
        return super().post(request, *args, **kwargs)


class TaskRecordSerializer(serializers.ModelSerializer):
    class Meta:
        model = TaskRecord
        fields = ["id", "name", "state", "progress", "total", "result", "created_at", "updated_at"]


class TaskRecordView(RetrieveAPIView):
    """State and progress of a background task (imports, result computations, certificates)."""

    serializer_class = TaskRecordSerializer
    permission_policy = {"*": AUTHENTICATED}

    def get_queryset(self):
        user = self.request.user
        qs = TaskRecord.objects.all()
        return qs if user.is_superuser else qs.filter(owner=user)
