"""Public pages of studios: the list (filter by union, region, level, field, a word of the
name) and a studio's page (unit, union, level history, the leader's masked name and
titles, how many members). No personal data: no full names, ID numbers or phones."""

from __future__ import annotations

from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render
from django.urls import path

from core.validators import mask_name
from innovation.models.studios import Studio, StudioLevel
from innovation.selectors import studios as selectors

PAGE_SIZE = 30


def studio_list(request):
    values = {key: request.GET.get(key, "").strip()[:100] for key in selectors.PUBLIC_FILTERS}
    studios = selectors.public_studios(**values)
    page = Paginator(studios, PAGE_SIZE).get_page(request.GET.get("page"))
    for studio in page:
        studio.leader_masked = mask_name(studio.leader.name)
    query = urlencode({k: v for k, v in values.items() if v})
    return render(
        request,
        "innovation/studios/list.html",
        {
            "page": page,
            "filters": values,
            "levels": StudioLevel.choices,
            "unions": selectors.filter_unions(),
            "fields": selectors.fields(),
            "query": query + "&" if query else "",
        },
    )


def studio_page(request, pk: int):
    studio = get_object_or_404(Studio.objects.select_related("union", "employer", "leader"), pk=pk)
    return render(
        request, "innovation/studios/page.html", {"page": selectors.public_studio(studio)}
    )


urlpatterns = [
    path("studios/", studio_list, name="studios"),
    path("studios/<int:pk>/", studio_page, name="studio"),
]
