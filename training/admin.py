"""Admin of the question bank, scoped to the officer's union subtree: questions with their
versions inline, read-only (versions are written by the services: an edit is a new version)."""

from django.contrib import admin

from core.admin import ScopedAdmin
from training.models import Question, QuestionVersion


class VersionInline(admin.TabularInline):
    model = QuestionVersion
    extra = 0
    can_delete = False
    fields = ("number", "stem", "options", "answer", "explanation", "difficulty",
              "occupation", "skill_grade", "topic", "created_by", "created_at")  # fmt: skip
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Question)
class QuestionAdmin(ScopedAdmin):
    list_display = ("id", "union", "kind", "active", "current", "created_by", "created_at")
    list_filter = ("kind", "active")
    list_select_related = ("union", "current", "created_by")
    search_fields = ("current__stem",)
    readonly_fields = ("union", "kind", "active", "current", "created_by", "created_at")
    fields = ("union", "kind", "active", "current", "created_by", "created_at")
    inlines = [VersionInline]

    def has_add_permission(self, request):
        return False  # questions are written through the console or the API (services)
