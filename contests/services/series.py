"""Contest series and their divisions (赛区), co-organised by several unions."""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from contests.models import ContestSeries, Division
from contests.services.checks import require_manages_any, require_may_replace, required_text
from contests.signals import contest_changed
from core.models import User
from unions.models import Region, Union


@transaction.atomic
def create_series(
    *,
    actor: User,
    name: str,
    year: int,
    organisers: Iterable[Union],
    description: str = "",
) -> ContestSeries:
    """A series co-organised by several unions; the actor must manage one of them."""
    organisers = list(organisers)
    errors: dict[str, list[str]] = {}
    name = required_text(name, "name", errors)
    if not 1949 <= int(year) <= 2100:
        errors["year"] = [_("Enter a plausible year.")]
    if errors:
        raise ValidationError(errors)
    require_manages_any(actor, organisers, "organisers")
    series = ContestSeries.objects.create(name=name, year=year, description=description or "")
    series.organisers.set(organisers)
    contest_changed.send(sender=ContestSeries, contest_id=None, event_id=None, series_id=series.pk)
    return series


@transaction.atomic
def update_series(
    *,
    actor: User,
    series: ContestSeries,
    name: str | None = None,
    year: int | None = None,
    organisers: Iterable[Union] | None = None,
    description: str | None = None,
) -> ContestSeries:
    require_manages_any(actor, series.organisers.all(), "organisers")
    if organisers is not None:
        organisers = list(organisers)
        require_manages_any(actor, organisers, "organisers")
        require_may_replace(actor, series.organisers.all(), organisers)
    errors: dict[str, list[str]] = {}
    if name is not None:
        series.name = required_text(name, "name", errors)
    if year is not None:
        if not 1949 <= int(year) <= 2100:
            errors["year"] = [_("Enter a plausible year.")]
        series.year = year
    if description is not None:
        series.description = description
    if errors:
        raise ValidationError(errors)
    series.save()
    if organisers is not None:
        series.organisers.set(organisers)
    contest_changed.send(sender=ContestSeries, contest_id=None, event_id=None, series_id=series.pk)
    return series


@transaction.atomic
def create_division(
    *,
    actor: User,
    series: ContestSeries,
    name: str,
    lead_unions: Iterable[Union],
    regions: Iterable[Region] = (),
    description: str = "",
) -> Division:
    """A division (赛区) of a series, led by unions; the actor must manage one of them."""
    lead_unions = list(lead_unions)
    errors: dict[str, list[str]] = {}
    name = required_text(name, "name", errors)
    if errors:
        raise ValidationError(errors)
    require_manages_any(actor, lead_unions, "lead_unions")
    division = Division.objects.create(series=series, name=name, description=description or "")
    division.lead_unions.set(lead_unions)
    division.regions.set(list(regions))
    contest_changed.send(
        sender=Division, contest_id=None, event_id=None, series_id=division.series_id
    )
    return division


@transaction.atomic
def update_division(
    *,
    actor: User,
    division: Division,
    series: ContestSeries | None = None,
    name: str | None = None,
    lead_unions: Iterable[Union] | None = None,
    regions: Iterable[Region] | None = None,
    description: str | None = None,
) -> Division:
    require_manages_any(actor, division.lead_unions.all(), "lead_unions")
    if lead_unions is not None:
        lead_unions = list(lead_unions)
        require_manages_any(actor, lead_unions, "lead_unions")
        require_may_replace(actor, division.lead_unions.all(), lead_unions)
    errors: dict[str, list[str]] = {}
    if series is not None and series != division.series:
        if division.contests.exists():
            errors["series"] = [_("This division already has contests; it cannot move.")]
        division.series = series
    if name is not None:
        division.name = required_text(name, "name", errors)
    if description is not None:
        division.description = description
    if errors:
        raise ValidationError(errors)
    division.save()
    if lead_unions is not None:
        division.lead_unions.set(lead_unions)
    if regions is not None:
        division.regions.set(list(regions))
    contest_changed.send(
        sender=Division, contest_id=None, event_id=None, series_id=division.series_id
    )
    return division
