"""Objections in the admin: read-only and scoped to the officer's union subtree.

Answers go through the API (public.services), because upholding one recomputes and
republishes results: not something a change form should do behind a save button.
"""

from django.contrib import admin

from core.admin import ScopedAdmin
from public.models import Objection


@admin.register(Objection)
class ObjectionAdmin(ScopedAdmin):
    list_display = ("event", "registration", "status", "created_at", "answered_at")
    list_filter = ("status",)
    readonly_fields = (
        "event",
        "registration",
        "snapshot",
        "filed_by",
        "reason",
        "status",
        "answer",
        "answered_by",
        "answered_at",
        "created_at",
    )

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
