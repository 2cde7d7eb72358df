from rest_framework import serializers

from core.api.serializers import MULTILINE
from core.api.serializers import Serializer as TextSerializer
from results.models import AwardRow, ResultRow


class ResultRowSerializer(serializers.ModelSerializer):
    """One entry of an event's results. `name` is masked unless the reader manages the
    contest (context `full_names`)."""

    registration = serializers.IntegerField(source="registration_id")
    total = serializers.DecimalField(max_digits=6, decimal_places=2, allow_null=True)
    standardised = serializers.DecimalField(max_digits=7, decimal_places=2, allow_null=True)
    penalties = serializers.DecimalField(max_digits=6, decimal_places=2)
    tier = serializers.SerializerMethodField()
    name = serializers.SerializerMethodField()
    employer = serializers.CharField(source="employer_name")
    region = serializers.CharField(source="region_name")

    class Meta:
        model = ResultRow
        fields = [
            "position",
            "registration",
            "bib",
            "rank",
            "total",
            "standardised",
            "criteria",
            "penalties",
            "tier",
            "promotion",
            "decided_by",
            "complete",
            "name",
            "employer",
            "employer_kind",
            "region",
            "region_path",
        ]

    def get_tier(self, row) -> str | None:
        return row.tier or None

    def get_name(self, row) -> str:
        return row.display_name if self.context.get("full_names") else row.masked_name


class AwardRowSerializer(serializers.ModelSerializer):
    """One award. `reason` is worded in the reader's language."""

    score = serializers.DecimalField(max_digits=9, decimal_places=2, allow_null=True)
    reason = serializers.CharField(source="reason_text", read_only=True)
    name = serializers.SerializerMethodField()
    employer = serializers.CharField(source="employer_name")

    class Meta:
        model = AwardRow
        fields = ["kind", "rank", "name", "employer", "score", "reason", "registration_id"]

    def get_name(self, row) -> str:
        return row.display_name if self.context.get("full_names") else row.masked_name


class OverrideSerializer(TextSerializer):
    override_reason = serializers.CharField(
        max_length=500, required=False, allow_blank=True, style=MULTILINE
    )


class LotSerializer(serializers.Serializer):
    registration = serializers.IntegerField()
    lot = serializers.IntegerField(min_value=1)


class DrawSerializer(serializers.Serializer):
    lots = LotSerializer(many=True)


# --- response shapes (for the OpenAPI schema) ---------------------------------------------


class TaskAcceptedSerializer(serializers.Serializer):
    task = serializers.UUIDField()
    url = serializers.CharField()


class SnapshotSummarySerializer(serializers.Serializer):
    event = serializers.IntegerField()
    version = serializers.IntegerField()
    published_at = serializers.DateTimeField(allow_null=True)
    complete = serializers.BooleanField()
    override_reason = serializers.CharField()


class ContestPublishedSerializer(serializers.Serializer):
    contest = serializers.IntegerField()
    awards_version = serializers.IntegerField()
    status = serializers.CharField()


class AwardListsSerializer(serializers.Serializer):
    gold_worker = AwardRowSerializer(many=True)
    gold_team = AwardRowSerializer(many=True)
    advanced_collective = AwardRowSerializer(many=True)
    top_achievement = AwardRowSerializer(many=True)


class ContestAwardsSerializer(serializers.Serializer):
    contest = serializers.IntegerField()
    version = serializers.IntegerField(allow_null=True)
    published_at = serializers.DateTimeField(allow_null=True)
    lists = AwardListsSerializer()


class PromotionAppliedSerializer(serializers.Serializer):
    worker = serializers.IntegerField()
    from_grade = serializers.IntegerField()
    to_grade = serializers.IntegerField()


class PromotionsSerializer(serializers.Serializer):
    applied = PromotionAppliedSerializer(many=True)
