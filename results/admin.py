"""Read-only admin of result and award snapshots, scoped to the officer's union subtree.

Snapshots are written only by the results engine (compute, publish); the admin is for
looking, so every change permission is off.
"""

from django.contrib import admin

from core.admin import ScopedAdmin
from results.models import AwardSnapshot, ResultSnapshot


class ReadOnlyScopedAdmin(ScopedAdmin):
    def has_change_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(ResultSnapshot)
class ResultSnapshotAdmin(ReadOnlyScopedAdmin):
    list_display = ("event", "version", "is_current", "is_public", "complete", "entries",
                    "ranked", "created_at", "published_at")  # fmt: skip
    list_filter = ("is_current", "is_public", "complete")
    list_select_related = ("event",)
    search_fields = ("event__name",)


@admin.register(AwardSnapshot)
class AwardSnapshotAdmin(ReadOnlyScopedAdmin):
    list_display = ("contest", "version", "is_current", "is_public", "created_at", "published_at")
    list_filter = ("is_current", "is_public")
    list_select_related = ("contest",)
