"""Remembered API tokens: the token authentication of the hottest writes (a like, an answer
save), with every property of core.tokens kept.

The first request of a token is checked as everywhere (core.tokens.ExpiringTokenAuthentication:
the token and its user read, expiry, active user and password hash compared). Afterwards this
process remembers it, in its own memory (the entry holds the password hash, which is kept out
of Redis), and the request carries a `Credential` (request.auth) instead of reading the token
and user again. A credential is a claim, not a proof: it must be checked again in the same
request before anything is written, so that revoking a token, changing the password or
deactivating the user stops the very next request, as everywhere else:

- `RememberedTokenAuthentication` checks it itself, with one raw indexed read (`holds`): no
  ORM query to compile, no model to build, no password-derived hash to compute. When it no
  longer holds, the token is checked afresh (a 401, and the revoked tokens deleted).
- `DeferredTokenAuthentication` leaves the check to the view's write (the answer save: its
  one UPDATE checks the credential in the same statement, training.services.answering, and
  says when it did not hold); the view then calls `recheck`, which checks the token afresh.

The request's user is a `User` with only its id, password hash and `is_active` set: enough for
the permission (AUTHENTICATED) and for writes keyed by the user's id; a view that needs more
of the user must not use these classes.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass

from django.db import connection
from django.utils import timezone
from rest_framework.authentication import get_authorization_header

from core.models import ApiToken, User
from core.tokens import ExpiringTokenAuthentication, token_digest


@dataclass(frozen=True)
class Credential:
    """An API token checked earlier (not in this request): to be checked again before a write."""

    token_id: int
    password: str  # the user's password hash the token was checked against


_CHECK = None  # the check's SQL condition, built once (table names from the models)


def credential_condition() -> str:
    """An SQL condition (for a write's WHERE) that holds while the credential does: the token
    still exists for this user, has not expired, and its user is active with the same
    password hash. Its parameters: `credential_params`."""
    global _CHECK
    if _CHECK is None:
        token, user = ApiToken._meta.db_table, User._meta.db_table
        _CHECK = (
            f"EXISTS (SELECT 1 FROM {token} t JOIN {user} u ON u.id = t.user_id"
            " WHERE t.id = %s AND t.user_id = %s AND t.expires > %s"
            " AND u.is_active = %s AND u.password = %s)"
        )
    return _CHECK


def credential_params(credential: Credential, user_id: int, now) -> list:
    return [credential.token_id, user_id, now, True, credential.password]


def holds(credential: Credential, user_id: int) -> bool:
    """Whether the credential still holds: one indexed read (the token's primary key)."""
    with connection.cursor() as cur:
        cur.execute(
            f"SELECT 1 WHERE {credential_condition()}",
            credential_params(credential, user_id, timezone.now()),
        )
        return cur.fetchone() is not None


class DeferredTokenAuthentication(ExpiringTokenAuthentication):
    """Remembers checked tokens; the view checks the `Credential` in its write (see above)."""

    LIMIT = 20_000  # tokens remembered per process (a busy window's members on one worker)
    _remembered: OrderedDict[str, tuple] = OrderedDict()

    @classmethod
    def remembered_credential(cls, key: str) -> tuple[int, Credential] | None:
        """(user id, credential) of a token this process checked before and that has not
        expired since; None otherwise."""
        hit = cls._remembered.get(token_digest(key or ""))
        if hit is None or hit[3] <= timezone.now():
            return None
        user_id, token_id, password, _expires = hit
        return user_id, Credential(token_id=token_id, password=password)

    def remembered(self, key: str) -> tuple[User, Credential] | None:
        found = self.remembered_credential(key)
        if found is None:
            return None
        user_id, credential = found
        user = User(pk=user_id, password=credential.password, is_active=True)
        return user, credential

    def authenticate_credentials(self, key):
        found = self.remembered(key)
        if found is not None:
            return found
        user, token = super().authenticate_credentials(key)
        self._remembered[token_digest(key or "")] = (
            user.pk,
            token.pk,
            user.password,
            token.expires,
        )
        while len(self._remembered) > self.LIMIT:
            self._remembered.popitem(last=False)
        return user, token

    def forget(self, request) -> None:
        auth = get_authorization_header(request).split()
        if len(auth) == 2:
            self._remembered.pop(token_digest(auth[1].decode(errors="replace")), None)

    def recheck(self, request) -> User:
        """The remembered credential no longer held: forget it and check the token afresh
        (AuthenticationFailed, a 401, when it was revoked); the user it belongs to."""
        self.forget(request)
        user, _token = self.authenticate(request)
        return user


class RememberedTokenAuthentication(DeferredTokenAuthentication):
    """Remembers checked tokens and checks the credential itself, with one raw read."""

    def authenticate_credentials(self, key):
        found = self.remembered(key)
        if found is not None:
            user, credential = found
            if holds(credential, user.pk):
                return user, credential
            self._remembered.pop(token_digest(key or ""), None)
            return ExpiringTokenAuthentication.authenticate_credentials(self, key)
        return super().authenticate_credentials(key)
