"""Admin for workers and teams, usable by union officers (scoped to their subtree).

ID numbers and phones show masked; the ID number is typed once when a worker is added and
never edited (it is the person's identity across regions). Saves go through workers.services.
"""

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from core.admin import ScopedAdmin
from core.validators import mask_id_number, mask_phone
from unions.admin import ScopedChoicesMixin
from unions.models import Employer
from workers import services, validation
from workers.models import Team, Worker


class WorkerForm(forms.ModelForm):
    """Checks the one worker validator, so a bad value is a form error, not a 500."""

    def _field(self, name, check, *args, **kwargs):
        errors: dict[str, list[str]] = {}
        value = check(self.cleaned_data.get(name), errors, *args, **kwargs)
        if errors:
            raise ValidationError(errors[name])
        return value

    def clean_id_number(self):
        number, _birth, _sex = self._field("id_number", validation.clean_id_number)
        return number

    def clean_phone(self):
        return self._field("phone", validation.clean_phone)


@admin.register(Worker)
class WorkerAdmin(ScopedChoicesMixin, ScopedAdmin):
    form = WorkerForm
    scoped_fields = {"employer": Employer}
    list_display = ("name", "masked_id_number", "masked_phone", "employer", "skill_grade")
    list_filter = ("skill_grade", "sex", "employer__kind")
    search_fields = ("name", "=id_number", "occupation", "employer__name")
    list_select_related = ("employer",)
    autocomplete_fields = ("employer",)

    @admin.display(description=_("ID number"))
    def masked_id_number(self, obj: Worker) -> str:
        return mask_id_number(obj.id_number)

    @admin.display(description=_("mobile phone"))
    def masked_phone(self, obj: Worker) -> str:
        return mask_phone(obj.phone)

    def get_fields(self, request, obj=None):
        if obj is None:
            return ("name", "id_number", "phone", "employer", "occupation", "skill_grade")
        return (
            "name",
            "masked_id_number",
            "birth_date",
            "sex",
            "phone",
            "employer",
            "occupation",
            "skill_grade",
            "user",
        )

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return ()
        return ("masked_id_number", "birth_date", "sex", "user")

    def save_model(self, request, obj, form, change):
        data = {
            f: form.cleaned_data[f]
            for f in ("name", "phone", "employer", "occupation", "skill_grade")
            if f in form.cleaned_data
        }
        if change:
            worker = Worker.objects.select_related("employer__union").get(pk=obj.pk)
            services.update_worker(actor=request.user, worker=worker, **data)
        else:
            obj.pk = services.create_worker(
                actor=request.user, id_number=form.cleaned_data["id_number"], **data
            ).pk


class TeamForm(forms.ModelForm):
    def clean(self):
        data = super().clean()
        employer = data.get("employer")
        if employer is not None and not self.errors:
            leader = data.get("leader")
            members = list(data.get("members") or [])
            if leader is not None and leader not in members:
                members.append(leader)
            services.check_team(
                name=data.get("name", ""),
                employer=employer,
                leader=leader,
                members=members,
                pk=self.instance.pk,
            )
        return data


@admin.register(Team)
class TeamAdmin(ScopedChoicesMixin, ScopedAdmin):
    form = TeamForm
    scoped_fields = {"employer": Employer, "leader": Worker, "members": Worker}
    list_display = ("name", "employer", "leader")
    search_fields = ("name", "employer__name")
    list_select_related = ("employer", "leader")
    autocomplete_fields = ("employer", "leader", "members")

    def save_model(self, request, obj, form, change):
        data = {f: form.cleaned_data[f] for f in ("name", "employer", "leader", "members")}
        if change:
            team = Team.objects.select_related("employer__union").get(pk=obj.pk)
            services.update_team(actor=request.user, team=team, **data)
        else:
            obj.pk = services.create_team(actor=request.user, **data).pk

    def save_related(self, request, form, formsets, change):
        # Members were set by the service (with the leader added); the form's own m2m save
        # would undo that.
        for formset in formsets:
            self.save_formset(request, form, formset, change=change)
