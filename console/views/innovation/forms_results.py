"""Forms of the console's innovation work pages (topics, projects, results, patents, entering
a contest, exhibitions). Their data goes to innovation.services; they hold no rule beyond
the fields' bounds (core.forms)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import Form, ModelForm
from innovation.models import (
    Exhibition,
    ExhibitionSection,
    InnovationResult,
    InnovationTopic,
    ResearchProject,
    Studio,
)
from innovation.selectors.work import achievement_events
from unions.models import Union
from workers.models import Worker

DATE = forms.DateInput(attrs={"type": "date"})


class ReasonMixin(forms.Form):
    reason = forms.CharField(label=_("reason for the change"), max_length=500, required=False)


class TopicForm(ModelForm):
    class Meta:
        model = InnovationTopic
        fields = ["title", "summary", "status", "started_on", "ended_on"]
        widgets = {
            "started_on": DATE,
            "ended_on": DATE,
            "summary": forms.Textarea(attrs={"rows": 3}),
        }


class TopicEditForm(ReasonMixin, TopicForm):
    pass


class ProjectForm(ModelForm):
    class Meta:
        model = ResearchProject
        fields = ["topic", "title", "summary", "status", "started_on", "ended_on"]
        widgets = {
            "started_on": DATE,
            "ended_on": DATE,
            "summary": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, studio: Studio, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["topic"].queryset = studio.topics.all()


class ProjectEditForm(ReasonMixin, ProjectForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["topic"]


class ResultForm(ModelForm):
    class Meta:
        model = InnovationResult
        fields = [
            "title",
            "summary",
            "project",
            "authors",
            "achieved_on",
            "applied",
            "applied_on",
            "benefit_yuan",
            "benefit_basis",
        ]
        widgets = {
            "achieved_on": DATE,
            "applied_on": DATE,
            "summary": forms.Textarea(attrs={"rows": 3}),
            "benefit_basis": forms.Textarea(attrs={"rows": 2}),
            "authors": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, studio: Studio, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["project"].queryset = ResearchProject.objects.filter(topic__studio=studio)
        self.fields["authors"].queryset = Worker.objects.filter(
            employer_id=studio.employer_id
        ).order_by("name")

    def service_fields(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("reason", None)
        data["authors"] = list(data["authors"])
        return data

    def _post_clean(self):
        # The services check everything; the model's checks would only say it twice.
        pass


class ResultEditForm(ReasonMixin, ResultForm):
    pass


class PatentForm(Form):
    number = forms.CharField(
        label=_("patent number"),
        max_length=40,
        help_text=_("e.g. ZL201710601862.3 (ZL, year, type, serial, dot, check digit)"),
    )
    title = forms.CharField(label=_("title"), max_length=200, required=False)
    granted_on = forms.DateField(label=_("granted on"), required=False, widget=DATE)


class ImageForm(Form):
    image = forms.FileField(label=_("picture"), help_text=_("JPEG, PNG, WebP or GIF, at most 8 MB"))
    caption = forms.CharField(label=_("caption"), max_length=200, required=False)


class EnterForm(Form):
    event = forms.ModelChoiceField(
        label=_("achievement event"), queryset=achievement_events(), empty_label=None
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["event"].queryset = achievement_events()
        self.fields["event"].label_from_instance = lambda e: f"{e.contest.name} · {e.name}"


class ExhibitionForm(ModelForm):
    class Meta:
        model = Exhibition
        fields = ["union", "title", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["union"].queryset = Union.objects.restrict(user).order_by("path")

    def _post_clean(self):
        pass


class SectionForm(ModelForm):
    class Meta:
        model = ExhibitionSection
        fields = ["title", "order"]


class ItemForm(Form):
    section = forms.ModelChoiceField(label=_("section"), queryset=ExhibitionSection.objects.none())
    result = forms.IntegerField(label=_("result number"), min_value=1, max_value=2_147_483_647)
    order = forms.IntegerField(label=_("order"), min_value=0, max_value=100_000, initial=0)

    def __init__(self, *args, exhibition: Exhibition, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["section"].queryset = exhibition.sections.all()
