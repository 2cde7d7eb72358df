"""The first permission layer: each view declares who may do each action.

A view sets `permission_policy = {"list": PUBLIC, "create": OFFICER, ...}` (action names are
DRF's: list, retrieve, create, update, partial_update, destroy and custom @action names; the
key "*" is the default). `DeclaredPermission` reads it; an action with no declared policy is
refused, so forgetting a declaration fails closed. Which rows a permitted user reaches is the
second layer: querysets restricted to the user's union subtree (core.scope).
"""

from collections.abc import Callable

from rest_framework.permissions import BasePermission

from core.scope import is_officer

Rule = Callable[[object], bool]


def PUBLIC(user) -> bool:  # noqa: N802 - reads as a constant in policies
    return True


def AUTHENTICATED(user) -> bool:  # noqa: N802
    return bool(user and user.is_authenticated)


def OFFICER(user) -> bool:  # noqa: N802
    """An officer of some union, or a superuser."""
    return is_officer(user)


def SUPERUSER(user) -> bool:  # noqa: N802
    return bool(user and user.is_authenticated and user.is_superuser)


def WORKER(user) -> bool:  # noqa: N802
    return AUTHENTICATED(user) and hasattr(user, "worker")


def JUDGE(user) -> bool:  # noqa: N802
    return AUTHENTICATED(user) and hasattr(user, "judge")


def any_of(*rules: Rule) -> Rule:
    def rule(user) -> bool:
        return any(r(user) for r in rules)

    rule.__name__ = "|".join(r.__name__ for r in rules)
    return rule


class DeclaredPermission(BasePermission):
    message = "You do not have permission to perform this action."

    def has_permission(self, request, view) -> bool:
        policy = getattr(view, "permission_policy", None)
        if policy is None:
            return False
        action = getattr(view, "action", None) or request.method.lower()
        rule = policy.get(action, policy.get("*"))
        if rule is None:
            return False
        return bool(rule(request.user))
