"""Reads of studios: the public list and page (no personal data: the leader's name masked,
titles shown, no ID numbers or phones, members counted not named) and the officer's lists."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet

from core.validators import mask_name
from innovation.models.studios import Studio, StudioLevel, StudioMember
from unions.models import Union

PUBLIC_FILTERS = ("union", "region", "level", "field", "q")


def province_code(union: Union) -> str:
    """The code of the union at the top of `union`'s tree (its province)."""
    return union.path.strip("/").split("/")[0]


def filter_unions() -> QuerySet[Union]:
    """The unions the public list filters by: the provinces and every union with a studio."""
    return Union.objects.filter(
        Q(parent__isnull=True, kind=Union.Kind.PROVINCIAL)
        | Q(pk__in=Studio.objects.values("union_id"))
    ).order_by("path")


def _with_counts(qs: QuerySet[Studio]) -> QuerySet[Studio]:
    return qs.select_related("union", "employer", "leader").annotate(
        member_count=Count("members", distinct=True)
    )


def public_studios(
    *,
    union: str = "",
    region: str = "",
    level: str = "",
    field: str = "",
    q: str = "",
) -> QuerySet[Studio]:
    """Studios anyone may list, filtered by union code (its subtree), region code (its
    subtree), level, field and a word of the name."""
    qs = Studio.objects.all()
    if union:
        found = Union.objects.filter(code=union).values_list("path", flat=True).first()
        qs = qs.filter(union__path__startswith=found) if found else qs.none()
    if region:
        qs = qs.filter(
            Q(union__region__code=region) | Q(union__region__path__contains=f"/{region}/")
        )
    if level == "none":
        qs = qs.filter(level__isnull=True)
    elif level in StudioLevel.values:
        qs = qs.filter(level=level)
    if field:
        qs = qs.filter(field__icontains=field)
    if q:
        qs = qs.filter(name__icontains=q)
    return _with_counts(qs).order_by("union__path", "name", "id")


def fields() -> list[str]:
    return list(Studio.objects.order_by("field").values_list("field", flat=True).distinct()[:200])


@dataclass(frozen=True)
class PublicStudio:
    """What a public page shows of a studio."""

    studio: Studio
    leader: str  # masked
    member_count: int
    grants: list


def public_studio(studio: Studio) -> PublicStudio:
    return PublicStudio(
        studio=studio,
        leader=mask_name(studio.leader.name),
        member_count=studio.members.count(),
        grants=list(studio.level_grants.select_related("union").order_by("granted_on", "id")),
    )


def officer_studios(user, *, q: str = "", level: str = "") -> QuerySet[Studio]:
    qs = Studio.objects.restrict(user)
    if q:
        qs = qs.filter(Q(name__icontains=q) | Q(field__icontains=q))
    if level == "none":
        qs = qs.filter(level__isnull=True)
    elif level in StudioLevel.values:
        qs = qs.filter(level=level)
    return _with_counts(qs).order_by("union__path", "name", "id")


def members(studio: Studio) -> QuerySet[StudioMember]:
    return studio.members.select_related("worker", "worker__employer").order_by("id")


def led_studios(worker) -> QuerySet[Studio]:
    return Studio.objects.filter(leader=worker).select_related("union", "employer")
