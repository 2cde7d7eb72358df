"""Reads of alliances for the public pages: member studios by province and the studio-side
joint counts (studios by level, members). The joint counts of results are the results
part's (innovation.selectors of results)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Count, QuerySet

from core.validators import mask_name
from innovation.models.alliances import Alliance
from innovation.models.studios import Studio, StudioLevel, StudioMember
from innovation.selectors.studios import province_code
from unions.models import Union


def alliances() -> QuerySet[Alliance]:
    return Alliance.objects.select_related("convener").annotate(
        studio_count=Count("memberships", distinct=True)
    )


@dataclass
class ProvinceGroup:
    union: Union | None
    studios: list = field(default_factory=list)


@dataclass
class AlliancePage:
    alliance: Alliance
    provinces: list[ProvinceGroup]
    by_level: list[tuple[str, int]]  # (level label, count), highest first, then unrated
    studio_count: int
    member_count: int


def alliance_page(alliance: Alliance) -> AlliancePage:
    studios = list(
        Studio.objects.filter(alliance_memberships__alliance=alliance)
        .select_related("union", "employer", "leader")
        .annotate(member_count=Count("members", distinct=True))
        .order_by("union__path", "name", "id")
    )
    roots = {u.code: u for u in Union.objects.filter(parent__isnull=True)}
    groups: dict[str, ProvinceGroup] = {}
    for studio in studios:
        studio.leader_masked = mask_name(studio.leader.name)
        code = province_code(studio.union)
        groups.setdefault(code, ProvinceGroup(roots.get(code))).studios.append(studio)
    levels = Counter(s.level for s in studios)
    by_level = [(label, levels[value]) for value, label in reversed(StudioLevel.choices)]
    if levels[None]:
        by_level.append(("—", levels[None]))
    members = (
        StudioMember.objects.filter(studio__in=[s.pk for s in studios])
        .values("worker")
        .distinct()
        .count()
    )
    return AlliancePage(
        alliance=alliance,
        provinces=[groups[k] for k in sorted(groups)],
        by_level=by_level,
        studio_count=len(studios),
        member_count=members,
    )
