"""Reads for regions, unions, officers and work units.

Every list an officer reaches is cut to their union subtree (core.scope); regions and unions
themselves are public reference data (names and codes only, no personal data).
"""

from django.db.models import QuerySet

from core.models import User
from unions.models import Employer, Officer, Region, Union


def resolve_region(value: str | int) -> Region | None:
    """A region by GB/T 2260 code or by primary key: filters accept either.

    Codes are six digits and ids are small integers, so a six-digit value is tried as a code
    first; a short number is an id. Returns None for an unknown value.
    """
    raw = str(value).strip()
    if not raw:
        return None
    region = Region.objects.filter(code=raw).first()
    if region is None and raw.isdigit():
        region = Region.objects.filter(pk=int(raw)).first()
    return region


def resolve_union(value: str | int) -> Union | None:
    """A union by code or by primary key (code first: codes are what people type)."""
    raw = str(value).strip()
    if not raw:
        return None
    union = Union.objects.filter(code=raw).first()
    if union is None and raw.isdigit():
        union = Union.objects.filter(pk=int(raw)).first()
    return union


def region_list() -> QuerySet[Region]:
    return Region.objects.all()


def union_list() -> QuerySet[Union]:
    return Union.objects.all()


def union_list_managed(*, user: User) -> QuerySet[Union]:
    """The unions a user may write to: their own and every union below it."""
    return Union.objects.restrict(user)


def employer_list(*, user: User) -> QuerySet[Employer]:
    return Employer.objects.restrict(user).select_related("region", "union")


def officer_list(*, user: User) -> QuerySet[Officer]:
    return Officer.objects.restrict(user).select_related("user", "union")
