from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.authtoken.views import ObtainAuthToken
from rest_framework.exceptions import Throttled
from rest_framework.generics import RetrieveAPIView
from rest_framework.permissions import AllowAny

from core.models import TaskRecord
from core.permissions import AUTHENTICATED
from core.throttling import AnonThrottle, lockout_wait


class TokenSerializer(serializers.Serializer):
    token = serializers.CharField()


class ObtainTokenView(ObtainAuthToken):
    """POST username and password, get `{"token": ...}`; send it as `Authorization: Token ...`."""

    permission_classes = [AllowAny]
    throttle_classes = [AnonThrottle]

    @extend_schema(responses=TokenSerializer)
    def post(self, request, *args, **kwargs):
        data = request.data if isinstance(request.data, dict) else {}
        username = data.get("username")
        if wait := lockout_wait(username if isinstance(username, str) else None, request):
            raise Throttled(wait)
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
