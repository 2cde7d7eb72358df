"""Read-only admin of judging data for union officers, scoped to their union subtree.

Marks, the audit trail and schemes change only through judging.services (the API and the
judge pages), so that every change is validated and logged; the admin only shows them.
"""

from django.contrib import admin

from core.admin import ScopedAdmin
from judging.models import Criterion, Judge, JudgeAssignment, Mark, MarkLog, Penalty, ScoringScheme


class ReadOnlyScopedAdmin(ScopedAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(ScoringScheme)
class ScoringSchemeAdmin(ReadOnlyScopedAdmin):
    list_display = ("event", "shared_places", "tie_break", "updated_at")
    list_select_related = ("event",)


@admin.register(Criterion)
class CriterionAdmin(ReadOnlyScopedAdmin):
    list_display = ("event", "code", "name", "weight", "max_mark", "kind", "aggregation",
                    "judges_required", "divergence_limit", "step")  # fmt: skip
    list_select_related = ("event",)


@admin.register(Judge)
class JudgeAdmin(ReadOnlyScopedAdmin):
    list_display = ("name", "user", "employer", "union")
    list_select_related = ("user", "employer", "union")
    search_fields = ("name", "user__username")


@admin.register(JudgeAssignment)
class JudgeAssignmentAdmin(ReadOnlyScopedAdmin):
    list_display = ("event", "judge", "chief", "criteria", "submitted_at")
    list_select_related = ("event", "judge")


@admin.register(Mark)
class MarkAdmin(ReadOnlyScopedAdmin):
    list_display = ("event", "registration", "criterion", "judge", "value", "locked", "confirmed")
    list_filter = ("locked", "confirmed")
    list_select_related = ("event", "registration", "criterion", "judge")


@admin.register(MarkLog)
class MarkLogAdmin(ReadOnlyScopedAdmin):
    list_display = ("at", "event", "registration", "criterion_code", "judge", "actor", "action",
                    "old_value", "new_value", "reason")  # fmt: skip
    list_filter = ("action",)
    list_select_related = ("event", "registration", "judge", "actor")


@admin.register(Penalty)
class PenaltyAdmin(ReadOnlyScopedAdmin):
    list_display = ("registration", "marks", "reason", "recorded_by", "at")
    list_select_related = ("registration", "recorded_by")
