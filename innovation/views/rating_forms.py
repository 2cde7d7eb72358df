"""Forms of the rating pages, shared by the console and the worker and reviewer pages: the
self-assessment of one criterion (statement, link, a file) and the review (met or not and a
comment per criterion, comments overall). Rules are the services' (innovation.services)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import Form
from innovation.services.ratings import COMMENT_MAX, LINK_MAX, STATEMENT_MAX

MET_CHOICES = [("1", _("met")), ("0", _("not met"))]


class AssessmentForm(Form):
    statement = forms.CharField(
        label=_("statement"),
        max_length=STATEMENT_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    link = forms.CharField(label=_("link (http or https)"), max_length=LINK_MAX, required=False)
    file = forms.FileField(
        label=_("evidence file (PDF, PNG, JPEG, DOCX or XLSX, at most 10 MB)"), required=False
    )


class ReviewForm(Form):
    """One met/not-met choice and one comment per criterion of the rating's standard."""

    comments = forms.CharField(
        label=_("comments"),
        max_length=STATEMENT_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, criteria, **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = list(criteria)
        for criterion in self.criteria:
            self.fields[f"met_{criterion.pk}"] = forms.ChoiceField(
                label=criterion.title, choices=MET_CHOICES, widget=forms.RadioSelect
            )
            self.fields[f"comment_{criterion.pk}"] = forms.CharField(
                label=_("comment"), max_length=COMMENT_MAX, required=False
            )
        self.order_fields([*[n for n in self.fields if n != "comments"], "comments"])

    def rows(self):
        """(criterion, its met field, its comment field) in the standard's order."""
        return [(c, self[f"met_{c.pk}"], self[f"comment_{c.pk}"]) for c in self.criteria]

    def verdicts(self) -> dict[int, tuple[bool, str]]:
        data = self.cleaned_data
        return {c.pk: (data[f"met_{c.pk}"] == "1", data[f"comment_{c.pk}"]) for c in self.criteria}
