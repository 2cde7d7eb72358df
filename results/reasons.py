"""Award reasons in the reader's language.

The scoring rules give each award a reason as data (``scoring.awards``: a code and the
figures it cites); this words it through gettext when the award is shown, so the API, the
pages and the certificates speak the language of whoever reads them.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext

from scoring import awards


def _award_points(p: dict[str, Any]) -> str:
    tiers = pgettext("list separator", ", ").join(
        _("%(tier)s×%(count)s") % {"tier": tier, "count": count} for tier, count in p["tiers"]
    )
    if tiers:
        earned = _("Award points: %(points)s (%(tiers)s)") % {"points": p["points"], "tiers": tiers}
    else:
        earned = _("Award points: %(points)s") % {"points": p["points"]}
    n = p["entries"]
    if p["entry_points"] != "0":
        entered = (
            ngettext(
                "%(entries)s entry (participation points: %(entry_points)s), total %(total)s",
                "%(entries)s entries (participation points: %(entry_points)s), total %(total)s",
                n,
            )
            % p
        )
    else:
        entered = ngettext("%(entries)s entry", "%(entries)s entries", n) % p
    return _("%(earned)s, %(entered)s") % {"earned": earned, "entered": entered}


def reason_text(code: str, params: dict[str, Any], text: str = "") -> str:
    """The reason ``code`` with ``params`` in the active language; ``text`` for a reason
    stored as text (no code)."""
    if code == awards.EVENT_RANK:
        return _("%(event)s, rank %(rank)s, total %(total)s") % params
    if code == awards.STANDARDISED:
        return (
            _(
                "%(event)s, rank %(rank)s, standardised score %(standardised)s "
                "(rank %(overall)s of the contest)"
            )
            % params
        )
    if code == awards.TOP_ACHIEVEMENT:
        return (
            _(
                "%(event)s, rank %(rank)s, standardised score %(standardised)s "
                "(rank %(overall)s of the top ten)"
            )
            % params
        )
    if code == awards.TEAM_MEMBERS:
        return (
            ngettext(
                "Mean of %(members)s member's best total: %(score)s, team rank %(rank)s",
                "Mean of %(members)s members' best totals: %(score)s, team rank %(rank)s",
                params["members"],
            )
            % params
        )
    if code == awards.AWARD_POINTS:
        return _award_points(params)
    return text
