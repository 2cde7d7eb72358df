"""Console forms of the studio part: register or edit a studio, a member, open a rating,
appoint a reviewer, found an alliance and add a studio to it. The rules are the services'."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.forms import Form
from innovation.models.alliances import Alliance
from innovation.models.studios import StudioLevel
from innovation.services.ratings import usable_standards
from unions.models import Employer, Union
from workers.models import Worker


class ReasonMixin(forms.Form):
    """A reason for the audit, asked last."""

    reason = forms.CharField(label=_("reason"), max_length=500, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.order_fields([name for name in self.fields if name != "reason"])


class StudioForm(ReasonMixin, Form):
    union = forms.ModelChoiceField(label=_("union"), queryset=Union.objects.none())
    name = forms.CharField(label=_("name"), max_length=200)
    employer = forms.ModelChoiceField(label=_("work unit"), queryset=Employer.objects.none())
    leader_id = forms.IntegerField(
        label=_("leader (worker number)"), min_value=1, max_value=2_147_483_647
    )
    leader_titles = forms.CharField(
        label=_("leader's titles"),
        max_length=200,
        required=False,
        help_text=_("For example 全国劳动模范, 大国工匠."),
    )
    field = forms.CharField(label=_("field"), max_length=100)
    founded_on = forms.DateField(label=_("founded on"))
    description = forms.CharField(
        label=_("description"),
        max_length=4000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, user, studio=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["employer"].queryset = Employer.objects.restrict(user).order_by("name")
        if studio is None:
            self.fields["union"].queryset = Union.objects.restrict(user).order_by("path")
        else:
            del self.fields["union"]
        self.order_fields(["union", "name", "employer", "leader_id"])

    def clean_leader_id(self):
        worker = (
            Worker.objects.restrict(self.user).filter(pk=self.cleaned_data["leader_id"]).first()
        )
        if worker is None:
            raise forms.ValidationError(_("No worker of your union has this number."))
        return worker

    def service_fields(self) -> dict:
        data = dict(self.cleaned_data)
        data["leader"] = data.pop("leader_id")
        data.pop("union", None)
        return data


class MemberForm(ReasonMixin, Form):
    worker_id = forms.IntegerField(label=_("worker number"), min_value=1, max_value=2_147_483_647)
    role = forms.CharField(label=_("role"), max_length=50)
    joined_on = forms.DateField(label=_("joined on"), required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_worker_id(self):
        worker = (
            Worker.objects.restrict(self.user).filter(pk=self.cleaned_data["worker_id"]).first()
        )
        if worker is None:
            raise forms.ValidationError(_("No worker of your union has this number."))
        return worker


class OpenRatingForm(ReasonMixin, Form):
    union = forms.ModelChoiceField(label=_("rating union"), queryset=Union.objects.none())
    standard = forms.ModelChoiceField(label=_("standard"), queryset=None)
    level_sought = forms.ChoiceField(label=_("level sought"), choices=StudioLevel.choices)
    year = forms.IntegerField(label=_("year"), min_value=2000, max_value=2100)

    def __init__(self, *args, user, studio, **kwargs):
        super().__init__(*args, **kwargs)
        paths = [studio.union.path[: i + 1] for i, c in enumerate(studio.union.path) if c == "/"]
        self.fields["union"].queryset = (
            Union.objects.restrict(user).filter(path__in=paths).order_by("-path")
        )
        self.fields["union"].initial = studio.union_id
        self.fields["standard"].queryset = usable_standards(studio.union)
        self.fields["standard"].initial = self.fields["standard"].queryset.first()
        self.fields["year"].initial = timezone.localdate().year


class ReviewerForm(ReasonMixin, Form):
    union = forms.ModelChoiceField(label=_("union"), queryset=Union.objects.none())
    username = forms.CharField(label=_("user name"), max_length=150)
    name = forms.CharField(label=_("name"), max_length=50)
    expertise = forms.CharField(label=_("expertise"), max_length=100, required=False)
    password = forms.CharField(
        label=_("initial password (for a new user only)"),
        required=False,
        max_length=128,
        widget=forms.PasswordInput,
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["union"].queryset = Union.objects.restrict(user).order_by("path")
        officer = getattr(user, "officer", None)
        if officer is not None:
            self.fields["union"].initial = officer.union_id


class AllianceForm(ReasonMixin, Form):
    slug = forms.SlugField(label=_("code"), max_length=40)
    name = forms.CharField(label=_("name"), max_length=200)
    convener = forms.ModelChoiceField(label=_("convener"), queryset=Union.objects.none())
    unions = forms.ModelMultipleChoiceField(
        label=_("member unions"), queryset=Union.objects.filter(parent__isnull=True)
    )
    founded_on = forms.DateField(label=_("founded on"), required=False)
    description = forms.CharField(
        label=_("description"),
        max_length=4000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["convener"].queryset = Union.objects.restrict(user).order_by("path")


class JoinAllianceForm(ReasonMixin, Form):
    alliance = forms.ModelChoiceField(label=_("alliance"), queryset=Alliance.objects.all())
