"""Serializers: shape and type checks only; rules live in unions.services."""

from rest_framework import serializers

from core.api.serializers import ModelSerializer as TextModelSerializer
from unions.models import Employer, Officer, Region, Union


class RegionSerializer(TextModelSerializer):
    class Meta:
        model = Region
        fields = ["id", "code", "name", "name_en", "level", "parent"]


class UnionSerializer(TextModelSerializer):
    # Optional: a union below another defaults to a city/district federation, a top one to a
    # provincial federation (unions.services._default_kind).
    kind = serializers.ChoiceField(choices=Union.Kind.choices, required=False)

    class Meta:
        model = Union
        fields = ["id", "code", "name", "name_en", "kind", "parent", "region"]
        # The service checks uniqueness (one message, also for races); DRF's own
        # UniqueValidator would only duplicate it.
        extra_kwargs = {"code": {"validators": []}}


class EmployerSerializer(TextModelSerializer):
    class Meta:
        model = Employer
        fields = ["id", "name", "kind", "region", "union"]
        validators: list = []  # (union, name) uniqueness: checked by the service


class OfficerSerializer(TextModelSerializer):
    username = serializers.CharField(source="user.username", max_length=150)
    password = serializers.CharField(write_only=True, style={"input_type": "password"})

    class Meta:
        model = Officer
        fields = ["id", "username", "password", "union", "created_at"]
        read_only_fields = ["created_at"]
