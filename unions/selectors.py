"""Reads for regions and unions.

Regions and unions are public reference data (names and codes only, no personal data). The
lists of work units and officers are the API viewsets' querysets, cut to the officer's
union subtree by the restricted viewset base (core.api.base).
"""

from django.db.models import QuerySet

from core.filters import is_id
from unions.models import Region, Union


def resolve_region(value: str | int) -> Region | None:
    """A region by GB/T 2260 code or by primary key: filters accept either.

    Codes are six digits and ids are small integers, so a six-digit value is tried as a code
    first; a short number is an id. Returns None for an unknown value.
    """
    raw = str(value).strip()
    if not raw:
        return None
    region = Region.objects.filter(code=raw).first()
    if region is None and is_id(raw):
        region = Region.objects.filter(pk=int(raw)).first()
    return region


def resolve_union(value: str | int) -> Union | None:
    """A union by code or by primary key (code first: codes are what people type)."""
    raw = str(value).strip()
    if not raw:
        return None
    union = Union.objects.filter(code=raw).first()
    if union is None and is_id(raw):
        union = Union.objects.filter(pk=int(raw)).first()
    return union


def region_list() -> QuerySet[Region]:
    return Region.objects.all()


def union_list() -> QuerySet[Union]:
    return Union.objects.all()
