"""Admin for contests, events and entries, usable by union officers (scoped to their subtree).

Saves go through contests.services; the forms run the same checks first, so a bad value is
a form error, not a 500. Entries are decided in bulk (approve, reject with a reason typed
next to the action) and exported to Excel; names in the list and the export are masked,
as everywhere an officer reads entries.
"""

import io

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.helpers import ActionForm
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import F
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from contests import services
from contests.fields import CONTEST_FIELDS, EVENT_ELIGIBILITY_LISTS, EVENT_FIELDS
from contests.models import Contest, ContestSeries, Division, Event, Registration
from core.admin import ReferenceAdmin, ScopedAdmin
from core.validators import mask_name
from unions.admin import ScopedChoicesMixin
from unions.models import Employer, Union


def _raise_as_form_error(exc: ValidationError) -> None:
    raise ValidationError(exc.message_dict if hasattr(exc, "error_dict") else exc.messages)


@admin.register(ContestSeries)
class ContestSeriesAdmin(ReferenceAdmin):
    """Series are public reference for officers; a superuser maintains them here."""

    list_display = ("name", "year")
    search_fields = ("name",)
    filter_horizontal = ("organisers",)


@admin.register(Division)
class DivisionAdmin(ContestSeriesAdmin):
    list_display = ("name", "series")
    filter_horizontal = ("lead_unions", "regions")


class ContestForm(forms.ModelForm):
    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        errors: dict[str, list[str]] = {}
        if self.instance.pk and "status" in self.changed_data:
            old = Contest.objects.values_list("status", flat=True).get(pk=self.instance.pk)
            try:
                services.check_status_step(old, data["status"])
            except ValidationError as exc:
                _raise_as_form_error(exc)
        probe = Contest(**{f: data.get(f) for f in CONTEST_FIELDS if f in data})
        services.check_contest(probe, errors)
        if not self.instance.pk:
            services.check_initial_status(data.get("status"), errors)
        if not self.instance.pk or {"division", "host_union"} & set(self.changed_data):
            services.check_division(probe, errors)
        if errors:
            raise ValidationError(errors)
        return data


@admin.register(Contest)
class ContestAdmin(ScopedChoicesMixin, ScopedAdmin):
    form = ContestForm
    scoped_fields = {"host_union": Union}
    fields = CONTEST_FIELDS
    list_display = ("name", "series", "division", "host_union", "status", "registration_closes")
    list_filter = ("status", "series", "division")
    search_fields = ("name",)
    list_select_related = ("series", "division", "host_union")

    def save_model(self, request, obj, form, change):
        data = {f: form.cleaned_data[f] for f in CONTEST_FIELDS if f in form.cleaned_data}
        if change:
            contest = Contest.objects.get(pk=obj.pk)
            services.update_contest(actor=request.user, contest=contest, **data)
        else:
            obj.pk = services.create_contest(actor=request.user, **data).pk


