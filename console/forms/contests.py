"""Forms of the contest setup pages: series, divisions, contests and events.

They hold the fields (labels and widgets from the models, `contests.fields` for which ones)
and nothing else: the rules are the services', whose ValidationError lands on the field it
names (console.views.base.form_errors). So these model forms skip the model's own
validation, which would state the same rules a second time in other words.
"""

from __future__ import annotations

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy

from contests.fields import CONTEST_FIELDS, EVENT_FIELDS
from contests.models import Contest, ContestSeries, Division, Event
from core.forms import Form, ModelForm
from core.models import User
from unions.models import Employer, Union

DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
CHOOSE_MANY = forms.SelectMultiple(attrs={"size": 6})
SHORT_TEXT = forms.Textarea(attrs={"rows": 3})

# An event form in three parts: the event, who may enter (every field of
# contests.fields.EVENT_FIELDS not named here, so a rule added there shows up), team size
# and quota.
EVENT_SETTINGS = ("name", "kind", "description")
TEAM_AND_QUOTA = ("min_team_size", "max_team_size", "quota_per_employer")
ELIGIBILITY = tuple(
    f for f in EVENT_FIELDS if f not in {"contest", *EVENT_SETTINGS, *TEAM_AND_QUOTA}
)


class ServiceForm(ModelForm):
    """A model form whose data goes to a service, never to `save()`.

    `denied_field` is where a service's PermissionDenied is shown: in these forms a refusal
    at saving time means a union picked on that field lies outside the officer's subtree.
    """

    denied_field: str | None = None
    # How the page groups the fields: (legend, field names) in order; and which fields are
    # short enough to sit two in a row on a wide screen.
    sections: tuple[tuple[str, tuple[str, ...]], ...] = ()
    narrow: frozenset[str] = frozenset()

    def fieldsets(self) -> list[tuple[str, list]]:
        """(legend, [(bound field, narrow?)]) for the page: the sections, or one of all."""
        sections = self.sections or (("", tuple(self.fields)),)
        return [
            (legend, [(self[name], name in self.narrow) for name in names])
            for legend, names in sections
        ]

    def _post_clean(self):
        # The services check everything (console.views.contests.common.save_with); the
        # model's checks would only say it twice.
        pass

    def service_data(self) -> dict:
        """The cleaned values, as keyword arguments of the service."""
        return {name: self.cleaned_data[name] for name in self.fields}


class ContestFilterForm(Form):
    status = forms.ChoiceField(
        label=Contest._meta.get_field("status").verbose_name,
        choices=[("", "—"), *Contest.Status.choices],
        required=False,
    )
    series = forms.ModelChoiceField(
        label=Contest._meta.get_field("series").verbose_name,
        queryset=ContestSeries.objects.all(),
        required=False,
        empty_label="—",
    )
    q = forms.CharField(label=gettext_lazy("Name contains"), required=False, max_length=100)

    def apply(self, contests: QuerySet[Contest]) -> QuerySet[Contest]:
        data = self.cleaned_data
        if data["status"]:
            contests = contests.filter(status=data["status"])
        if data["series"]:
            contests = contests.filter(series=data["series"])
        if data["q"].strip():
            contests = contests.filter(name__icontains=data["q"].strip())
        return contests


class SeriesForm(ServiceForm):
    denied_field = "organisers"

    class Meta:
        model = ContestSeries
        fields = ("name", "year", "organisers", "description")
        widgets = {"organisers": CHOOSE_MANY}


class DivisionForm(ServiceForm):
    denied_field = "lead_unions"

    class Meta:
        model = Division
        fields = ("series", "name", "lead_unions", "regions", "description")
        widgets = {"lead_unions": CHOOSE_MANY, "regions": CHOOSE_MANY}


class ContestForm(ServiceForm):
    """A contest's settings; its status moves by the page's buttons (one step at a time)."""

    denied_field = "host_union"
    narrow = frozenset(
        ("series", "division", "registration_opens", "registration_closes", "contest_date")
    )

    class Meta:
        model = Contest
        fields = tuple(f for f in CONTEST_FIELDS if f != "status")
        widgets = {
            "registration_opens": DATETIME,
            "registration_closes": DATETIME,
            "contest_date": DATE,
            "description": SHORT_TEXT,
        }

    def __init__(self, *args, user: User, **kwargs):
        super().__init__(*args, **kwargs)
        # Contests are hosted by a union of the officer's subtree (the service checks it too).
        self.fields["host_union"].queryset = Union.objects.restrict(user)
        self.fields["division"].queryset = Division.objects.select_related("series")
        self.fields["division"].label_from_instance = lambda d: f"{d.series.name} · {d.name}"


class EventForm(ServiceForm):
    """An event with every eligibility rule (contests.eligibility applies them)."""

    sections = (
        ("", EVENT_SETTINGS),
        (gettext_lazy("Who may enter (a rule left empty restricts nobody)"), ELIGIBILITY),
        (gettext_lazy("Team size and quota"), TEAM_AND_QUOTA),
    )
    narrow = frozenset(f for f in EVENT_FIELDS if f.startswith(("min_", "max_")))

    employer_kinds = forms.MultipleChoiceField(
        label=Event._meta.get_field("employer_kinds").verbose_name,
        choices=Employer.Kind.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Event
        fields = tuple(f for f in EVENT_FIELDS if f != "contest")
        widgets = {
            "eligible_unions": CHOOSE_MANY,
            "eligible_regions": CHOOSE_MANY,
            "description": SHORT_TEXT,
        }

    def service_data(self) -> dict:
        data = super().service_data()
        data["employer_kinds"] = list(data["employer_kinds"] or [])
        return data
