"""Console: studio alliances. The alliances, founding one (by officers of the convening
union), an alliance's member studios."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import path

from console.views.base import form_errors, officer_required
from console.views.innovation.studio_forms import AllianceForm
from core.pages import scoped_page
from innovation.models.alliances import Alliance
from innovation.selectors.alliances import alliance_page, alliances
from innovation.services import alliances as services

ALLIANCE = scoped_page(Alliance.objects.select_related("convener"), name="alliance")


@officer_required
def alliance_list(request):
    form = AllianceForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            alliance = services.found_alliance(actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            form_errors(form, exc)
        else:
            return redirect("console:studio-alliance", pk=alliance.pk)
    return render(
        request,
        "console/innovation/studios/alliances.html",
        {"form": form, "alliances": alliances()},
        status=400 if request.method == "POST" else 200,
    )


@officer_required
@ALLIANCE
def alliance_detail(request, alliance: Alliance):
    return render(
        request, "console/innovation/studios/alliance.html", {"page": alliance_page(alliance)}
    )


urlpatterns = [
    path("innovation/alliances/", alliance_list, name="studio-alliances"),
    path("innovation/alliances/<int:pk>/", alliance_detail, name="studio-alliance"),
]
