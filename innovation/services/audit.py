"""The one writer of the innovation audit (`AuditEntry`): every service of the app calls
`record` inside its write's transaction."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from core.models import User
from innovation.models import AuditEntry, Studio
from unions.models import Union

REASON_MAX = 500


def plain(value: Any) -> Any:
    """A value as the audit stores it (JSON): models by id and name, dates as ISO text,
    decimals as text."""
    if hasattr(value, "pk"):
        return {"id": value.pk, "name": str(value)}
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


def _values(values: dict | None) -> dict | None:
    return None if values is None else {k: plain(v) for k, v in values.items()}


def record(
    *,
    actor: User | None,
    action: str,
    union: Union | None = None,
    studio: Studio | None = None,
    target: str = "",
    subject: str = "",
    old: dict | None = None,
    new: dict | None = None,
    reason: str = "",
    changed_only: bool = False,
) -> AuditEntry:
    """Record one write. The entry is scoped to `union`, or to the studio's union when only
    the studio is given. With `changed_only`, only the keys whose values differ are kept of
    `old` and `new`."""
    if union is None:
        if studio is None:
            raise ValueError("An audit entry needs a union or a studio.")
        union = studio.union
    old, new = _values(old), _values(new)
    if changed_only and old is not None and new is not None:
        changed = [k for k in new if old.get(k) != new.get(k)]
        old = {k: old.get(k) for k in changed}
        new = {k: new[k] for k in changed}
    return AuditEntry.objects.create(
        union=union,
        studio=studio,
        actor=actor if actor is not None and actor.is_authenticated else None,
        action=action,
        target=str(target)[:60],
        subject=str(subject)[:200],
        old=old,
        new=new,
        reason=(reason or "").strip()[:REASON_MAX],
    )
