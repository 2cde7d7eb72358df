import django_filters

from judging.models import Judge, Mark


class JudgeFilter(django_filters.FilterSet):
    class Meta:
        model = Judge
        fields = ["union", "employer"]


class MarkFilter(django_filters.FilterSet):
    criterion = django_filters.CharFilter(field_name="criterion__code")
    bib = django_filters.NumberFilter(field_name="registration__bib")

    class Meta:
        model = Mark
        fields = ["event", "registration", "judge", "locked", "confirmed"]
