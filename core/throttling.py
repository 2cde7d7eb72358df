"""Rate limits and login lockouts, counted in the cache (Redis in production).

- Logins (the site's login page, the admin's and `POST /api/v1/auth/token/`): every
  password check goes through `LockoutBackend`, which counts failures per account and per
  address for `GJ_LOGIN_COOLOFF_MINUTES`; at `GJ_LOGIN_FAILURES` for an account (or
  `GJ_LOGIN_ADDRESS_FAILURES` from one address) that account (or address) is refused, even
  with the right password, until the cool-off ends. Pages answer 429 with a page saying when
  to retry (`LockoutMiddleware`), the API 429 with `Retry-After`.
- The API: anonymous callers at `GJ_THROTTLE_ANON` (`AnonThrottle`, the default throttle),
  sign-ups (API and page) at `GJ_THROTTLE_SIGNUP` per address (`SignupThrottle`).
- Rates are read from the settings at each request (`settings.GJ_RATE_LIMITS`), so tests and
  deployments change them without touching the classes; `enabled` off turns every limit off.
- The limits fail open: when the cache cannot be reached the request goes through and the
  failure is logged (a Redis outage must not lock everyone out of the site).

The address is the one DRF identifies (`REST_FRAMEWORK["NUM_PROXIES"]`, `GJ_NUM_PROXIES`:
how many proxies in front of the site append to X-Forwarded-For; 0 uses the peer address, so
a client cannot pick its own address by sending the header).
"""

from __future__ import annotations

import hashlib
import logging
import math
import time

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.utils import timezone
from rest_framework.throttling import AnonRateThrottle, BaseThrottle, SimpleRateThrottle

logger = logging.getLogger("gongjiang.throttling")

LOCKOUT_ATTRIBUTE = "gj_lockout_wait"


def limits() -> dict:
    return settings.GJ_RATE_LIMITS


def enabled() -> bool:
    return bool(limits()["enabled"])


def client_address(request) -> str:
    return BaseThrottle().get_ident(request) or ""


def _digest(value: str) -> str:
    return hashlib.sha256(value.encode()).hexdigest()[:32]


def _keys(kind: str, value: str) -> tuple[str, str]:
    digest = _digest(value)
    return f"gj:login:fail:{kind}:{digest}", f"gj:login:lock:{kind}:{digest}"


def _subjects(username: str | None, request) -> list[tuple[str, str, int]]:
    """(kind, value, failure limit) for the account and the address of an attempt."""
    found = [("address", client_address(request), limits()["login_address_failures"])]
    name = (username or "").strip().casefold()
    if name:
        found.insert(0, ("account", name, limits()["login_failures"]))
    return found


def lockout_wait(username: str | None, request) -> int | None:
    """Seconds until this account or address may try again; None when it may now."""
    if not enabled():
        return None
    keys = [_keys(kind, value)[1] for kind, value, _limit in _subjects(username, request)]
    try:
        locked = cache.get_many(keys)
    except Exception:
        logger.warning("login lockout not checked: the cache is unreachable", exc_info=True)
        return None
    if not locked:
        return None
    wait = math.ceil(max(locked.values()) - time.time())
    return wait if wait > 0 else None


def record_failure(username: str | None, request) -> None:
    """Count a failed login; lock the account or address that reached its limit."""
    if not enabled():
        return
    cooloff = limits()["login_cooloff_minutes"] * 60
    try:
        for kind, value, limit in _subjects(username, request):
            count_key, lock_key = _keys(kind, value)
            cache.add(count_key, 0, timeout=cooloff)
            try:
                count = cache.incr(count_key)
            except ValueError:  # expired between add and incr
                cache.set(count_key, count := 1, timeout=cooloff)
            if count >= limit:
                cache.set(lock_key, time.time() + cooloff, timeout=cooloff)
                cache.delete(count_key)
                logger.warning("login %s locked for %d s after %d failures", kind, cooloff, count)
    except Exception:
        logger.warning("login failure not counted: the cache is unreachable", exc_info=True)


def record_success(username: str | None) -> None:
    """The right password: the account's failures so far are forgotten (not the address's,
    or one known account would let an address guess others' passwords without limit)."""
    if not enabled() or not username:
        return
    try:
        cache.delete(_keys("account", username.strip().casefold())[0])
    except Exception:
        logger.warning("login failures not reset: the cache is unreachable", exc_info=True)


class LockoutBackend(ModelBackend):
    """Django's password check behind the lockout (every login form and the token view)."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if username is None:
            username = kwargs.get(get_user_model().USERNAME_FIELD)
        if request is None:  # not a request (the test client's login, a command)
            return super().authenticate(request, username, password, **kwargs)
        wait = lockout_wait(username, request)
        if wait:
            setattr(request, LOCKOUT_ATTRIBUTE, wait)
            raise PermissionDenied  # no other backend is asked
        user = super().authenticate(request, username, password, **kwargs)
        if user is None:
            record_failure(username, request)
        else:
            record_success(username)
        return user


def too_many_requests(request, wait: int):
    """The 429 page in the site's layout: when to try again, with Retry-After."""
    retry_at = timezone.localtime(timezone.now() + timezone.timedelta(seconds=wait))
    response = render(
        request,
        "registration/too_many_requests.html",
        {"minutes": max(1, math.ceil(wait / 60)), "retry_at": retry_at},
        status=429,
    )
    response["Retry-After"] = str(wait)
    return response


class LockoutMiddleware:
    """A login refused by the lockout is answered with the 429 page, not "wrong password"."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        wait = getattr(request, LOCKOUT_ATTRIBUTE, None)
        if wait:
            return too_many_requests(request, wait)
        return response


class SettingsRateThrottle(SimpleRateThrottle):
    """A DRF throttle whose rate is read from settings.GJ_RATE_LIMITS at each request and
    which lets the request through, logged, when the cache is unreachable."""

    def __init__(self):  # the rate is looked up per request, in allow_request
        pass

    def get_rate(self):
        return limits()[self.scope]

    def allow_request(self, request, view):
        if not enabled():
            return True
        self.rate = self.get_rate()
        self.num_requests, self.duration = self.parse_rate(self.rate)
        try:
            return super().allow_request(request, view)
        except Exception:
            logger.warning("%s throttle not applied: the cache is unreachable", self.scope)
            return True


class AnonThrottle(SettingsRateThrottle, AnonRateThrottle):
    """Anonymous API callers, per address (`GJ_THROTTLE_ANON`)."""

    scope = "anon"


class SignupThrottle(SettingsRateThrottle):
    """Sign-ups per address, accepted or not (`GJ_THROTTLE_SIGNUP`)."""

    scope = "signup"

    def get_cache_key(self, request, view):
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}


def signup_wait(request) -> int | None:
    """For the sign-up page: seconds to wait when this address has signed up too often."""
    throttle = SignupThrottle()
    if throttle.allow_request(request, None):
        return None
    return max(1, math.ceil(throttle.wait() or 1))
