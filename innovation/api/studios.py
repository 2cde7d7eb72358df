"""/api/v1/innovation/studios/: anyone reads studios (no personal data: the leader's name
masked, titles, member count, level and its history); officers of the studio's union
register studios, edit them, add members and open ratings. Alliances are read publicly at
/api/v1/innovation/alliances/{slug}/ (studio-side counts)."""

from __future__ import annotations

from django.core.exceptions import ValidationError as DjangoValidationError
from django.shortcuts import get_object_or_404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response
from rest_framework.routers import SimpleRouter

from core.access import check
from core.api.base import RestrictedViewSet
from core.api.serializers import Serializer
from core.permissions import OFFICER, PUBLIC
from core.validators import mask_name
from innovation.access import manages_studio
from innovation.models.alliances import Alliance
from innovation.models.ratings import RatingStandard
from innovation.models.studios import Studio, StudioLevel
from innovation.selectors import studios as selectors
from innovation.selectors.alliances import alliance_page
from innovation.services import ratings as rating_services
from innovation.services import studios as services
from unions.models import Employer, Union
from workers.models import Worker


class GrantSerializer(serializers.Serializer):
    level = serializers.CharField()
    granted_on = serializers.DateField()
    union = serializers.CharField(source="union.name")


class PublicStudioSerializer(serializers.ModelSerializer):
    """What anyone may read of a studio: never the leader's full name, ID number or phone."""

    union = serializers.CharField(source="union.name")
    union_code = serializers.CharField(source="union.code")
    employer = serializers.CharField(source="employer.name")
    leader = serializers.SerializerMethodField()
    member_count = serializers.IntegerField()
    level = serializers.CharField(allow_null=True, help_text="enterprise, city, province, national")
    grants = GrantSerializer(source="level_grants", many=True, read_only=True)

    class Meta:
        model = Studio
        fields = ["id", "name", "union", "union_code", "employer", "leader", "leader_titles",
                  "field", "founded_on", "description", "level", "member_count", "grants"]  # fmt: skip

    def get_leader(self, studio) -> str:
        return mask_name(studio.leader.name)


class StudioWriteSerializer(Serializer):
    union = serializers.PrimaryKeyRelatedField(queryset=Union.objects.all(), required=False)
    name = serializers.CharField(max_length=200, required=False)
    employer = serializers.PrimaryKeyRelatedField(queryset=Employer.objects.all(), required=False)
    leader = serializers.PrimaryKeyRelatedField(queryset=Worker.objects.all(), required=False)
    leader_titles = serializers.CharField(max_length=200, required=False, allow_blank=True)
    field = serializers.CharField(max_length=100, required=False)
    founded_on = serializers.DateField(required=False)
    description = serializers.CharField(max_length=4000, required=False, allow_blank=True)
    reason = serializers.CharField(max_length=500, required=False, allow_blank=True, default="")


class MemberWriteSerializer(Serializer):
    worker = serializers.PrimaryKeyRelatedField(queryset=Worker.objects.all())
    role = serializers.CharField(max_length=50)
    joined_on = serializers.DateField(required=False, allow_null=True, default=None)
    reason = serializers.CharField(max_length=500, required=False, allow_blank=True, default="")


class OpenRatingSerializer(Serializer):
    standard = serializers.PrimaryKeyRelatedField(queryset=RatingStandard.objects.all())
    union = serializers.PrimaryKeyRelatedField(
        queryset=Union.objects.all(), required=False, allow_null=True, default=None
    )
    level_sought = serializers.ChoiceField(choices=StudioLevel.choices)
    year = serializers.IntegerField(min_value=2000, max_value=2100)
    reason = serializers.CharField(max_length=500, required=False, allow_blank=True, default="")


def _service(call):
    try:
        return call()
    except DjangoValidationError as exc:
        raise ValidationError(
            exc.message_dict if hasattr(exc, "error_dict") else {"detail": exc.messages}
        ) from None


def _public_rows(**filters):
    return selectors.public_studios(**filters).prefetch_related("level_grants__union")


REQUIRED = ("union", "name", "employer", "leader", "field", "founded_on")


class StudioViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, RestrictedViewSet):
    """Reads are public; writes act on the caller's union subtree (RestrictedViewSet) and
    the services check `manages_studio` again."""

    queryset = Studio.objects.select_related("union", "employer")
    serializer_class = PublicStudioSerializer
    permission_policy = {"list": PUBLIC, "retrieve": PUBLIC, "*": OFFICER}
    lookup_value_regex = r"\d+"

    def get_queryset(self):
        if self.action in ("list", "retrieve"):
            # Public rows, not restricted: every studio is public, and the serializer leaves
            # its personal data out (the leader's name masked, no ID number, no phone).
            return self._public()
        return super().get_queryset()  # the caller's union subtree

    def _public(self):
        params = self.request.query_params
        values = {k: params.get(k, "").strip()[:100] for k in selectors.PUBLIC_FILTERS}
        return _public_rows(**values)

    @extend_schema(request=StudioWriteSerializer, responses={201: PublicStudioSerializer})
    def create(self, request):
        body = StudioWriteSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = dict(body.validated_data)
        missing = [k for k in REQUIRED if k not in data]
        if missing:
            raise ValidationError({k: ["This field is required."] for k in missing})
        studio = _service(lambda: services.register_studio(actor=request.user, **data))
        return Response(self._read(studio.pk), status=status.HTTP_201_CREATED)

    @extend_schema(request=StudioWriteSerializer, responses={200: PublicStudioSerializer})
    def partial_update(self, request, pk=None):
        studio = self._managed()
        body = StudioWriteSerializer(data=request.data, partial=True)
        body.is_valid(raise_exception=True)
        data = dict(body.validated_data)
        if "union" in data:
            raise ValidationError({"union": ["A studio's union is not changed here."]})
        reason = data.pop("reason", "")
        _service(
            lambda: services.edit_studio(actor=request.user, studio=studio, reason=reason, **data)
        )
        return Response(self._read(studio.pk))

    @extend_schema(request=MemberWriteSerializer, responses={201: OpenApiTypes.OBJECT})
    @action(detail=True, methods=["post"])
    def members(self, request, pk=None):
        studio = self._managed()
        body = MemberWriteSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        member = _service(
            lambda: services.add_member(actor=request.user, studio=studio, **body.validated_data)
        )
        return Response(
            {"id": member.pk, "worker": member.worker_id, "role": member.role},
            status=status.HTTP_201_CREATED,
        )

    @extend_schema(request=OpenRatingSerializer, responses={201: OpenApiTypes.OBJECT})
    @action(detail=True, methods=["post"])
    def ratings(self, request, pk=None):
        studio = self._managed()
        body = OpenRatingSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        rating = _service(
            lambda: rating_services.open_rating(
                actor=request.user, studio=studio, **body.validated_data
            )
        )
        return Response(
            {"id": rating.pk, "status": rating.status, "year": rating.year},
            status=status.HTTP_201_CREATED,
        )

    def _managed(self) -> Studio:
        studio = self.get_object()  # 404 outside the caller's subtree
        check(manages_studio, self.request.user, studio)
        return studio

    def _read(self, pk) -> dict:
        return PublicStudioSerializer(_public_rows().get(pk=pk)).data


class AllianceViewSet(viewsets.GenericViewSet):
    permission_policy = {"retrieve": PUBLIC}
    lookup_field = "slug"

    def get_queryset(self):
        return Alliance.objects.select_related("convener")  # public: no personal data

    @extend_schema(responses={200: OpenApiTypes.OBJECT})
    def retrieve(self, request, slug=None):
        page = alliance_page(get_object_or_404(self.get_queryset(), slug=slug))
        return Response(
            {
                "slug": page.alliance.slug,
                "name": page.alliance.name,
                "studio_count": page.studio_count,
                "member_count": page.member_count,
                "by_level": [{"level": str(label), "count": n} for label, n in page.by_level],
                "provinces": [
                    {
                        "union": group.union.name if group.union else None,
                        "studios": [
                            {"id": s.pk, "name": s.name, "level": s.level} for s in group.studios
                        ],
                    }
                    for group in page.provinces
                ],
            }
        )


router = SimpleRouter()
router.register("studios", StudioViewSet, basename="innovation-studio")
router.register("alliances", AllianceViewSet, basename="innovation-alliance")
urlpatterns = router.urls
