import django_filters

from core.filters import FilterSet, IntegerFilter
from judging.models import Judge, Mark


class JudgeFilter(FilterSet):
    class Meta:
        model = Judge
        fields = ["union", "employer"]


class MarkFilter(FilterSet):
    criterion = django_filters.CharFilter(field_name="criterion__code")
    bib = IntegerFilter(field_name="registration__bib")

    class Meta:
        model = Mark
        fields = ["event", "registration", "judge", "locked", "confirmed"]
