"""Serializers for workers and teams.

Personal data: an officer sees a worker's ID number and phone masked and the birth year only
(core.validators: the full birth date would narrow the masked number to a few candidates),
in lists and in detail alike; only the worker sees their own in full (/workers/me/). The
full ID number reaches an officer only through workers.selectors (recorded). Related
ids offered for writing are cut to the writer's union subtree, so a foreign work unit or
worker is simply "not found".
"""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from core.api.serializers import ModelSerializer as TextModelSerializer
from core.api.serializers import Serializer as TextSerializer
from core.validators import birth_year, mask_id_number, mask_phone
from unions.models import Employer
from workers.models import SkillGrade, Team, Worker

# What both views of a worker show (their own record, or an officer's masked view).
WORKER_FIELDS = [
    "name",
    "id_number",
    "birth_date",
    "sex",
    "phone",
    "employer",
    "employer_name",
    "occupation",
    "skill_grade",
]


class ScopedPrimaryKeyRelatedField(serializers.PrimaryKeyRelatedField):
    """Accepts only ids of rows inside the requesting officer's union subtree."""

    def get_queryset(self):
        request = self.context.get("request")
        return super().get_queryset().restrict(request.user if request else None)


class MaskedCharField(serializers.CharField):
    """Written in full, read back masked."""

    def __init__(self, *, mask, **kwargs):
        self.mask = mask
        super().__init__(**kwargs)

    def to_representation(self, value):
        return self.mask(str(value or ""))


class RegisterSerializer(TextSerializer):
    """Online sign-up. Field checks (ID number, phone, password...) are in the service."""

    username = serializers.CharField(max_length=150)
    password = serializers.CharField(write_only=True, style={"input_type": "password"})
    name = serializers.CharField(max_length=50)
    id_number = serializers.CharField(max_length=30)
    phone = serializers.CharField(max_length=20)
    employer = serializers.IntegerField(help_text="Work unit id.")
    occupation = serializers.CharField(max_length=100, allow_blank=True)
    skill_grade = serializers.ChoiceField(
        choices=SkillGrade.choices,
        required=False,
        help_text="1 (senior technician) ... 5 (elementary); left out: 5.",
    )


class OwnWorkerSerializer(TextModelSerializer):
    """A worker's own record, unmasked. Only phone and occupation are the worker's to edit."""

    username = serializers.CharField(source="user.username", read_only=True, default=None)
    employer_name = serializers.CharField(source="employer.name", read_only=True)

    class Meta:
        model = Worker
        fields = ["id", "username", *WORKER_FIELDS]
        read_only_fields = [
            "id",
            "name",
            "id_number",
            "birth_date",
            "sex",
            "employer",
            "skill_grade",
        ]


class WorkerSerializer(TextModelSerializer):
    """A worker as an officer sees them: ID number and phone masked, birth year only."""

    id_number = MaskedCharField(mask=mask_id_number, read_only=True)
    birth_year = serializers.SerializerMethodField()
    phone = MaskedCharField(mask=mask_phone, required=False, allow_blank=True, max_length=20)
    employer = ScopedPrimaryKeyRelatedField(queryset=Employer.objects.all(), required=False)
    employer_name = serializers.CharField(source="employer.name", read_only=True)

    class Meta:
        model = Worker
        fields = ["id", *(f if f != "birth_date" else "birth_year" for f in WORKER_FIELDS)]
        read_only_fields = ["id", "sex"]

    def get_birth_year(self, obj: Worker) -> int | None:
        return birth_year(obj.birth_date)

    def validate(self, attrs):
        # The ID number is the person's identity across regions: an officer cannot change
        # it. Echoing back the (masked or full) current value is harmless and allowed.
        sent = self.initial_data.get("id_number") if hasattr(self, "initial_data") else None
        if sent is not None and self.instance is not None:
            current = self.instance.id_number
            if str(sent).strip().upper() not in {current, mask_id_number(current)}:
                raise serializers.ValidationError(
                    {"id_number": [_("The ID number cannot be changed.")]}
                )
        return attrs


class TeamSerializer(TextModelSerializer):
    employer = ScopedPrimaryKeyRelatedField(queryset=Employer.objects.all())
    leader = ScopedPrimaryKeyRelatedField(
        queryset=Worker.objects.all(), required=False, allow_null=True
    )
    members = ScopedPrimaryKeyRelatedField(queryset=Worker.objects.all(), many=True, required=False)

    class Meta:
        model = Team
        fields = ["id", "name", "employer", "leader", "members"]
        validators: list = []  # (employer, name) uniqueness: checked by the service
