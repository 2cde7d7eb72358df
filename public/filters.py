"""Leaderboard filters (django-filter) over a published snapshot's rows.

Region and union filters take a code and match the whole subtree by materialised-path prefix.
A search that is all digits is a bib number (indexed); anything else matches the employer.
"""

import django_filters
from django.utils.translation import gettext_lazy as _

from core.filters import MAX_INTEGER, FilterSet
from public import selectors
from results.models import ResultRow
from unions.models import Employer, Region, Union


class LeaderboardFilter(FilterSet):
    region = django_filters.CharFilter(method="filter_region", label=_("Region"))
    union = django_filters.CharFilter(method="filter_union", label=_("Union"))
    # Plain-string choices: the FilterSet deep-copies its filters per request, and lazy
    # labels made that copy the slowest part of an uncached leaderboard page.
    employer_kind = django_filters.ChoiceFilter(
        choices=[(k, k) for k in Employer.Kind.values], label=_("Work unit kind")
    )
    tier = django_filters.CharFilter(method="filter_tier", label=_("Award tier"))
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

    def __init__(self, *args, snapshot_id: int | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.snapshot_id = snapshot_id

    def filter_tier(self, queryset, name, value):
        """A tier is a range of consecutive positions (see selectors.tier_positions)."""
        if self.snapshot_id is None:
            return queryset.filter(tier=value)
        span = selectors.tier_positions(self.snapshot_id).get(value)
        if span is None:
            return queryset.none()
        return queryset.filter(position__range=span, tier=value)

    def filter_q(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        if value.isascii() and value.isdigit():  # a bib; one beyond the column's range is none
            bib = int(value)
            return queryset.filter(bib=bib) if bib <= MAX_INTEGER else queryset.none()
        return queryset.filter(employer_name__icontains=value)

    @property
    def is_filtered(self) -> bool:
        return any(self.form.cleaned_data.get(f) for f in self.Meta.fields)
