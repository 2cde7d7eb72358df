"""django-filter FilterSets for contests, events and entries.

`union` and `region` include the subtree below the given code or id (unions.filters). For
entries they follow the entry's work unit; `host_union` follows the contest's host.
"""

import django_filters

from contests.models import Contest, ContestSeries, Division, Event, Registration
from core.filters import FilterSet, IdFilter
from unions.filters import RegionSubtreeFilter, UnionSubtreeFilter


class SeriesFilter(FilterSet):
    organiser = UnionSubtreeFilter(path_lookup="organisers__path", distinct=True)

    class Meta:
        model = ContestSeries
        fields = ["year", "organiser"]


class DivisionFilter(FilterSet):
    class Meta:
        model = Division
        fields = ["series"]


class ContestFilter(FilterSet):
    host_union = UnionSubtreeFilter(path_lookup="host_union__path")
    status = django_filters.MultipleChoiceFilter(choices=Contest.Status.choices)

    class Meta:
        model = Contest
        fields = ["series", "division", "host_union", "status"]


class EventFilter(FilterSet):
    series = IdFilter(field_name="contest__series")
    division = IdFilter(field_name="contest__division")
    contest_status = django_filters.ChoiceFilter(
        field_name="contest__status", choices=Contest.Status.choices
    )

    class Meta:
        model = Event
        fields = ["contest", "series", "division", "kind", "contest_status"]


class RegistrationFilter(FilterSet):
    series = IdFilter(field_name="contest__series")
    division = IdFilter(field_name="contest__division")
    status = django_filters.MultipleChoiceFilter(choices=Registration.Status.choices)
    union = UnionSubtreeFilter(path_lookup="employer__union__path")
    region = RegionSubtreeFilter(path_lookup="employer__region__path")

    class Meta:
        model = Registration
        fields = ["series", "contest", "division", "event", "status", "employer", "union", "region"]
