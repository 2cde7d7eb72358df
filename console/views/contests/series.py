"""Series (竞赛系列活动) and their divisions (赛区): the ones the officer co-organises or
leads, created and edited through contests.services."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render
from django.urls import reverse, reverse_lazy
from django.utils.translation import gettext as _

from console.forms.contests import DivisionForm, SeriesForm
from console.views.base import officer_required
from console.views.contests.common import form_page
from contests import selectors, services
from contests.models import ContestSeries

PAGE_SIZE = 50
LIST = reverse_lazy("console:series")


def _to_list(_saved) -> str:
    return reverse("console:series")


@officer_required
def series_list(request):
    series = selectors.managed_series(request.user).prefetch_related("organisers", "divisions")
    page = Paginator(series.order_by("-year", "id"), PAGE_SIZE).get_page(request.GET.get("page"))
    divisions = selectors.managed_divisions(request.user).order_by("series_id", "id")
    return render(
        request, "console/contests/series_list.html", {"page": page, "divisions": divisions}
    )


@officer_required
def series_create(request):
    return form_page(
        request,
        SeriesForm(request.POST or None),
        lambda data: services.create_series(actor=request.user, **data),
        title=_("New contest series"),
        cancel=LIST,
        done=_to_list,
    )


@officer_required
def series_edit(request, pk: int):
    series = get_object_or_404(selectors.managed_series(request.user), pk=pk)
    return form_page(
        request,
        SeriesForm(request.POST or None, instance=series),
        lambda data: services.update_series(actor=request.user, series=series, **data),
        title=series.name,
        cancel=LIST,
        done=_to_list,
    )


@officer_required
def division_create(request):
    pk = request.GET.get("series", "")
    series = ContestSeries.objects.filter(pk=pk).first() if pk.isdigit() else None
    return form_page(
        request,
        DivisionForm(request.POST or None, initial={"series": series}),
        lambda data: services.create_division(actor=request.user, **data),
        title=_("New division"),
        cancel=LIST,
        done=_to_list,
    )


@officer_required
def division_edit(request, pk: int):
    division = get_object_or_404(selectors.managed_divisions(request.user), pk=pk)
    return form_page(
        request,
        DivisionForm(request.POST or None, instance=division),
        lambda data: services.update_division(actor=request.user, division=division, **data),
        title=division.name,
        cancel=LIST,
        done=_to_list,
    )
