"""Admin for regions, unions, officers and work units, usable by union officers.

Querysets are scoped by core.admin.ScopedAdmin; foreign-key choices are cut to the same
subtree here, so an officer can neither see nor pick a union outside their own. Saves go
through unions.services (paths of moved subtrees are rewritten there, never in save()).
"""

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError

from core.admin import ReferenceAdmin, ScopedAdmin
from core.models import User
from core.scope import officer_path
from unions import services
from unions.models import Employer, Officer, Region, Union


class CodeForm(forms.ModelForm):
    """Base form (the admin adds Meta): codes become path segments, so check them early."""

    def clean_code(self):
        try:
            return services.check_code(self.cleaned_data["code"])
        except ValidationError as exc:
            raise ValidationError(exc.message_dict["code"]) from None


@admin.register(Region)
class RegionAdmin(ReferenceAdmin):
    """Reference data: every officer may look, only a superuser may change."""

    form = CodeForm
    list_display = ("code", "name", "name_en", "level", "parent")
    list_filter = ("level",)
    search_fields = ("code", "name", "name_en")
    list_select_related = ("parent",)
    ordering = ("path",)

    def save_model(self, request, obj, form, change):
        data = {f: form.cleaned_data[f] for f in ("code", "name", "name_en", "level", "parent")}
        if change:
            region = Region.objects.get(pk=obj.pk)
            services.update_region(actor=request.user, region=region, **data)
        else:
            obj.pk = services.create_region(actor=request.user, **data).pk


class ScopedChoicesMixin:
    """Foreign-key and many-to-many choices limited to the officer's union subtree."""

    scoped_fields: dict[str, type] = {}

    def _scoped_queryset(self, db_field, request):
        model = self.scoped_fields.get(db_field.name)
        if model is None:
            return None
        return model.objects.restrict(request.user)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        qs = self._scoped_queryset(db_field, request)
        if qs is not None:
            kwargs["queryset"] = qs
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        qs = self._scoped_queryset(db_field, request)
        if qs is not None:
            kwargs["queryset"] = qs
        return super().formfield_for_manytomany(db_field, request, **kwargs)


@admin.register(Union)
class UnionAdmin(ScopedChoicesMixin, ScopedAdmin):
    form = CodeForm
    scoped_fields = {"parent": Union}
    list_display = ("code", "name", "kind", "region", "parent")
    list_filter = ("kind",)
    search_fields = ("code", "name", "name_en")
    list_select_related = ("region", "parent")
    ordering = ("path",)

    def get_readonly_fields(self, request, obj=None):
        # Moving a union (new parent or code) is a superuser's job; an officer's own union
        # has its parent above them, outside the choices they are offered.
        if obj is not None and not request.user.is_superuser:
            return ("code", "parent")
        return ()

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        if obj is None and not request.user.is_superuser and "parent" in form.base_fields:
            form.base_fields["parent"].required = True
        return form

    def save_model(self, request, obj, form, change):
        data = {f: v for f, v in form.cleaned_data.items() if f in form.changed_data or not change}
        fields = ("code", "name", "name_en", "kind", "region", "parent")
        data = {f: data[f] for f in fields if f in data}
        if change:
            union = Union.objects.get(pk=obj.pk)
            services.update_union(actor=request.user, union=union, **data)
        else:
            obj.pk = services.create_union(actor=request.user, **data).pk


@admin.register(Employer)
class EmployerAdmin(ScopedChoicesMixin, ScopedAdmin):
    scoped_fields = {"union": Union}
    list_display = ("name", "kind", "region", "union")
    list_filter = ("kind",)
    search_fields = ("name",)
    list_select_related = ("region", "union")

    def save_model(self, request, obj, form, change):
        data = {f: form.cleaned_data[f] for f in ("name", "kind", "region", "union")}
        if change:
            employer = Employer.objects.select_related("union").get(pk=obj.pk)
            services.update_employer(actor=request.user, employer=employer, **data)
        else:
            obj.pk = services.create_employer(actor=request.user, **data).pk


@admin.register(Officer)
class OfficerAdmin(ScopedChoicesMixin, ScopedAdmin):
    scoped_fields = {"union": Union}
    list_display = ("user", "union", "created_at")
    search_fields = ("user__username",)
    list_select_related = ("user", "union")

    def get_readonly_fields(self, request, obj=None):
        return ("user",) if obj is not None else ()

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "user":
            # Offer accounts not yet officers; an officer only sees the workers of their
            # subtree (never the whole user list). Workers are reached through the user's
            # reverse relation (workers.Worker.user, related_name "worker"): workers sits
            # above unions, so unions does not import it.
            users = User.objects.filter(officer__isnull=True, is_active=True)
            if not request.user.is_superuser:
                prefix = officer_path(request.user)
                users = (
                    users.none()
                    if prefix is None
                    else users.filter(worker__employer__union__path__startswith=prefix)
                )
            kwargs["queryset"] = users
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        if change:
            officer = Officer.objects.select_related("union").get(pk=obj.pk)
            services.move_officer(
                actor=request.user, officer=officer, union=form.cleaned_data["union"]
            )
        else:
            obj.pk = services.appoint_officer(
                actor=request.user, user=form.cleaned_data["user"], union=form.cleaned_data["union"]
            ).pk
