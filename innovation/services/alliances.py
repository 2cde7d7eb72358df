"""Writes of alliances: found an alliance of unions, add and remove member studios.

The convening union's officers run the alliance (its name, its member unions); each member
union's officers add their own studios, and only studios of a member union's subtree.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from core.access import check, require
from core.models import User
from core.scope import manages_union
from innovation.access import covers, manages_alliance, manages_studio
from innovation.models.alliances import Alliance, AllianceMembership
from innovation.models.studios import Studio
from innovation.services.audit import record
from unions.models import Union


@transaction.atomic
def found_alliance(
    *,
    actor: User,
    slug: str,
    name: str,
    convener: Union,
    unions: Iterable[Union],
    description: str = "",
    founded_on: dt.date | None = None,
    reason: str = "",
) -> Alliance:
    require(manages_union(actor, convener), _("Only officers of the convening union may do this."))
    name = (name or "").strip()
    errors: dict[str, list[str]] = {}
    if not name or len(name) > 200:
        errors["name"] = [_("Give a name of at most 200 characters.")]
    if Alliance.objects.filter(slug=slug).exists():
        errors["slug"] = [_("This code is taken.")]
    if len(description or "") > 4000:
        errors["description"] = [_("At most %(n)d characters.") % {"n": 4000}]
    unions = list(unions)
    if convener not in unions:
        unions.append(convener)
    if errors:
        raise ValidationError(errors)
    alliance = Alliance.objects.create(
        slug=slug, name=name, convener=convener, description=description, founded_on=founded_on
    )
    alliance.unions.set(unions)
    record(
        actor=actor,
        union=convener,
        action="alliance.found",
        subject=name,
        new={"slug": slug, "unions": [u.code for u in unions]},
        reason=reason,
    )
    return alliance


@transaction.atomic
def set_alliance_unions(
    *, actor: User, alliance: Alliance, unions: Iterable[Union], reason: str = ""
) -> None:
    check(manages_alliance, actor, alliance)
    unions = set(unions) | {alliance.convener}
    old = sorted(alliance.unions.values_list("code", flat=True))
    alliance.unions.set(unions)
    record(
        actor=actor,
        union=alliance.convener,
        action="alliance.unions",
        subject=alliance.name,
        old={"unions": old},
        new={"unions": sorted(u.code for u in unions)},
        reason=reason,
    )


@transaction.atomic
def join_alliance(
    *,
    actor: User,
    alliance: Alliance,
    studio: Studio,
    joined_on: dt.date | None = None,
    reason: str = "",
) -> AllianceMembership:
    check(manages_studio, actor, studio)
    if not any(covers(union, studio.union) for union in alliance.unions.all()):
        raise ValidationError({"studio": _("The studio's union is not a member of the alliance.")})
    membership, created = AllianceMembership.objects.get_or_create(
        alliance=alliance, studio=studio, defaults={"joined_on": joined_on or dt.date.today()}
    )
    if created:
        record(
            actor=actor,
            union=studio.union,
            studio=studio,
            action="alliance.join",
            subject=alliance.name,
            new={"alliance": alliance, "joined_on": membership.joined_on},
            reason=reason,
        )
    return membership


@transaction.atomic
def leave_alliance(*, actor: User, membership: AllianceMembership, reason: str = "") -> None:
    studio = membership.studio
    require(
        manages_studio(actor, studio) or manages_alliance(actor, membership.alliance),
        _("Only officers of the studio's or the convening union may do this."),
    )
    record(
        actor=actor,
        union=studio.union,
        studio=studio,
        action="alliance.leave",
        subject=membership.alliance.name,
        old={"alliance": membership.alliance, "joined_on": membership.joined_on},
        reason=reason,
    )
    membership.delete()
