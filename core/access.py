"""Who may do what to which object: every object-level access rule, in one module.

Two layers decide access. The first, per view and action, is `core.permissions` (declared
policies such as OFFICER or JUDGE). The second is this module: whether this user may act on
this union, contest or event. Row visibility in lists is the same rule expressed as a
queryset filter (`core.scope.RestrictQuerySet.restrict`), applied by the viewset base
(`core.api.base.RestrictedViewSetMixin`).

A rule is a function `(user, obj) -> bool` that knows what a refusal says (`rule.denial`).
Services call `require(rule(actor, obj), message)` with a message of their own; views
declare the rule and let the framework apply it (`core.api.base.ScopedObjectMixin` for the
API, `core.pages.scoped_page` for pages), which resolves the object named in the URL once,
answers 404 if it does not exist and `check`s the rule: 403 with the rule's denial, or 404
for a rule wrapped in `hidden()` (the caller must not learn that the object exists).

The rules read objects through their relations only (`contest.host_union`,
`event.judge_assignments`), so this bottom-layer module imports no upper app.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _

from core.scope import is_officer, manages_union, officer_path

if TYPE_CHECKING:
    from core.models import User

__all__ = [
    "check",
    "hidden",
    "is_chief_judge",
    "is_officer",
    "leads_division",
    "manages_contest",
    "manages_event",
    "manages_event_or_chief",
    "manages_judge",
    "manages_union",
    "may_remove_union",
    "of",
    "officer_path",
    "require",
    "resolve",
    "sees_contest",
    "sees_event",
]

Rule = Callable[[Any, Any], bool]

DEFAULT_DENIAL = _("You do not have permission to perform this action.")


def rule(denial=DEFAULT_DENIAL) -> Callable[[Rule], Rule]:
    """Mark a function as an access rule whose refusal says `denial`."""

    def mark(test: Rule) -> Rule:
        test.denial = denial
        test.hides = False
        return test

    return mark


@rule(_("Only officers of the host union may do this."))
def manages_contest(user: User | None, contest) -> bool:
    """Officers of the host union (or a union above it) run the contest."""
    return contest is not None and manages_union(user, contest.host_union)


@rule(_("Only officers of the host union may do this."))
def manages_event(user: User | None, event) -> bool:
    """An event is run by whoever runs its contest."""
    return event is not None and manages_contest(user, event.contest)


@rule()
def is_chief_judge(user: User | None, event) -> bool:
    """Whether the user judges this event as its chief judge. `event` is an Event or its id."""
    if user is None or not user.is_authenticated or not hasattr(user, "judge"):
        return False
    event_id = getattr(event, "pk", event)
    return user.judge.assignments.filter(event_id=event_id, chief=True).exists()


@rule(_("Only officers of the host union or the chief judge may do this."))
def manages_event_or_chief(user: User | None, event) -> bool:
    """Penalties, completion times and the judging status: host officers or the chief judge."""
    return manages_event(user, event) or is_chief_judge(user, event)


@rule(_("Only officers of that union (or of a union above it) may remove it."))
def may_remove_union(user: User | None, union) -> bool:
    """Taking a union off a shared object (a series' organisers, a division's lead unions):
    that union's own officers, or those of a union above it. A co-organiser cannot push
    the others out."""
    return manages_union(user, union)


def leads_division(union, division) -> bool:
    """Whether `union` (a contest's host) leads the division: it is one of the division's
    lead unions or lies below one. Contests go only into divisions their host leads."""
    return union is not None and any(
        union.path.startswith(lead.path) for lead in division.lead_unions.all()
    )


@rule(_("This judge belongs to a union outside your union subtree."))
def manages_judge(user: User | None, judge) -> bool:
    """A judge is the officers' of the judge's union (and of the unions above it):
    assigning to a panel, passwords, deactivation. The same rule as the judge lists
    (`Judge.objects.restrict`)."""
    return judge is not None and manages_union(user, judge.union)


@rule(_("This contest is not public yet."))
def sees_contest(user: User | None, contest) -> bool:
    """A draft contest (its events, schemes and results) is for the host's officers only."""
    return contest is not None and (contest.status != "draft" or manages_contest(user, contest))


@rule(_("This event is not public yet."))
def sees_event(user: User | None, event) -> bool:
    """An event of a draft contest: the host's officers and the event's judges only."""
    if event is None:
        return False
    if sees_contest(user, event.contest):
        return True
    if user is None or not user.is_authenticated:
        return False
    return event.judge_assignments.filter(judge__user_id=user.pk).exists()


def hidden(test: Rule) -> Rule:
    """The same rule, refusing with 404 instead of 403.

    For objects whose very existence is not the caller's business: an officer reaching for
    another union's event learns nothing from the answer (`Event.objects.restrict(user)`
    behaves the same in lists).
    """

    @functools.wraps(test)
    def hiding(user, obj) -> bool:
        return test(user, obj)

    hiding.denial = getattr(test, "denial", DEFAULT_DENIAL)
    hiding.hides = True
    return hiding


def of(test: Rule, attribute: str) -> Rule:
    """The rule applied to one of the object's relations: `of(manages_event, "event")` on
    an entry asks about the entry's event. Keeps the rule's denial and hiding."""

    @functools.wraps(test)
    def related(user, obj) -> bool:
        return test(user, getattr(obj, attribute))

    related.denial = getattr(test, "denial", DEFAULT_DENIAL)
    related.hides = getattr(test, "hides", False)
    return related


def check(test: Rule, user, obj) -> None:
    """Raise unless the rule allows: 404 for a hidden rule, else 403 with its denial."""
    if test(user, obj):
        return
    if getattr(test, "hides", False):
        raise Http404
    raise PermissionDenied(getattr(test, "denial", DEFAULT_DENIAL))


def resolve(queryset: QuerySet, user, test: Rule | None = None, **lookup):
    """The object `lookup` names (404 if there is none), checked against the rule if any."""
    obj = get_object_or_404(queryset, **lookup)
    if test is not None:
        check(test, user, obj)
    return obj


def require(allowed: bool, message=DEFAULT_DENIAL) -> None:
    """Raise PermissionDenied (HTTP 403 through the API and the pages) unless `allowed`.

    For a condition that is not a named rule; a rule is checked with `check(rule, user, obj)`,
    which refuses with the rule's own denial. Services check before doing any work, so a
    refused request costs nothing.
    """
    if not allowed:
        raise PermissionDenied(message)
