"""Public pages of studio alliances: the list and an alliance's page (member studios by
province; studios by level and members, counted)."""

from __future__ import annotations

from django.shortcuts import get_object_or_404, render
from django.urls import path

from innovation.models.alliances import Alliance
from innovation.selectors.alliances import alliance_page, alliances


def alliance_list(request):
    return render(request, "innovation/alliances/list.html", {"alliances": alliances()})


def alliance_detail(request, slug: str):
    alliance = get_object_or_404(Alliance.objects.select_related("convener"), slug=slug)
    return render(request, "innovation/alliances/page.html", {"page": alliance_page(alliance)})


urlpatterns = [
    path("alliances/", alliance_list, name="alliances"),
    path("alliances/<slug:slug>/", alliance_detail, name="alliance"),
]
