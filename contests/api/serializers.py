"""Serializers for contests and entries: shape and type checks; rules live in services.

Entries carry personal data: the entrant's name is shown in full only to a worker taking
part in the entry, masked to officers (core.validators.mask_name); ID numbers and phones
are never part of an entry.
"""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from contests.fields import CONTEST_FIELDS, EVENT_FIELDS
from contests.models import (
    MAX_COMPLETION_SECONDS,
    Achievement,
    Contest,
    ContestSeries,
    Division,
    Event,
    Registration,
)
from core.api.serializers import ModelSerializer as TextModelSerializer
from core.api.serializers import Serializer as TextSerializer
from core.validators import mask_name
from unions.models import Employer, Region, Union
from workers.models import SkillGrade, Team, Worker


# Choice sets shared with other apps' serializers are described inline, not as named enum
# components: spectacular would otherwise give one choice set two component names.
@extend_schema_field({"type": "string", "enum": list(Event.Kind.values)})
class EventKindField(serializers.ChoiceField):
    pass


@extend_schema_field(
    {"type": "array", "items": {"type": "string", "enum": list(Employer.Kind.values)}}
)
class EmployerKindsField(serializers.ListField):
    pass


@extend_schema_field({"type": "integer", "minimum": 1, "maximum": 5, "nullable": True})
class GradeField(serializers.ChoiceField):
    pass


class SeriesSerializer(TextModelSerializer):
    organisers = serializers.PrimaryKeyRelatedField(
        queryset=Union.objects.all(), many=True, help_text="Organising union ids."
    )

    class Meta:
        model = ContestSeries
        fields = ["id", "name", "year", "organisers", "description", "created_at"]
        read_only_fields = ["created_at"]


class DivisionSerializer(TextModelSerializer):
    lead_unions = serializers.PrimaryKeyRelatedField(queryset=Union.objects.all(), many=True)
    regions = serializers.PrimaryKeyRelatedField(
        queryset=Region.objects.all(), many=True, required=False
    )

    class Meta:
        model = Division
        fields = ["id", "series", "name", "lead_unions", "regions", "description"]


class ContestSerializer(TextModelSerializer):
    host_union_name = serializers.CharField(source="host_union.name", read_only=True)

    class Meta:
        model = Contest
        fields = ["id", *CONTEST_FIELDS, "host_union_name", "created_at"]
        read_only_fields = ["created_at"]


class EventSerializer(TextModelSerializer):
    eligible_unions = serializers.PrimaryKeyRelatedField(
        queryset=Union.objects.all(),
        many=True,
        required=False,
        help_text="Union ids; their workers and those of unions below them may enter.",
    )
    eligible_regions = serializers.PrimaryKeyRelatedField(
        queryset=Region.objects.all(),
        many=True,
        required=False,
        help_text="Region ids; work units in them or below them may enter.",
    )
    kind = EventKindField(choices=Event.Kind.choices, required=False)
    min_skill_grade = GradeField(
        choices=SkillGrade.choices,
        required=False,
        allow_null=True,
        help_text="Lowest grade admitted (5 初级工 ... 1 高级技师); null: no limit.",
    )
    max_skill_grade = GradeField(
        choices=SkillGrade.choices,
        required=False,
        allow_null=True,
        help_text="Highest grade admitted (the smallest code); null: no limit.",
    )
    employer_kinds = EmployerKindsField(
        child=serializers.ChoiceField(choices=Employer.Kind.choices),
        required=False,
        help_text="Allowed work unit kinds; empty: any.",
    )

    class Meta:
        model = Event
        fields = ["id", *EVENT_FIELDS]


class AchievementSerializer(TextModelSerializer):
    authors = serializers.PrimaryKeyRelatedField(queryset=Worker.objects.all(), many=True)

    class Meta:
        model = Achievement
        fields = ["id", "title", "summary", "authors", "employer"]
        read_only_fields = ["employer"]


class RegistrationSerializer(serializers.ModelSerializer):
    """An entry. POST `event` plus exactly one of `worker`, `team`, `achievement`."""

    worker = serializers.PrimaryKeyRelatedField(
        queryset=Worker.objects.all(), required=False, allow_null=True
    )
    team = serializers.PrimaryKeyRelatedField(
        queryset=Team.objects.all(), required=False, allow_null=True
    )
    achievement = AchievementSerializer(required=False, allow_null=True)
    entrant_name = serializers.SerializerMethodField()
    employer_name = serializers.CharField(source="employer.name", read_only=True)

    class Meta:
        model = Registration
        fields = [
            "id",
            "event",
            "contest",
            "worker",
            "team",
            "achievement",
            "entrant_name",
            "employer",
            "employer_name",
            "status",
            "reject_reason",
            "bib",
            "completion_seconds",
            "created_at",
            "decided_at",
        ]
        read_only_fields = [
            "contest",
            "employer",
            "status",
            "reject_reason",
            "bib",
            "completion_seconds",
            "created_at",
            "decided_at",
        ]

    @extend_schema_field(serializers.CharField())
    def get_entrant_name(self, obj: Registration) -> str:
        if obj.worker_id is not None:
            request = self.context.get("request")
            own = request is not None and obj.worker.user_id == request.user.pk
            return obj.worker.name if own else mask_name(obj.worker.name)
        if obj.team_id is not None:
            return obj.team.name
        return obj.achievement.title


class BibOnlyRegistrationSerializer(serializers.ModelSerializer):
    """An entry as a judge sees it: by bib only (blind judging), never the entrant."""

    class Meta:
        model = Registration
        fields = ["id", "event", "bib", "completion_seconds"]
        read_only_fields = fields


class RejectSerializer(TextSerializer):
    reason = serializers.CharField(max_length=500)


class CompletionSerializer(serializers.ModelSerializer):
    """PATCH by a host officer or the event's chief judge: the time taken (a tie-break)."""

    completion_seconds = serializers.IntegerField(
        min_value=0, max_value=MAX_COMPLETION_SECONDS, allow_null=True
    )

    class Meta:
        model = Registration
        fields = ["completion_seconds"]
