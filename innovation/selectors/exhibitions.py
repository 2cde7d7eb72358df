"""Reads of exhibitions: the published ones (public), an officer's (console), one exhibition's
sections with their results in order (two queries for the sections and items, the results'
details prefetched)."""

from __future__ import annotations

from django.db.models import Count, Prefetch, QuerySet

from core.models import User
from innovation.models import Exhibition, ExhibitionItem, ExhibitionSection, InnovationResult
from innovation.selectors.results import with_details


def published() -> QuerySet[Exhibition]:
    return (
        Exhibition.objects.published()
        .select_related("union")
        .annotate(n_results=Count("items"))
        .order_by("-published_at", "-id")
    )


def officer_exhibitions(user: User) -> QuerySet[Exhibition]:
    return (
        Exhibition.objects.restrict(user)
        .select_related("union")
        .annotate(n_results=Count("items"))
        .order_by("-created_at", "-id")
    )


def sections_of(exhibition: Exhibition) -> list[ExhibitionSection]:
    """The sections in order, each with `.items.all()` in order and every item's result
    loaded with its studio, unit, authors, patents and images."""
    items = ExhibitionItem.objects.order_by("order", "id").prefetch_related(
        Prefetch("result", queryset=with_details(InnovationResult.objects.all()))
    )
    return list(
        exhibition.sections.order_by("order", "id").prefetch_related(
            Prefetch("items", queryset=items)
        )
    )
