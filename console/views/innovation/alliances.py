"""Console: studio alliances. The alliances, founding one (by officers of the convening
union), an alliance's member studios."""

from __future__ import annotations

from django.shortcuts import redirect, render
from django.urls import path

from console.views.base import officer_required, submit
from console.views.innovation.studio_forms import AllianceForm
from core.pages import scoped_page
from innovation.models.alliances import Alliance
from innovation.selectors.alliances import alliance_page, alliances
from innovation.services import alliances as services

ALLIANCE = scoped_page(Alliance.objects.select_related("convener"), name="alliance")


@officer_required
def alliance_list(request):
    form = AllianceForm(request.POST or None, user=request.user)
    if request.method == "POST" and (
        done := submit(form, lambda data: services.found_alliance(actor=request.user, **data))
    ):
        return redirect("console:studio-alliance", pk=done.value.pk)
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
