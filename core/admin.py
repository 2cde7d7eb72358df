from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from core.models import TaskRecord, User

admin.site.register(User, UserAdmin)


@admin.register(TaskRecord)
class TaskRecordAdmin(admin.ModelAdmin):
    list_display = ("name", "state", "progress", "total", "created_at")
    list_filter = ("state", "name")
    readonly_fields = ("id", "name", "owner", "state", "progress", "total", "result")


class ReferenceAdmin(admin.ModelAdmin):
    """Reference data (regions, series): every officer may look, only a superuser may change."""

    def has_module_permission(self, request):
        from core.scope import is_officer

        return is_officer(request.user)

    def has_view_permission(self, request, obj=None):
        return self.has_module_permission(request)

    def has_add_permission(self, request):
        return request.user.is_superuser

    def has_change_permission(self, request, obj=None):
        return request.user.is_superuser

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser


class ScopedAdmin(admin.ModelAdmin):
    """Admin for union officers: every queryset is cut to the officer's union subtree.

    Uses the model's `RestrictQuerySet.restrict`, the same second permission layer as the
    API, so the admin can never show an officer more than the API would. Officers need
    `is_staff` and the model permissions; superusers see everything.
    """

    def get_queryset(self, request):
        return super().get_queryset(request).restrict(request.user)

    def _scoped(self, request) -> bool:
        return request.user.is_active and request.user.is_staff

    def has_module_permission(self, request):
        from core.scope import is_officer

        return is_officer(request.user)

    def has_view_permission(self, request, obj=None):
        return self.has_module_permission(request)

    def has_change_permission(self, request, obj=None):
        return self.has_module_permission(request)

    def has_add_permission(self, request):
        return self.has_module_permission(request)

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser
