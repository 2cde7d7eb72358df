"""Admin for workers and teams, usable by union officers (scoped to their subtree).

ID numbers and phones show masked to everyone (core.validators: the same masked forms as the
API and the console), and the birth date as its year; the full ID number reaches an officer
only on the console's recorded reveal. A search by a full ID number is an exact, recorded
find inside the officer's subtree (workers.selectors.find_by_id_number). The ID number is
typed once when a worker is added and never edited (it is the person's identity across
regions); the phone is edited over its masked form (left as shown, it stays as it was).
Saves go through workers.services.
"""

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from core.admin import ScopedAdmin
from core.validators import birth_year, looks_like_id_number, mask_id_number, mask_phone
from unions.admin import ScopedChoicesMixin
from unions.models import Employer
from workers import selectors, services, validation
from workers.models import Team, Worker


class WorkerForm(forms.ModelForm):
    """Checks the one worker validator, so a bad value is a form error, not a 500. An
    existing worker's phone is shown masked; sent back unchanged, it keeps its value."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and "phone" in self.fields:
            self.initial["phone"] = mask_phone(self.instance.phone)

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
        current = self.instance.phone if self.instance.pk else ""
        if current and (self.cleaned_data.get("phone") or "").strip() == mask_phone(current):
            return current
        return self._field("phone", validation.clean_phone)


@admin.register(Worker)
class WorkerAdmin(ScopedChoicesMixin, ScopedAdmin):
    form = WorkerForm
    scoped_fields = {"employer": Employer}
    list_display = ("name", "masked_id_number", "masked_phone", "employer", "skill_grade")
    list_filter = ("skill_grade", "sex", "employer__kind")
    search_fields = ("name", "occupation", "employer__name")  # ID numbers: get_search_results
    list_select_related = ("employer",)
    autocomplete_fields = ("employer",)

    @admin.display(description=_("ID number"))
    def masked_id_number(self, obj: Worker) -> str:
        return mask_id_number(obj.id_number)

    @admin.display(description=_("mobile phone"))
    def masked_phone(self, obj: Worker) -> str:
        return mask_phone(obj.phone)

    @admin.display(description=_("year of birth"))
    def year_of_birth(self, obj: Worker) -> int | None:
        return birth_year(obj.birth_date)

    def get_search_results(self, request, queryset, search_term):
        if looks_like_id_number(search_term):
            found = selectors.find_by_id_number(
                viewer=request.user, workers=queryset, number=search_term
            )
            return found, False
        return super().get_search_results(request, queryset, search_term)

    def get_fields(self, request, obj=None):
        if obj is None:
            return ("name", "id_number", "phone", "employer", "occupation", "skill_grade")
        return (
            "name",
            "masked_id_number",
            "year_of_birth",
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
        return ("masked_id_number", "year_of_birth", "sex", "user")

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
