"""The registrations queue's filters and decisions. Shapes only: approving, rejecting,
disqualifying and reinstating are contests.services, whose refusals land on these fields
(console.views.base.form_errors)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from contests.models import Contest, Event, Registration
from contests.selectors import QUEUE_STATUSES
from contests.services.entries import REASON_MAX_LENGTH
from core.forms import Form
from unions.models import Employer, Union

MAX_BULK = 200  # entries decided in one batch (one transaction)
ALL = pgettext_lazy("filter", "all")


class QueueFilterForm(Form):
    """The queue's query parameters; every choice is cut to the officer's subtree."""

    contest = forms.ModelChoiceField(
        label=_("contest"), queryset=Contest.objects.none(), required=False
    )
    event = forms.ModelChoiceField(label=_("event"), queryset=Event.objects.none(), required=False)
    status = forms.ChoiceField(
        label=_("status"), choices=[("", ALL), *QUEUE_STATUSES], required=False
    )
    union = forms.ModelChoiceField(label=_("union"), queryset=Union.objects.none(), required=False)
    employer = forms.ModelChoiceField(
        label=_("work unit"), queryset=Employer.objects.none(), required=False
    )
    q = forms.CharField(
        label=_("Bib or name"), max_length=50, required=False, widget=forms.SearchInput
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        entries = Registration.objects.restrict(user)
        for name in ("contest", "event", "union", "employer"):
            self.fields[name].empty_label = ALL
        self.fields["contest"].queryset = Contest.objects.restrict(user).order_by("-id")
        self.fields["event"].queryset = (
            Event.objects.restrict(user).select_related("contest").order_by("-contest_id", "id")
        )
        self.fields["event"].label_from_instance = lambda e: f"{e.contest.name} · {e.name}"
        self.fields["union"].queryset = Union.objects.restrict(user)
        # Work units that have entries in the officer's contests, wherever their union is.
        self.fields["employer"].queryset = Employer.objects.filter(
            pk__in=entries.values("employer_id")
        ).order_by("name")

    def filters(self) -> dict:
        """The selector's keyword arguments (call after is_valid)."""
        data = dict(self.cleaned_data)
        data["search"] = data.pop("q")
        return data


class BulkDecisionForm(Form):
    """Approve or reject the ticked entries of the queue, all or none."""

    APPROVE, REJECT = "approve", "reject"

    registrations = forms.ModelMultipleChoiceField(
        label=_("entries"), queryset=Registration.objects.none()
    )
    action = forms.ChoiceField(
        choices=[(APPROVE, _("Approve")), (REJECT, _("Reject"))], widget=forms.HiddenInput
    )
    reason = forms.CharField(
        label=_("reason for rejection"),
        max_length=REASON_MAX_LENGTH,
        required=False,  # the service asks for it when rejecting, on this field
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["registrations"].queryset = Registration.objects.restrict(user).select_related(
            "worker", "team", "achievement"
        )

    def clean_registrations(self):
        chosen = self.cleaned_data["registrations"]
        if len(chosen) > MAX_BULK:
            raise forms.ValidationError(
                _("Decide at most %(n)s entries at once.") % {"n": MAX_BULK}
            )
        return chosen


class EntryDecisionForm(Form):
    """One entry's page: approve, reject, disqualify or reinstate it, with a reason."""

    ACTIONS = ("approve", "reject", "disqualify", "reinstate")

    action = forms.ChoiceField(choices=[(a, a) for a in ACTIONS], widget=forms.HiddenInput)
    reason = forms.CharField(
        label=_("Reason for this decision"),
        max_length=REASON_MAX_LENGTH,
        required=False,  # the service says when a reason is needed, on this field
    )