class EventForm(forms.ModelForm):
    employer_kinds = forms.MultipleChoiceField(
        label=_("allowed work unit kinds"),
        choices=Employer.Kind.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        plain = {
            f: data.get(f) for f in EVENT_FIELDS if f in data and f not in EVENT_ELIGIBILITY_LISTS
        }
        plain["employer_kinds"] = list(plain.get("employer_kinds") or [])
        errors: dict[str, list[str]] = {}
        services.check_event(Event(**plain), errors)
        if errors:
            raise ValidationError(errors)
        return data


@admin.register(Event)
class EventAdmin(ScopedChoicesMixin, ScopedAdmin):
    form = EventForm
    scoped_fields = {"contest": Contest}
    fields = EVENT_FIELDS
    list_display = ("name", "contest", "kind", "quota_per_employer")
    list_filter = ("kind", "contest__series")
    search_fields = ("name", "contest__name")
    list_select_related = ("contest",)
    filter_horizontal = ("eligible_unions", "eligible_regions")

    def save_model(self, request, obj, form, change):
        data = {f: form.cleaned_data[f] for f in EVENT_FIELDS if f in form.cleaned_data}
        data["employer_kinds"] = list(data.get("employer_kinds") or [])
        if change:
            event = Event.objects.get(pk=obj.pk)
            services.update_event(actor=request.user, event=event, **data)
        else:
            obj.pk = services.create_event(actor=request.user, **data).pk

    def save_related(self, request, form, formsets, change):
        # The service set the eligibility lists; the form's own m2m save would redo it.
        for formset in formsets:
            self.save_formset(request, form, formset, change=change)


class DecisionActionForm(ActionForm):
    reason = forms.CharField(label=_("reason for rejection"), required=False, max_length=500)


@admin.register(Registration)
class RegistrationAdmin(ScopedAdmin):
    """Entries of contests hosted in the officer's subtree: decide and export."""

    action_form = DecisionActionForm
    actions = ["approve_selected", "reject_selected", "export_xlsx"]
    list_display = ("bib", "entrant", "event", "employer", "status", "created_at")
    list_filter = ("status", "contest", "event__kind")
    search_fields = ("employer__name", "team__name", "achievement__title", "=bib")
    list_select_related = ("event", "employer", "worker", "team", "achievement")
    readonly_fields = (
        "event",
        "entrant",
        "employer",
        "status",
        "reject_reason",
        "bib",
        "completion_seconds",
        "created_at",
        "decided_at",
    )
    fields = readonly_fields

    def has_add_permission(self, request):
        return False  # entries are made by workers (or officers) through the site and API

    def has_change_permission(self, request, obj=None):
        return False  # decisions are the bulk actions, which call the services

    @admin.display(description=_("entrant"))
    def entrant(self, obj: Registration) -> str:
        if obj.worker_id:
            return mask_name(obj.worker.name)
        if obj.team_id:
            return obj.team.name
        return obj.achievement.title

    def _decide(self, request, queryset, decide) -> None:
        done, failed = 0, []
        for registration in queryset.order_by("id"):
            try:
                decide(registration)
                done += 1
            except (ValidationError, PermissionDenied) as exc:
                text = "; ".join(getattr(exc, "messages", None) or [str(exc)])
                failed.append(f"#{registration.pk}: {text}")
        if done:
            self.message_user(request, gettext("%(n)d entries updated.") % {"n": done})
        for line in failed[:20]:
            self.message_user(request, line, level=messages.ERROR)

    @admin.action(description=_("Approve selected entries (gives bib numbers)"))
    def approve_selected(self, request, queryset):
        self._decide(
            request,
            queryset,
            lambda r: services.approve_registration(actor=request.user, registration=r),
        )

    @admin.action(description=_("Reject selected entries (type the reason)"))
    def reject_selected(self, request, queryset):
        reason = (request.POST.get("reason") or "").strip()
        if not reason:
            self.message_user(
                request, gettext("Give a reason for the rejection."), level=messages.ERROR
            )
            return
        self._decide(
            request,
            queryset,
            lambda r: services.reject_registration(
                actor=request.user, registration=r, reason=reason
            ),
        )

    @admin.action(description=_("Export selected entries to Excel"))
    def export_xlsx(self, request, queryset):
        from openpyxl import Workbook

        book = Workbook(write_only=True)
        sheet = book.create_sheet(gettext("Entries"))
        sheet.append(
            [
                gettext("bib number"),
                gettext("entrant"),
                gettext("event"),
                gettext("contest"),
                gettext("work unit"),
                gettext("status"),
                gettext("reason for rejection"),
                gettext("entered at"),
            ]
        )
        rows = queryset.select_related(
            "event", "contest", "employer", "worker", "team", "achievement"
        ).order_by("contest_id", "event_id", F("bib").asc(nulls_last=True), "id")
        for r in rows.iterator(chunk_size=2000):
            sheet.append(
                [
                    r.bib,
                    self.entrant(r),
                    r.event.name,
                    r.contest.name,
                    r.employer.name,
                    r.get_status_display(),
                    r.reject_reason,
                    timezone.localtime(r.created_at).strftime("%Y-%m-%d %H:%M"),
                ]
            )
        buffer = io.BytesIO()
        book.save(buffer)
        response = HttpResponse(
            buffer.getvalue(),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        response["Content-Disposition"] = 'attachment; filename="entries.xlsx"'
        return response
