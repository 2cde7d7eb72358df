"""Admin of the innovation app, read-only and scoped to the officer's union subtree: writes go
through the console or the API (the services audit them). The seven-haves and other rating
standards are data a superuser may edit here (criteria inline)."""

from django.contrib import admin

from core.admin import ScopedAdmin
from innovation.models import (
    Exhibition,
    ExhibitionSection,
    InnovationResult,
    InnovationTopic,
    Patent,
    ResearchProject,
)
from innovation.models.alliances import Alliance, AllianceMembership
from innovation.models.audit import AuditEntry
from innovation.models.ratings import Rating, RatingCriterion, RatingStandard, Reviewer
from innovation.models.studios import Studio, StudioLevelGrant, StudioMember


class ReadOnlyScoped(ScopedAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class MemberInline(admin.TabularInline):
    model = StudioMember
    extra = 0
    fields = ("worker", "role", "joined_on")
    readonly_fields = fields
    can_delete = False


class GrantInline(admin.TabularInline):
    model = StudioLevelGrant
    extra = 0
    fields = ("level", "granted_on", "union", "rating")
    readonly_fields = fields
    can_delete = False


@admin.register(Studio)
class StudioAdmin(ReadOnlyScoped):
    list_display = ("name", "union", "employer", "level", "field", "founded_on")
    list_filter = ("level",)
    list_select_related = ("union", "employer")
    search_fields = ("name", "field")
    exclude = ("leader",)  # the leader's record holds personal data: shown masked nowhere here
    inlines = [MemberInline, GrantInline]


@admin.register(Rating)
class RatingAdmin(ReadOnlyScoped):
    list_display = ("studio", "year", "level_sought", "union", "status")
    list_filter = ("status", "level_sought", "year")
    list_select_related = ("studio", "union")


@admin.register(Reviewer)
class ReviewerAdmin(ReadOnlyScoped):
    list_display = ("name", "union", "expertise", "active", "appointed_at")
    list_select_related = ("union",)


@admin.register(AuditEntry)
class AuditEntryAdmin(ReadOnlyScoped):
    list_display = ("at", "actor", "action", "target", "subject", "reason")
    list_filter = ("action",)
    list_select_related = ("actor",)


class CriterionInline(admin.TabularInline):
    model = RatingCriterion
    extra = 0
    fields = ("order", "code", "title", "guidance")


@admin.register(RatingStandard)
class RatingStandardAdmin(admin.ModelAdmin):
    list_display = ("name", "code", "union", "active")
    inlines = [CriterionInline]

    def has_module_permission(self, request):
        return request.user.is_active and request.user.is_superuser

    def has_view_permission(self, request, obj=None):
        return self.has_module_permission(request)

    def has_change_permission(self, request, obj=None):
        return self.has_module_permission(request)

    def has_add_permission(self, request):
        return self.has_module_permission(request)


class AllianceMemberInline(admin.TabularInline):
    model = AllianceMembership
    extra = 0
    fields = ("studio", "joined_on")
    readonly_fields = fields
    can_delete = False


@admin.register(Alliance)
class AllianceAdmin(admin.ModelAdmin):
    list_display = ("name", "slug", "convener", "founded_on")
    inlines = [AllianceMemberInline]

    def has_module_permission(self, request):
        return request.user.is_active and request.user.is_staff

    def has_change_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


# --- the results part: topics, projects, results, patents, exhibitions (read-only) ----------


@admin.register(InnovationTopic)
class InnovationTopicAdmin(ReadOnlyScoped):
    list_display = ("title", "studio", "status", "started_on", "ended_on")
    list_filter = ("status",)
    list_select_related = ("studio",)
    search_fields = ("title",)


@admin.register(ResearchProject)
class ResearchProjectAdmin(ReadOnlyScoped):
    list_display = ("title", "topic", "status", "started_on", "ended_on")
    list_filter = ("status",)
    list_select_related = ("topic",)
    search_fields = ("title",)


class PatentInline(admin.TabularInline):
    model = Patent
    extra = 0
    fields = ("number", "kind", "title", "granted_on")
    readonly_fields = fields
    can_delete = False


@admin.register(InnovationResult)
class InnovationResultAdmin(ReadOnlyScoped):
    list_display = ("title", "studio", "achieved_on", "applied", "benefit_yuan")
    list_filter = ("applied",)
    list_select_related = ("studio",)
    search_fields = ("title",)
    # The authors are workers (personal data): the console shows them to those who may see.
    exclude = ("authors",)
    inlines = [PatentInline]


@admin.register(Patent)
class PatentAdmin(ReadOnlyScoped):
    list_display = ("number", "kind", "title", "result", "granted_on")
    list_filter = ("kind",)
    list_select_related = ("result",)
    search_fields = ("number", "title")


class SectionInline(admin.TabularInline):
    model = ExhibitionSection
    extra = 0
    fields = ("title", "order")
    readonly_fields = fields
    can_delete = False


@admin.register(Exhibition)
class ExhibitionAdmin(ReadOnlyScoped):
    list_display = ("title", "union", "published_at", "created_at")
    list_select_related = ("union",)
    search_fields = ("title",)
    inlines = [SectionInline]
