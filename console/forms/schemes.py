"""The scoring scheme editor's forms: each part of one scheme document, and where a
refusal of `judging.services.replace_scheme` shows.

The service validates the whole scheme (scoring.validation) and answers with messages keyed
by section: "criteria" and "award_tiers" land above their tables, "promotion" above the
promotion fields, anything else ("tie_break", "team_aggregation") on the settings field of
that name. The forms here check shapes only (a number is a number); every rule is the
service's.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.forms import formset_factory
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from console.views.base import form_errors
from contests.models import Event
from core.forms import Form, ModelForm
from judging import services
from judging.models import Criterion, ScoringScheme
from judging.selectors import CRITERION_FIELDS
from scoring.records import TIER_PRESETS
from scoring.validation import tiers_config

# The presets of scoring.records, as the editor offers them (a test keeps the two in step).
PRESETS = {
    "prizes_10_20_30": _("First, second and third prizes for the top 10 %, 20 % and 30 %"),
    "medals": _("Gold, silver and bronze, then honourable mentions to half of the field"),
}

# Tie-break items as an officer types them: "P, time" or "P，T" or "P、T" or "P T".
_SEPARATORS = re.compile(r"[\s,，、;；]+")


class CriterionForm(ModelForm):
    """One row of the criteria table; labels and choices are the model's."""

    class Meta:
        model = Criterion
        fields = CRITERION_FIELDS


class TierForm(Form):
    """One award tier: a name, its size (places, or a share of the ranked entries) and the
    optional floors a winner must also reach."""

    SIZES = [
        ("count", pgettext_lazy("tier size", "places")),
        ("share", _("share of ranked entries")),
        ("until_share", _("up to a share of ranked entries (cumulative)")),
    ]

    name = forms.CharField(label=pgettext_lazy("award tier", "name"), max_length=50)
    size_kind = forms.ChoiceField(label=_("size given as"), choices=SIZES, initial="share")
    size = forms.DecimalField(
        label=_("size"),
        max_digits=12,
        decimal_places=6,
        help_text=_("A number of places, or a share: 0.1 is 10 %."),
    )
    min_total = forms.DecimalField(label=_("minimum total"), required=False, max_digits=7)
    min_standardised = forms.DecimalField(
        label=_("minimum standardised score"), required=False, max_digits=7
    )

    @staticmethod
    def initial_of(tier: dict[str, Any]) -> dict[str, Any]:
        """A stored tier (scoring.validation.tiers_config) as this form's initial data."""
        kind = next((key for key, _label in TierForm.SIZES if key in tier), "share")
        return {
            "name": tier.get("name", ""),
            "size_kind": kind,
            "size": tier.get(kind),
            "min_total": tier.get("min_total"),
            "min_standardised": tier.get("min_standardised"),
        }

    def tier(self) -> dict[str, Any]:
        """The tier as the service takes it; a whole count as a whole number (a count that
        is not one is left for the service to refuse)."""
        data = self.cleaned_data
        size: Decimal = data["size"]
        if data["size_kind"] == "count":
            value: Any = int(size) if size == size.to_integral_value() else size
        else:
            value = str(size.normalize())
        tier = {"name": data["name"], data["size_kind"]: value}
        for key in ("min_total", "min_standardised"):
            if data.get(key) is not None:
                tier[key] = str(data[key])
        return tier


class SettingsForm(Form):
    tie_break = forms.CharField(
        label=_("tie-break order"),
        required=False,
        help_text=_(
            "Criterion codes or “time”, separated by commas: the first decides a tie, "
            "the next one a tie that remains."
        ),
    )
    shared_places = forms.BooleanField(label=_("ties share a place"), required=False)
    team_aggregation = forms.ChoiceField(
        label=_("team score"), choices=ScoringScheme.TeamAggregation.choices, required=False
    )

    def __init__(self, *args, event: Event, **kwargs):
        super().__init__(*args, **kwargs)
        if event.kind != Event.Kind.TEAM:
            del self.fields["team_aggregation"]

    def clean_tie_break(self) -> list[str]:
        return [item for item in _SEPARATORS.split(self.cleaned_data["tie_break"]) if item]


