"""Serializers: shape and type checks only; rules live in judging.services.

Blind marking: nothing a judge reads here carries an entrant's name, work unit or personal
data; entries appear as registration id and bib number.
"""

from rest_framework import serializers

from contests.models import Registration
from core.api.serializers import ModelSerializer as TextModelSerializer
from core.api.serializers import Serializer as TextSerializer
from judging.models import Criterion, Judge, JudgeAssignment, Mark, MarkLog, Penalty
from unions.models import Employer, Union

_DEC = {"max_digits": 7, "decimal_places": 2}


class JudgeSerializer(TextModelSerializer):
    username = serializers.CharField(source="user.username", max_length=150)
    password = serializers.CharField(write_only=True, style={"input_type": "password"})
    employer = serializers.PrimaryKeyRelatedField(
        queryset=Employer.objects.all(), required=False, allow_null=True
    )
    union = serializers.PrimaryKeyRelatedField(queryset=Union.objects.all())

    class Meta:
        model = Judge
        fields = ["id", "username", "password", "name", "employer", "union"]


class AssignmentSerializer(TextModelSerializer):
    judge = serializers.PrimaryKeyRelatedField(queryset=Judge.objects.all())
    judge_name = serializers.CharField(source="judge.name", read_only=True)
    criteria = serializers.ListField(child=serializers.CharField(max_length=20), required=False)
    chief = serializers.BooleanField(required=False, default=False)

    class Meta:
        model = JudgeAssignment
        fields = ["id", "judge", "judge_name", "chief", "criteria", "submitted_at"]
        read_only_fields = ["submitted_at"]
        validators: list = []  # re-assigning updates the existing assignment (service)


class AssignmentResultSerializer(AssignmentSerializer):
    warnings = serializers.ListField(child=serializers.CharField(), read_only=True)

    class Meta(AssignmentSerializer.Meta):
        fields = [*AssignmentSerializer.Meta.fields, "warnings"]


class CriterionSerializer(TextModelSerializer):
    weight = serializers.DecimalField(max_digits=5, decimal_places=2, min_value=0, max_value=100)
    max_mark = serializers.DecimalField(**_DEC, min_value=0)
    kind = serializers.ChoiceField(choices=Criterion.Kind.choices, default="judgement")
    aggregation = serializers.ChoiceField(choices=Criterion.Aggregation.choices, default="mean")
    judges_required = serializers.IntegerField(min_value=1, max_value=100, default=1)
    divergence_limit = serializers.DecimalField(
        **_DEC, min_value=0, required=False, allow_null=True
    )
    step = serializers.DecimalField(
        max_digits=5, decimal_places=2, min_value=0, required=False, allow_null=True
    )

    class Meta:
        model = Criterion
        fields = [
            "code",
            "name",
            "weight",
            "max_mark",
            "kind",
            "aggregation",
            "judges_required",
            "divergence_limit",
            "step",
        ]
        extra_kwargs = {"code": {"validators": []}}


class SchemeSerializer(TextSerializer):
    criteria = CriterionSerializer(many=True, allow_empty=False)
    tie_break = serializers.ListField(child=serializers.CharField(), required=False, default=list)
    shared_places = serializers.BooleanField(required=False, default=True)
    award_tiers = serializers.ListField(child=serializers.DictField(), required=False, default=list)
    promotion = serializers.DictField(required=False, allow_null=True, default=None)
    team_aggregation = serializers.ChoiceField(
        choices=["sum", "mean", "team"], required=False, allow_null=True
    )
    locked = serializers.BooleanField(read_only=True)


