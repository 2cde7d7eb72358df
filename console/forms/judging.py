"""Unlocking marks from the judging progress page: one judge's submission (optionally only
on one entry and/or criterion), or every judge's marks on one entry and criterion. The
rules (who may, the reason) are judging.services'."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from contests.models import Event, Registration
from core.forms import MAX_POSITIVE_INT, Form
from judging.models import Criterion, Judge


class UnlockForm(Form):
    judge = forms.ModelChoiceField(
        label=_("judge"),
        queryset=Judge.objects.none(),
        required=False,
        empty_label=_("every judge who marked it"),
    )
    bib = forms.IntegerField(
        label=_("Bib"), min_value=1, max_value=MAX_POSITIVE_INT, required=False
    )
    criterion = forms.ChoiceField(label=_("criterion"), required=False)
    reason = forms.CharField(
        label=pgettext_lazy("unlock", "Reason"),
        max_length=500,
        required=False,  # the service asks for it, on this field
    )

    def __init__(self, *args, event: Event, **kwargs):
        super().__init__(*args, **kwargs)
        self.event = event
        self.fields["judge"].queryset = Judge.objects.filter(assignments__event=event).order_by(
            "name", "id"
        )
        self.fields["criterion"].choices = [
            ("", _("every criterion")),
            *((c.code, f"{c.code} {c.name}") for c in Criterion.objects.filter(event=event)),
        ]

    def clean_bib(self) -> Registration | None:
        bib = self.cleaned_data["bib"]
        if bib is None:
            return None
        registration = Registration.objects.filter(event=self.event, bib=bib).first()
        if registration is None:
            raise forms.ValidationError(_("No entry of this event has bib %(bib)s.") % {"bib": bib})
        return registration

    def clean(self):
        data = super().clean()
        if not data.get("judge") and not (data.get("bib") and data.get("criterion")):
            raise forms.ValidationError(
                _("Choose a judge, or an entry (bib) and a criterion to reopen for every judge.")
            )
        return data
