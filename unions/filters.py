"""django-filter FilterSets for regions, unions, officers and work units.

`region` and `union` filters take a code or an id and match the whole subtree with one
indexed prefix filter on the materialised path, so "Jiangsu" includes Suzhou and Kunshan.
The subtree filter classes are reused by the workers app.
"""

import django_filters
from django.db.models import QuerySet

from core.filters import FilterSet
from unions.models import Employer, Officer, Region, Union
from unions.selectors import resolve_region, resolve_union


class RegionSubtreeFilter(django_filters.CharFilter):
    """`?region=320000` (code) or `?region=9` (id): that region and every region below it."""

    def __init__(self, *args, path_lookup: str = "region__path", **kwargs):
        self.path_lookup = path_lookup
        kwargs.setdefault("help_text", "Region code or id; includes regions below it.")
        super().__init__(*args, **kwargs)

    def filter(self, qs: QuerySet, value):
        if value in (None, ""):
            return qs
        region = resolve_region(value)
        if region is None:
            return qs.none()
        return qs.filter(**{f"{self.path_lookup}__startswith": region.path})


class UnionSubtreeFilter(django_filters.CharFilter):
    """`?union=JS` (code) or `?union=3` (id): that union and every union below it."""

    def __init__(self, *args, path_lookup: str = "union__path", **kwargs):
        self.path_lookup = path_lookup
        kwargs.setdefault("help_text", "Union code or id; includes unions below it.")
        super().__init__(*args, **kwargs)

    def filter(self, qs: QuerySet, value):
        if value in (None, ""):
            return qs
        union = resolve_union(value)
        if union is None:
            return qs.none()
        return qs.filter(**{f"{self.path_lookup}__startswith": union.path})


class RegionFilter(FilterSet):
    within = RegionSubtreeFilter(path_lookup="path")

    class Meta:
        model = Region
        fields = ["level", "parent", "within"]


class UnionFilter(FilterSet):
    region = RegionSubtreeFilter()
    within = UnionSubtreeFilter(path_lookup="path")

    class Meta:
        model = Union
        fields = ["kind", "parent", "region", "within"]


class EmployerFilter(FilterSet):
    region = RegionSubtreeFilter()
    union = UnionSubtreeFilter()

    class Meta:
        model = Employer
        fields = ["kind", "region", "union"]


class OfficerFilter(FilterSet):
    union = UnionSubtreeFilter()

    class Meta:
        model = Officer
        fields = ["union"]
