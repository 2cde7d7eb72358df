"""Admin of showcase posts and correspondents, scoped to the officer's union subtree and
read-only: posts are written, reviewed and published through the services (console, API),
which keep the log and the counts."""

from django.contrib import admin

from core.admin import ScopedAdmin
from showcase.models import Correspondent, Post, PostLog


class LogInline(admin.TabularInline):
    model = PostLog
    extra = 0
    can_delete = False
    fields = ("at", "actor", "action", "old_status", "new_status", "reason", "details")
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Post)
class PostAdmin(ScopedAdmin):
    list_display = ("id", "title", "kind", "status", "union", "employer", "published_at",
                    "like_count", "comment_count")  # fmt: skip
    list_filter = ("kind", "status")
    list_select_related = ("union", "employer")
    search_fields = ("title",)
    fields = ("kind", "title", "body", "union", "employer", "region", "series", "contest",
              "achievement", "innovation_result", "status", "return_reason", "author",
              "submitted_at", "publish_at", "published_at", "reviewed_by", "like_count",
              "comment_count", "hot_score")  # fmt: skip
    readonly_fields = fields
    inlines = [LogInline]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Correspondent)
class CorrespondentAdmin(ScopedAdmin):
    list_display = ("user", "employer", "appointed_by", "appointed_at", "revoked_at")
    list_select_related = ("user", "employer", "appointed_by")
    search_fields = ("user__username", "employer__name")
    fields = ("user", "employer", "appointed_by", "appointed_at", "revoked_by", "revoked_at")
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
