"""django-filter FilterSets for workers and teams.

`region` (code or id) and `union` (code or id) include everything below them; they follow
the worker's work unit, which is what ties a person to a union.
"""

import django_filters
from rest_framework.filters import SearchFilter

from core.filters import FilterSet
from core.validators import looks_like_id_number
from unions.filters import RegionSubtreeFilter, UnionSubtreeFilter
from unions.models import Employer
from workers import selectors
from workers.models import SkillGrade, Team, Worker


class WorkerFilter(FilterSet):
    region = RegionSubtreeFilter(path_lookup="employer__region__path")
    union = UnionSubtreeFilter(path_lookup="employer__union__path")
    employer_kind = django_filters.ChoiceFilter(
        field_name="employer__kind", choices=Employer.Kind.choices
    )
    skill_grade = django_filters.MultipleChoiceFilter(choices=SkillGrade.choices)

    class Meta:
        model = Worker
        fields = ["region", "union", "employer", "employer_kind", "skill_grade", "sex"]


class TeamFilter(FilterSet):
    region = RegionSubtreeFilter(path_lookup="employer__region__path")
    union = UnionSubtreeFilter(path_lookup="employer__union__path")
    employer_kind = django_filters.ChoiceFilter(
        field_name="employer__kind", choices=Employer.Kind.choices
    )

    class Meta:
        model = Team
        fields = ["region", "union", "employer", "employer_kind", "leader"]


class WorkerSearchFilter(SearchFilter):
    """`?search=`: names, occupations and work units as usual; a full ID number only as an
    exact, recorded find inside the searcher's subtree (workers.selectors.find_by_id_number),
    never a partial match on the number."""

    def filter_queryset(self, request, queryset, view):
        terms = request.query_params.get(self.search_param, "").strip()
        if looks_like_id_number(terms):
            return selectors.find_by_id_number(viewer=request.user, workers=queryset, number=terms)
        return super().filter_queryset(request, queryset, view)
