"""django-filter FilterSets for workers and teams.

`region` (code or id) and `union` (code or id) include everything below them; they follow
the worker's work unit, which is what ties a person to a union.
"""

import django_filters

from core.filters import FilterSet
from unions.filters import RegionSubtreeFilter, UnionSubtreeFilter
from unions.models import Employer
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
