"""What every contests service checks the same way: required text, the actor's reach over
the unions named, and one denial message per access rule of `core.access`."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.access import check, manages_union, may_remove_union, require

if TYPE_CHECKING:
    from core.models import User
    from unions.models import Union

# The denial of `manages_union` when the actor picks a union (the named rules carry their own).
OUTSIDE_SUBTREE = gettext_lazy("This union is outside your union subtree.")


def require_manages_any(actor: User, unions: Iterable[Union], field: str) -> None:
    """Co-organised things (a series, a division): the actor manages one of their unions."""
    unions = list(unions)
    if not unions:
        raise ValidationError({field: [_("Choose at least one union.")]})
    require(
        any(manages_union(actor, u) for u in unions),
        _("None of these unions is in your union subtree."),
    )


def required_text(value: str | None, field: str, errors: dict[str, list[str]]) -> str:
    text = (value or "").strip()
    if not text:
        errors[field] = [_("This field is required.")]
    return text


def require_may_replace(actor: User, current: Iterable[Union], new: Iterable[Union]) -> None:
    """Changing a shared object's unions (a series' organisers, a division's lead unions):
    the actor keeps one they manage, and each union taken off is theirs to take off
    (`core.access.may_remove_union`): a co-organiser cannot push the others out."""
    new_ids = {u.pk for u in new}
    for union in current:
        if union.pk not in new_ids:
            check(may_remove_union, actor, union)
