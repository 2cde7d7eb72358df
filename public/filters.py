"""Leaderboard filters (django-filter) over a published snapshot's rows.

Region and union filters take a code and match the whole subtree by materialised-path prefix.
A search that is all digits is a bib number (indexed); anything else matches the employer.
"""

import django_filters
from django.utils.translation import gettext_lazy as _

from results.models import ResultRow
from unions.models import Employer, Region, Union


class LeaderboardFilter(django_filters.FilterSet):
    region = django_filters.CharFilter(method="filter_region", label=_("Region"))
    union = django_filters.CharFilter(method="filter_union", label=_("Union"))
    # Plain-string choices: the FilterSet deep-copies its filters per request, and lazy
    # labels made that copy the slowest part of an uncached leaderboard page.
    employer_kind = django_filters.ChoiceFilter(
        choices=[(k, k) for k in Employer.Kind.values], label=_("Work unit kind")
    )
    tier = django_filters.CharFilter(label=_("Award tier"))
    q = django_filters.CharFilter(method="filter_q", label=_("Bib or work unit"))

    class Meta:
        model = ResultRow
        fields = ["region", "union", "employer_kind", "tier", "q"]

    def filter_region(self, queryset, name, value):
        path = Region.objects.filter(code=value).values_list("path", flat=True).first()
        return queryset.filter(region_path__startswith=path) if path else queryset.none()

    def filter_union(self, queryset, name, value):
        path = Union.objects.filter(code=value).values_list("path", flat=True).first()
        return queryset.filter(union_path__startswith=path) if path else queryset.none()

    def filter_q(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        if value.isdigit():
            return queryset.filter(bib=int(value))
        return queryset.filter(employer_name__icontains=value)

    @property
    def is_filtered(self) -> bool:
        return any(self.form.cleaned_data.get(f) for f in self.Meta.fields)
