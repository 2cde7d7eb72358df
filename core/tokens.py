"""API tokens: one per client, expiring, revoked by a password change.

Why our own small model and not DRF's `authtoken` or knox: DRF's token is one per user and
never expires, so signing out one phone signs out every client and a leaked token works for
ever; knox would bring a dependency for the ~60 lines below. Here each login
(`POST /api/v1/auth/token/`) issues a new token for that client; only its SHA-256 is stored;
it expires `GJ_TOKEN_DAYS` after issue; it is refused (and deleted) once the user is
deactivated or their password changes, through the same password-derived hash Django checks
for sessions, so every way of changing a password (the site, the admin, `changepassword`)
revokes tokens without a signal. A user lists and revokes their own (core/api/views.py).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets

from django.conf import settings
from django.utils import timezone
from django.utils.crypto import constant_time_compare
from django.utils.translation import gettext as _
from rest_framework import exceptions
from rest_framework.authentication import TokenAuthentication

from core.models import ApiToken, User


def token_digest(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def issue_token(*, user: User, name: str = "") -> tuple[ApiToken, str]:
    """A new token for one client: (the record, the key, shown this once)."""
    key = secrets.token_hex(20)
    ApiToken.objects.filter(user=user, expires__lte=timezone.now()).delete()
    token = ApiToken.objects.create(
        user=user,
        digest=token_digest(key),
        prefix=key[:8],
        name=name[:200],
        auth_hash=user.get_session_auth_hash(),
        expires=timezone.now() + dt.timedelta(days=settings.GJ_TOKEN_DAYS),
    )
    return token, key


def revoke_tokens(*, user: User, token_id: int | None = None) -> int:
    """Delete the user's own tokens (one when `token_id` is given); how many went."""
    tokens = ApiToken.objects.filter(user=user)
    if token_id is not None:
        tokens = tokens.filter(pk=token_id)
    return tokens.delete()[0]


class ExpiringTokenAuthentication(TokenAuthentication):
    """`Authorization: Token <key>` against ApiToken: expired, deactivated or
    password-changed tokens are refused and deleted."""

    model = ApiToken

    def authenticate_credentials(self, key):
        token = (
            ApiToken.objects.select_related("user").filter(digest=token_digest(key or "")).first()
        )
        if token is None:
            raise exceptions.AuthenticationFailed(_("Invalid token."))
        user = token.user
        if token.expires <= timezone.now():
            token.delete()
            raise exceptions.AuthenticationFailed(_("This token has expired; log in again."))
        if not user.is_active:
            revoke_tokens(user=user)
            raise exceptions.AuthenticationFailed(_("This token was revoked; log in again."))
        current = user.get_session_auth_hash()
        if not constant_time_compare(token.auth_hash, current):
            ApiToken.objects.filter(user=user).exclude(auth_hash=current).delete()
            raise exceptions.AuthenticationFailed(_("This token was revoked; log in again."))
        return user, token
