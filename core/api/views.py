from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.authtoken.serializers import AuthTokenSerializer
from rest_framework.exceptions import NotFound, Throttled, ValidationError
from rest_framework.generics import RetrieveAPIView
from rest_framework.response import Response
from rest_framework.views import APIView

from core.models import ApiToken, TaskRecord
from core.permissions import AUTHENTICATED, PUBLIC
from core.throttling import AnonThrottle, lockout_wait
from core.tokens import issue_token, revoke_tokens


class TokenSerializer(serializers.Serializer):
    token = serializers.CharField()
    expires = serializers.DateTimeField()


class ApiTokenSerializer(serializers.ModelSerializer):
    current = serializers.SerializerMethodField()

    class Meta:
        model = ApiToken
        fields = ["id", "prefix", "name", "created", "expires", "current"]

    def get_current(self, token) -> bool:
        return token == self.context["request"].auth


class ObtainTokenView(APIView):
    """POST username and password: a new token for this client, `{"token", "expires"}`;
    send it as `Authorization: Token ...`. DELETE (with a token): revoke that token."""

    permission_policy = {"post": PUBLIC, "delete": AUTHENTICATED}
    throttle_classes = [AnonThrottle]

    @extend_schema(request=AuthTokenSerializer, responses=TokenSerializer)
    def post(self, request, *args, **kwargs):
        data = request.data if isinstance(request.data, dict) else {}
        username = data.get("username")
        if wait := lockout_wait(username if isinstance(username, str) else None, request):
            raise Throttled(wait)
        serializer = AuthTokenSerializer(data=data, context={"request": request})
        serializer.is_valid(raise_exception=True)
        token, key = issue_token(
            user=serializer.validated_data["user"],
            name=request.headers.get("User-Agent", ""),
        )
        return Response({"token": key, "expires": token.expires})

    @extend_schema(request=None, responses={204: None})
    def delete(self, request, *args, **kwargs):
        if not isinstance(request.auth, ApiToken):
            raise ValidationError(
                {"non_field_errors": [_("This request was not sent with a token.")]}
            )
        revoke_tokens(user=request.user, token_id=request.auth.pk)
        return Response(status=status.HTTP_204_NO_CONTENT)


class ApiTokenListView(APIView):
    """The caller's own tokens (one per client that logged in); DELETE revokes them all."""

    permission_policy = {"*": AUTHENTICATED}

    @extend_schema(responses=ApiTokenSerializer(many=True))
    def get(self, request):
        tokens = ApiToken.objects.filter(user=request.user)
        return Response(ApiTokenSerializer(tokens, many=True, context={"request": request}).data)

    @extend_schema(request=None, responses={204: None}, operation_id="v1_auth_tokens_revoke_all")
    def delete(self, request):
        revoke_tokens(user=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)


class ApiTokenDetailView(APIView):
    """DELETE one of the caller's own tokens (another client signed out)."""

    permission_policy = {"*": AUTHENTICATED}

    @extend_schema(request=None, responses={204: None})
    def delete(self, request, pk: int):
        if not revoke_tokens(user=request.user, token_id=pk):
            raise NotFound
        return Response(status=status.HTTP_204_NO_CONTENT)


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
