"""Forms of the results area: shapes only. Every rule is the service's, whose
ValidationError lands on the field it names (console.views.base.form_errors)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import MAX_POSITIVE_INT, Form
from public.documents import EXPORTS


class PublishForm(Form):
    """Publishing an event's or a contest's results; the reason is asked for when the
    service refuses (marks changed, missing or divergent, a draw pending)."""

    override_reason = forms.CharField(
        label=_("Reason to publish anyway"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class DrawForm(Form):
    """The lots drawn for one group of tied entries: one number per entry."""

    def __init__(self, *args, rows=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.rows = list(rows)
        for row in self.rows:
            self.fields[f"lot_{row.registration_id}"] = forms.IntegerField(
                label=row.bib or row.registration_id, min_value=1, max_value=MAX_POSITIVE_INT
            )

    def lots(self) -> list[dict]:
        return [
            {
                "registration": row.registration_id,
                "lot": self.cleaned_data[f"lot_{row.registration_id}"],
            }
            for row in self.rows
        ]


class AnswerForm(Form):
    """Dismissing an objection: the answer the worker reads."""

    answer = forms.CharField(
        label=_("Answer to the worker"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class CorrectionForm(AnswerForm):
    """Upholding an objection: the entry's marks as they stand, to correct, then one
    recompute and republish. Required here (the service runs in the background, so an
    empty answer is caught before it is queued)."""

    override_reason = PublishForm.base_fields["override_reason"]

    def __init__(self, *args, marks=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["answer"].required = True
        self.marks = list(marks)
        for mark in self.marks:
            self.fields[f"mark_{mark.pk}"] = forms.DecimalField(
                label=f"{mark.criterion.name} · {mark.judge.name} (≤ {mark.criterion.max_mark})",
                initial=mark.value,
                max_digits=7,
                decimal_places=2,
            )

    def mark_fields(self):
        return [(mark, self[f"mark_{mark.pk}"]) for mark in self.marks]

    def corrections(self) -> list[dict]:
        """The marks whose value the officer changed, as public.services expects them."""
        changed = []
        for mark in self.marks:
            value = self.cleaned_data[f"mark_{mark.pk}"]
            if value != mark.value:
                changed.append({"mark": mark.pk, "value": str(value)})
        return changed


FORMATS = [("xlsx", _("Excel (.xlsx)")), ("csv", "CSV")]


class ExportForm(Form):
    document = forms.ChoiceField(
        label=_("Document"),
        choices=[
            (EXPORTS[0], _("Registrations")),
            (EXPORTS[1], _("Results of an event")),
            (EXPORTS[2], _("Award list")),
        ],
    )
    event = forms.TypedChoiceField(label=_("Event"), coerce=int, required=False, empty_value=None)
    file_format = forms.ChoiceField(label=_("Format"), choices=FORMATS)

    def __init__(self, *args, events=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["event"].choices = [("", "—"), *((e.pk, e.name) for e in events)]

    def clean(self):
        data = super().clean()
        if data.get("document") == EXPORTS[1] and not data.get("event"):
            self.add_error("event", _("Choose the event whose results to export."))
        return data
