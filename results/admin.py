"""Read-only admin of result and award snapshots and of certificates, scoped to the
officer's union subtree (the contest's host union), and of verification lookups, for
superusers only.

Snapshots are written only by the results engine (compute, publish) and certificates by
issuing (results.services.certificates); the admin is for looking, so every change
permission is off. A certificate shows its holder's masked name, never the full name that
is printed on the paper.
"""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from core.admin import ScopedAdmin
from core.scope import ALL, officer_path
from results.models import (
    AwardSnapshot,
    Certificate,
    CertificateLog,
    CertificateLookup,
    ResultSnapshot,
)


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


class CertificateLogInline(admin.TabularInline):
    model = CertificateLog
    fields = ("at", "action", "actor", "note")
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Certificate)
class CertificateAdmin(ReadOnlyScopedAdmin):
    """Certificates of the contests the officer's subtree hosts (Certificate keeps no
    RestrictQuerySet: the subtree is its contest's host union, as for award snapshots)."""

    list_display = ("display_number", "contest", "event", "kind", "masked_name", "award",
                    "rank", "issued_at", "revoked_at")  # fmt: skip
    list_filter = ("kind", "revoked_because")
    list_select_related = ("contest", "event")
    search_fields = ("number",)
    fields = ("number", "contest", "event", "union", "kind", "masked_name", "employer_name",
              "award", "rank", "promotion", "issued_at", "revoked_at", "revoked_because",
              "replaced_by")  # fmt: skip
    readonly_fields = fields
    inlines = [CertificateLogInline]

    def get_queryset(self, request):
        queryset = admin.ModelAdmin.get_queryset(self, request)  # no .restrict() to call
        prefix = officer_path(request.user)
        if prefix is None:
            return queryset.none()
        if prefix == ALL:
            return queryset
        return queryset.filter(contest__host_union__path__startswith=prefix)

    @admin.display(description=_("certificate number"), ordering="number")
    def display_number(self, obj: Certificate) -> str:
        return obj.display_number


@admin.register(CertificateLookup)
class CertificateLookupAdmin(admin.ModelAdmin):
    """Every verification lookup (what was asked, found or not, a keyed hash of the
    address): for superusers only, who watch for enumeration."""

    list_display = ("at", "number", "found", "certificate", "address_hash", "user_agent")
    list_filter = ("found",)
    ordering = ("-at",)
    search_fields = ("number", "address_hash")
    readonly_fields = ("at", "number", "found", "certificate", "address_hash", "user_agent")

    def has_module_permission(self, request):
        return request.user.is_active and request.user.is_superuser

    def has_view_permission(self, request, obj=None):
        return self.has_module_permission(request)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
