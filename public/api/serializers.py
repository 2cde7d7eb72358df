from rest_framework import serializers

from contests.models import Registration
from core.api.serializers import MULTILINE
from core.api.serializers import ModelSerializer as TextModelSerializer
from core.api.serializers import Serializer as TextSerializer
from public.models import Objection


class ObjectionSerializer(TextModelSerializer):
    registration = serializers.PrimaryKeyRelatedField(queryset=Registration.objects.all())

    class Meta:
        model = Objection
        fields = [
            "id",
            "event",
            "registration",
            "reason",
            "status",
            "answer",
            "answered_at",
            "created_at",
        ]
        read_only_fields = ["id", "event", "status", "answer", "answered_at", "created_at"]


class MarkChangeSerializer(serializers.Serializer):
    mark = serializers.IntegerField()
    value = serializers.DecimalField(max_digits=7, decimal_places=2)


class AnswerSerializer(TextSerializer):
    answer = serializers.CharField(max_length=1000, style=MULTILINE)
    marks = MarkChangeSerializer(many=True, required=False)
