"""Public pages of exhibitions (成果展): the published ones, and one exhibition's sections
with their results in order (authors' names masked)."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.urls import path

from core.access import manages_union
from innovation.models import Exhibition
from innovation.selectors import exhibitions as selectors
from innovation.selectors.results import public_result

PAGE_SIZE = 20


def exhibition_list(request):
    page = Paginator(selectors.published(), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "innovation/exhibitions/list.html", {"page": page})


def exhibition_page(request, pk: int):
    exhibition = get_object_or_404(Exhibition.objects.select_related("union"), pk=pk)
    if exhibition.published_at is None and not manages_union(request.user, exhibition.union):
        raise Http404
    sections = [
        (section, [public_result(item.result) for item in section.items.all()])
        for section in selectors.sections_of(exhibition)
    ]
    return render(
        request,
        "innovation/exhibitions/detail.html",
        {"exhibition": exhibition, "sections": sections},
    )


urlpatterns = [
    path("exhibitions/", exhibition_list, name="exhibitions"),
    path("exhibitions/<int:pk>/", exhibition_page, name="exhibition"),
]