class MarkSerializer(TextModelSerializer):
    registration = serializers.PrimaryKeyRelatedField(queryset=Registration.objects.all())
    criterion = serializers.CharField(max_length=20, source="criterion.code")
    value = serializers.DecimalField(**_DEC)
    bib = serializers.IntegerField(source="registration.bib", read_only=True)
    reason = serializers.CharField(
        write_only=True, required=False, allow_blank=True, max_length=500
    )

    class Meta:
        model = Mark
        fields = [
            "id",
            "event",
            "registration",
            "bib",
            "criterion",
            "judge",
            "value",
            "locked",
            "confirmed",
            "reason",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["event", "judge", "locked", "confirmed", "created_at", "updated_at"]
        validators: list = []  # one mark per judge, entry and criterion: the service upserts


class MarkUpdateSerializer(TextSerializer):
    value = serializers.DecimalField(**_DEC)
    reason = serializers.CharField(required=False, allow_blank=True, max_length=500)


class UnlockSerializer(TextSerializer):
    judge = serializers.PrimaryKeyRelatedField(queryset=Judge.objects.all())
    reason = serializers.CharField(max_length=500)
    registration = serializers.PrimaryKeyRelatedField(
        queryset=Registration.objects.all(), required=False, allow_null=True
    )
    criterion = serializers.CharField(max_length=20, required=False, allow_blank=True)


class SubmitSerializer(serializers.Serializer):
    confirm_incomplete = serializers.BooleanField(
        required=False,
        default=False,
        help_text="Submit although entries still miss marks (refused with 400 otherwise).",
    )


class CountsSerializer(serializers.Serializer):
    locked = serializers.IntegerField(required=False)
    missing = serializers.IntegerField(required=False)
    unlocked = serializers.IntegerField(required=False)
    confirmed = serializers.IntegerField(required=False)
    unsubmitted = serializers.IntegerField(required=False)
    marks = serializers.IntegerField(required=False)
    rows = serializers.IntegerField(required=False)


class ScoresheetSerializer(serializers.Serializer):
    file = serializers.FileField()
    judge = serializers.PrimaryKeyRelatedField(
        queryset=Judge.objects.all(), required=False, allow_null=True
    )


class PenaltySerializer(TextModelSerializer):
    marks = serializers.DecimalField(max_digits=6, decimal_places=2, min_value=0)

    class Meta:
        model = Penalty
        fields = ["id", "registration", "marks", "reason", "recorded_by", "at"]
        read_only_fields = ["registration", "recorded_by", "at"]


class MarkLogSerializer(serializers.ModelSerializer):
    actor = serializers.CharField(source="actor.username", read_only=True, default=None)
    judge_name = serializers.CharField(source="judge.name", read_only=True, default=None)

    class Meta:
        model = MarkLog
        fields = [
            "id",
            "mark",
            "registration",
            "criterion_code",
            "judge",
            "judge_name",
            "actor",
            "action",
            "old_value",
            "new_value",
            "reason",
            "at",
        ]


class CriterionStatusSerializer(serializers.Serializer):
    marks = serializers.IntegerField()
    required = serializers.IntegerField()
    missing = serializers.IntegerField()
    divergent = serializers.BooleanField()
    spread = serializers.CharField(allow_null=True)


class EntryStatusSerializer(serializers.Serializer):
    registration = serializers.IntegerField()
    bib = serializers.IntegerField()
    complete = serializers.BooleanField()
    missing = serializers.IntegerField()
    divergent = serializers.ListField(child=serializers.CharField())
    criteria = serializers.DictField(child=CriterionStatusSerializer())


class DivergenceSerializer(serializers.Serializer):
    registration = serializers.IntegerField()
    bib = serializers.IntegerField()
    criterion = serializers.CharField()
    spread = serializers.CharField()


class JudgingStatusSerializer(serializers.Serializer):
    event = serializers.IntegerField()
    criteria = serializers.ListField(child=serializers.DictField())
    entries = EntryStatusSerializer(many=True)
    divergent = DivergenceSerializer(many=True)
    summary = serializers.DictField(child=serializers.IntegerField())
    has_scheme = serializers.BooleanField()
    confirmed = serializers.BooleanField()
    complete = serializers.BooleanField()


class MarksheetEntrySerializer(serializers.Serializer):
    registration = serializers.IntegerField()
    bib = serializers.IntegerField()
    marks = serializers.DictField(child=serializers.CharField())
    missing = serializers.ListField(child=serializers.CharField())


class MarksheetSerializer(serializers.Serializer):
    event = serializers.IntegerField()
    submitted = serializers.BooleanField()
    criteria = CriterionSerializer(many=True)
    entries = MarksheetEntrySerializer(many=True)
