"""Forms of the people pages: judge accounts, a judge panel, the worker import.

Choices are cut to the officer's union subtree (`restrict`), so an officer can only name
unions, work units and judges they manage; the rules themselves are the services'.
"""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext, pgettext_lazy

from core.forms import Form
from judging.models import Criterion, Judge
from unions.models import Employer, Union


def _own_unions(field: forms.ModelChoiceField, user) -> None:
    """The unions an officer manages, their own union first chosen."""
    field.queryset = Union.objects.restrict(user).order_by("path")
    officer = getattr(user, "officer", None)
    if officer is not None:
        field.initial = officer.union_id


def _password_field(label, help_text) -> forms.CharField:
    """A password the officer may type, or leave empty for the service to make one up."""
    return forms.CharField(
        label=label,
        required=False,
        strip=False,
        widget=forms.PasswordInput(render_value=False),
        help_text=help_text,
    )


def _judge_label(judge: Judge) -> str:
    unit = judge.employer.name if judge.employer_id else "—"
    return f"{judge.name} ({judge.user.username} · {unit})"


class JudgeForm(Form):
    username = forms.CharField(label=_("username"), max_length=150)
    name = forms.CharField(label=pgettext_lazy("person", "name"), max_length=50)
    union = forms.ModelChoiceField(label=_("union"), queryset=Union.objects.none())
    employer = forms.ModelChoiceField(
        label=_("work unit"),
        queryset=Employer.objects.none(),
        required=False,
        help_text=_("The judge never marks entries of this work unit."),
    )
    password = _password_field(
        _("password"), _("Leave empty and a password is made up and shown to you once.")
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        _own_unions(self.fields["union"], user)
        self.fields["employer"].queryset = Employer.objects.restrict(user).order_by("name")


class PasswordForm(Form):
    password = _password_field(_("new password"), _("Leave empty to make one up."))


class AssignForm(Form):
    """Put a judge on the event's panel (or change their place on it)."""

    judge = forms.ModelChoiceField(label=_("judge"), queryset=Judge.objects.none())
    chief = forms.BooleanField(label=_("chief judge"), required=False)
    criteria = forms.MultipleChoiceField(
        label=_("criteria marked"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("None ticked: all criteria."),
    )

    def __init__(self, *args, user, event, conflicts: dict[int, int], **kwargs):
        super().__init__(*args, **kwargs)
        judge = self.fields["judge"]
        judge.queryset = (
            Judge.objects.restrict(user)
            .filter(user__is_active=True)
            .select_related("user", "employer")
            .order_by("name")
        )

        def label(j: Judge) -> str:
            text = _judge_label(j)
            n = conflicts.get(j.pk)
            if n:
                own = ngettext("%(n)s entry of own work unit", "%(n)s entries of own work unit", n)
                text += " — " + own % {"n": n}
            return text

        judge.label_from_instance = label
        self.fields["criteria"].choices = [
            (c.code, f"{c.code} {c.name}") for c in Criterion.objects.filter(event=event)
        ]


class WorkerImportForm(Form):
    file = forms.FileField(
        label=_("spreadsheet"),
        help_text=_("A .xlsx or .csv file (UTF-8 or GBK), one row a worker."),
    )
    union = forms.ModelChoiceField(
        label=_("union"),
        queryset=Union.objects.none(),
        help_text=_("The union whose work units the rows name."),
    )
    skip_invalid = forms.BooleanField(
        label=_("import the good rows, skip bad ones"),
        required=False,
        help_text=_("Unticked: a file with any bad row imports nothing."),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        _own_unions(self.fields["union"], user)
