"""Console: correspondents (通讯员) of the officer's work units. Appoint a member (by their
account name) for a unit; end an appointment. The list keeps ended appointments as the
record of who appointed and revoked whom."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_POST

from console import nav
from console.views.base import officer_required
from core import forms as checked
from core.access import hidden
from core.models import User
from core.pages import scoped_page
from showcase.access import manages_correspondent
from showcase.models import Correspondent
from showcase.selectors.review import officer_correspondents
from showcase.services import correspondents as services
from showcase.views.post_forms import apply_errors
from unions.models import Employer

CORRESPONDENT = scoped_page(
    Correspondent.objects.select_related("employer__union"),
    name="correspondent",
    permission=hidden(manages_correspondent),
)

nav.section(63, _lazy("Correspondents"), "console:showcase-correspondents")


class AppointForm(checked.Form):
    username = forms.CharField(label=_lazy("member's account name"), max_length=150)
    employer = forms.ModelChoiceField(label=_lazy("work unit"), queryset=Employer.objects.none())

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["employer"].queryset = Employer.objects.restrict(user).order_by("name")
        self.fields["employer"].label_from_instance = lambda e: e.name

    def clean_username(self):
        name = self.cleaned_data["username"].strip()
        user = User.objects.filter(username=name, is_active=True).first()
        if user is None:
            raise ValidationError(_("No active member has this account name."))
        return user


@officer_required
def correspondents(request):
    form = AppointForm(request.POST or None, user=request.user)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.appoint(
                    actor=request.user,
                    user=form.cleaned_data["username"],
                    employer=form.cleaned_data["employer"],
                )
            except ValidationError as exc:
                apply_errors(form, exc)
            else:
                messages.success(request, _("Appointed."))
                return redirect("console:showcase-correspondents")
        status = 400
    return render(
        request,
        "console/showcase/posts/correspondents.html",
        {"form": form, "rows": officer_correspondents(request.user)[:500]},
        status=status,
    )


@officer_required
@require_POST
@CORRESPONDENT
def revoke(request, correspondent: Correspondent):
    services.revoke(actor=request.user, correspondent=correspondent)
    messages.success(request, _("Appointment ended."))
    return redirect("console:showcase-correspondents")


urlpatterns = [
    path("showcase/correspondents/", correspondents, name="showcase-correspondents"),
    path(
        "showcase/correspondents/<int:pk>/revoke/",
        revoke,
        name="showcase-correspondent-revoke",
    ),
]
