"""Console forms of the question bank. The answer is typed as in the import spreadsheet ("B",
"ACD", 对/错, fill-in alternatives separated by "|"), read by the import's own parsers; every
rule of a question is the service's (training.services.questions.clean_question)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import Form
from training.exporting import answer_text
from training.importing import FILL_SEPARATORS, parse_choice_answer, parse_true_false
from training.models import QuestionKind
from training.services.questions import OPTION_KEYS
from unions.models import Union
from workers.models import SkillGrade


class QuestionForm(Form):
    union = forms.ModelChoiceField(label=_("union"), queryset=Union.objects.none())
    kind = forms.ChoiceField(label=_("question type"), choices=QuestionKind.choices)
    stem = forms.CharField(label=_("question text"), widget=forms.Textarea(attrs={"rows": 3}))
    answer = forms.CharField(
        label=_("answer"),
        max_length=2000,
        help_text=_(
            "Choice: the right options' letters (B or ACD). True or false: 对 or 错. "
            "Fill in: the accepted answers separated by |."
        ),
    )
    explanation = forms.CharField(
        label=_("explanation"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    difficulty = forms.IntegerField(label=_("difficulty"), min_value=1, max_value=5, initial=3)
    occupation = forms.CharField(label=_("occupation"), required=False, max_length=100)
    skill_grade = forms.TypedChoiceField(
        label=_("skill grade"),
        choices=[("", "—"), *SkillGrade.choices],
        coerce=int,
        empty_value=None,
        required=False,
    )
    topic = forms.CharField(label=_("topic"), required=False, max_length=100)

    def __init__(self, *args, user, question=None, **kwargs):
        super().__init__(*args, **kwargs)
        for key in OPTION_KEYS:
            self.fields[f"option_{key}"] = forms.CharField(
                label=_("option %(key)s") % {"key": key}, required=False, max_length=1000
            )
        # Options straight after the text, as a question reads.
        order = ["union", "kind", "stem", *[f"option_{k}" for k in OPTION_KEYS]]
        self.order_fields(order)
        if question is None:
            self.fields["union"].queryset = Union.objects.restrict(user).order_by("path")
            officer = getattr(user, "officer", None)
            if officer is not None:
                self.fields["union"].initial = officer.union_id
        else:  # the owner and the kind stay; a new wording is a new version
            del self.fields["union"], self.fields["kind"]
            self.kind = question.kind

    @staticmethod
    def initial_for(question) -> dict[str, Any]:
        version = question.current
        initial = {
            "stem": version.stem,
            "answer": answer_text(question.kind, version.answer),
            "explanation": version.explanation,
            "difficulty": version.difficulty,
            "occupation": version.occupation,
            "skill_grade": version.skill_grade,
            "topic": version.topic,
        }
        for option in version.options:
            initial[f"option_{option['key']}"] = option["text"]
        return initial

    def service_fields(self) -> dict[str, Any]:
        """The cleaned data as the question services take it."""
        data = self.cleaned_data
        kind = data.get("kind") or self.kind
        raw = data["answer"]
        if kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE):
            answer: list[Any] = parse_choice_answer(raw)
        elif kind == QuestionKind.TRUE_FALSE:
            answer = parse_true_false(raw)
        else:
            answer = [a.strip() for a in FILL_SEPARATORS.split(raw) if a.strip()]
        return {
            "stem": data["stem"],
            "options": [{"key": k, "text": data.get(f"option_{k}", "")} for k in OPTION_KEYS],
            "answer": answer,
            "explanation": data["explanation"],
            "difficulty": data["difficulty"],
            "occupation": data["occupation"],
            "skill_grade": data["skill_grade"],
            "topic": data["topic"],
        }


class QuestionImportForm(Form):
    file = forms.FileField(
        label=_("file"),
        help_text=_("A .xlsx or .csv file in the template's layout, or a Moodle XML file."),
    )
    union = forms.ModelChoiceField(
        label=_("union"),
        queryset=Union.objects.none(),
        help_text=_("The union whose bank receives the questions."),
    )
    skip_invalid = forms.BooleanField(
        label=_("import the good rows, skip bad ones"),
        required=False,
        help_text=_("Unticked: a file with any bad row imports nothing."),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["union"].queryset = Union.objects.restrict(user).order_by("path")
        officer = getattr(user, "officer", None)
        if officer is not None:
            self.fields["union"].initial = officer.union_id
