from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from core.models import TaskRecord, User

admin.site.register(User, UserAdmin)


@admin.register(TaskRecord)
class TaskRecordAdmin(admin.ModelAdmin):
    list_display = ("name", "state", "progress", "total", "created_at")
    list_filter = ("state", "name")
    readonly_fields = ("id", "name", "owner", "state", "progress", "total", "result")
