"""Console forms of online tests: the test itself and its sections (a formset)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from core import forms as core_forms
from judging.models import Criterion
from training.models import OnlineTest, QuestionKind
from workers.models import SkillGrade


class OnlineTestForm(core_forms.ModelForm):
    class Meta:
        model = OnlineTest
        fields = [
            "title",
            "criterion",
            "opens_at",
            "closes_at",
            "minutes",
            "attempts_allowed",
            "shuffle_questions",
            "shuffle_options",
        ]
        widgets = {
            "opens_at": forms.DateTimeInput(attrs={"type": "datetime-local"}),
            "closes_at": forms.DateTimeInput(attrs={"type": "datetime-local"}),
        }

    def __init__(self, *args, event, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["criterion"].queryset = Criterion.objects.filter(
            event=event, kind=Criterion.Kind.MEASUREMENT
        )
        self.fields["criterion"].help_text = _("A measurement criterion of the event.")


class SectionForm(core_forms.Form):
    occupation = forms.CharField(label=_("occupation"), max_length=100, required=False)
    skill_grade = forms.TypedChoiceField(
        label=_("skill grade"),
        choices=[("", "—"), *SkillGrade.choices],
        coerce=int,
        empty_value=None,
        required=False,
    )
    topic = forms.CharField(label=_("topic"), max_length=100, required=False)
    kind = forms.ChoiceField(
        label=_("question type"), choices=[("", "—"), *QuestionKind.choices], required=False
    )
    count = forms.IntegerField(label=_("questions"), min_value=1, max_value=500, required=False)
    points = forms.DecimalField(
        label=_("points each"), min_value=0, max_value=1000, decimal_places=2, required=False
    )


SectionFormSet = forms.formset_factory(SectionForm, extra=3, max_num=20, absolute_max=20)


class RegradeForm(core_forms.Form):
    question = forms.TypedChoiceField(label=_("question"), coerce=int)
    reason = forms.CharField(label=_("reason"), max_length=500)

    def __init__(self, *args, questions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["question"].choices = questions