class PromotionForm(Form):
    within_rank = forms.IntegerField(
        label=_("ranked within"), required=False, help_text=_("For example 5: the top five.")
    )
    min_total = forms.DecimalField(label=_("with a total of at least"), required=False)

    def rule(self) -> dict[str, Any] | None:
        """None without a promotion rule; both given means both must hold."""
        rule = {
            "within_rank": self.cleaned_data.get("within_rank"),
            "min_total": self.cleaned_data.get("min_total"),
        }
        rule = {key: value for key, value in rule.items() if value is not None}
        if "min_total" in rule:
            rule["min_total"] = str(rule["min_total"])
        return rule or None


class CopyForm(Form):
    source = forms.ModelChoiceField(label=_("copy the scheme of"), queryset=Event.objects.none())

    def __init__(self, *args, events, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["source"].queryset = events
        self.fields["source"].label_from_instance = lambda e: f"{e.contest.name} · {e.name}"


def _formset(form, prefix: str, data, initial: list[dict]):
    # A new scheme starts with one empty row; a stored one shows its own rows only.
    factory = formset_factory(form, extra=0 if initial or data else 1, can_delete=True)
    if data is not None:
        return factory(data, prefix=prefix)
    return factory(initial=initial or None, prefix=prefix)


def _rows(formset) -> list[forms.Form]:
    """The forms that are part of the scheme: not removed, not left blank."""
    return [f for f in formset.forms if f.cleaned_data and not f.cleaned_data.get("DELETE")]


class SchemeEditor:
    """The whole scheme document as four parts shown on one page."""

    def __init__(self, event: Event, data=None, document: dict | None = None):
        document = document or {}
        promotion = document.get("promotion") or {}
        tie_break = ", ".join(document.get("tie_break", []))
        self.event = event
        self.settings = SettingsForm(
            data,
            event=event,
            initial={
                "tie_break": tie_break,
                "shared_places": document.get("shared_places", True),
                "team_aggregation": document.get("team_aggregation"),
            },
        )
        self.criteria = _formset(CriterionForm, "criteria", data, document.get("criteria", []))
        tiers = [TierForm.initial_of(t) for t in document.get("award_tiers", [])]
        self.tiers = _formset(TierForm, "tiers", data, tiers)
        self.promotion = PromotionForm(data, initial=promotion, prefix="promotion")

    def use_preset(self, name: str) -> None:
        """Show a preset's tiers in place of the tiers given (not saved until submitted)."""
        tiers = tiers_config(TIER_PRESETS[name]())
        self.tiers = _formset(TierForm, "tiers", None, [TierForm.initial_of(t) for t in tiers])

    def is_valid(self) -> bool:
        parts = (self.settings, self.criteria, self.tiers, self.promotion)
        return all([part.is_valid() for part in parts])  # every part shows its errors

    def scheme(self) -> dict[str, Any]:
        """The keyword arguments of `replace_scheme` (after `is_valid`)."""
        settings = self.settings.cleaned_data
        return {
            "criteria": [
                services.CriterionData(**{key: f.cleaned_data[key] for key in CRITERION_FIELDS})
                for f in _rows(self.criteria)
            ],
            "tie_break": settings["tie_break"],
            "shared_places": settings["shared_places"],
            "award_tiers": [f.tier() for f in _rows(self.tiers)],
            "promotion": self.promotion.rule(),
            "team_aggregation": settings.get("team_aggregation") or None,
        }

    def add_service_errors(self, exc: ValidationError) -> None:
        """Each of the service's messages on the part of the form it concerns."""
        if not hasattr(exc, "error_dict"):
            form_errors(self.settings, exc)
            return
        for key, errors in exc.error_dict.items():
            if key == "criteria":
                self.criteria.non_form_errors().extend(errors)
            elif key == "award_tiers":
                self.tiers.non_form_errors().extend(errors)
            elif key == "promotion":
                self.promotion.add_error(None, errors)
            else:
                form_errors(self.settings, ValidationError({key: errors}))
