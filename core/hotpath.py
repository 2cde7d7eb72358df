"""The hottest API writes (a like, an answer save) answered in front of Django (WSGI).

Why: through Django's middleware, URL resolver and DRF, one like costs about 1.5 ms of CPU
and three database round trips (the connection's health check, the token check, the write);
on a 2-core machine with two workers that caps a test window or a showcase at a few hundred
writes a second. Here a write costs its service's one statement, which checks the caller's
credential itself (core.api.authentication: `Credential`).

What is answered here, and what is not. Everything not answered here goes to Django
untouched, and Django then decides as always; so this layer only ever takes the fast way
to the answer Django would give:

- only a registered route (method and path), called with `Authorization: Token …` and no
  cookie, whose token this process has checked before (the remembered credential of
  core.api.authentication); a first request, a session or a form body goes to Django;
- only a request Django would not refuse or redirect for its host or scheme (Django's own
  request object is asked, and its answer remembered per host and scheme);
- only once Django has answered that route in this process, for the same Accept-Language
  and scheme: the answer here carries exactly the headers Django gave then (security
  headers, Vary, Content-Language), never a copy written by hand;
- the route's handler (the app's service) writes only when every rule holds, checking the
  credential in the same statement, and returns None when it wrote nothing: Django then
  handles the request with its full checks and error messages. Handlers are idempotent (a
  like twice is one like; an answer saved twice is the same answer), so a request handed to
  Django after this layer did nothing gets the answer it would have got;
- a database error closes the connection and hands the request to Django.

Only WSGI (gunicorn, docs/operations.md) has this layer; under ASGI these requests go to
Django, which answers the same, slower.
"""

from __future__ import annotations

import io
import logging
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import DisallowedHost
from django.core.handlers.wsgi import WSGIRequest
from django.db import DatabaseError, connection
from rest_framework.renderers import JSONRenderer

from core.api.authentication import Credential, DeferredTokenAuthentication

log = logging.getLogger(__name__)

MAX_BODY = 4096  # bytes: a like has none, an answer a few hundred; larger goes to Django
_MEMO_LIMIT = 512  # remembered hosts and header sets (the Host header is the caller's)


@dataclass(frozen=True)
class Caller:
    """The token's user and the credential to check in the write's statement."""

    user_id: int
    credential: Credential


# handler(path match, caller, request body) -> the JSON answer's data, or None: not written.
Handler = Callable[[re.Match, Caller, bytes], dict | None]


@dataclass(frozen=True)
class HotRoute:
    methods: frozenset[str]
    pattern: re.Pattern
    handler: Handler


_renderer = JSONRenderer()  # DRF's own JSON: the same bytes the API view would give


class HotApiPath:
    """Wraps the WSGI application (config/wsgi.py)."""

    def __init__(self, app: Callable, routes: Iterable[HotRoute]) -> None:
        self.app = app
        self.routes = tuple(routes)
        self._hosts: dict[tuple, bool | None] = {}  # environ's host part: None refused, secure
        self._headers: dict[tuple, list[tuple[str, str]]] = {}  # Django's, per route/lang
        proxy = getattr(settings, "SECURE_PROXY_SSL_HEADER", None)
        self._host_keys = _HOST_KEYS + ((proxy[0],) if proxy else ())

    def __call__(self, environ: dict, start_response: Callable) -> Iterable[bytes]:
        found = self._route(environ)
        if found is None:
            return self.app(environ, start_response)
        index, match = found
        secure = self._secure(environ)
        language = environ.get("HTTP_ACCEPT_LANGUAGE", "")
        if secure is None or len(language) > 100:
            return self.app(environ, start_response)  # refused, or an unusual header: Django
        key = (index, secure, language)
        headers = self._headers.get(key)
        caller = _caller(environ)
        body = _body(environ)
        if headers is None or caller is None or body is None:
            return self._django(environ, start_response, key)
        try:
            data = self.routes[index].handler(match, caller, body)
        except DatabaseError:
            log.warning("hot path: database error, handing the request to Django", exc_info=True)
            connection.close()  # Django's own request opens a fresh one
            data = None
        if data is None:
            return self._django(environ, start_response, key)
        out = _renderer.render(data)
        start_response("200 OK", [*headers, ("Content-Length", str(len(out)))])
        return [out]

    def _route(self, environ: dict) -> tuple[int, re.Match] | None:
        if environ.get("HTTP_COOKIE") or not environ.get("HTTP_AUTHORIZATION", "").startswith(
            "Token "
        ):
            return None
        method, path = environ.get("REQUEST_METHOD"), environ.get("PATH_INFO", "")
        for index, route in enumerate(self.routes):
            if method in route.methods:
                match = route.pattern.match(path)
                if match:
                    return index, match
        return None

    def _secure(self, environ: dict) -> bool | None:
        """Whether the request is secure; None when Django would refuse its host or redirect
        it to https. Django's request object answers; the answer is kept per host part."""
        key = tuple(environ.get(k) for k in self._host_keys)
        if key in self._hosts:
            return self._hosts[key]
        request = WSGIRequest({**environ, "wsgi.input": io.BytesIO()})
        try:
            request.get_host()
            secure = request.is_secure()
            answer = None if settings.SECURE_SSL_REDIRECT and not secure else secure
        except DisallowedHost:
            answer = None
        if len(self._hosts) >= _MEMO_LIMIT:
            self._hosts.clear()
        self._hosts[key] = answer
        return answer

    def _django(self, environ: dict, start_response: Callable, key: tuple) -> Iterable[bytes]:
        """Django answers; the headers of a plain 200 are kept for this route and language."""

        def capture(status, headers, exc_info=None):
            if status.startswith("200 ") and not any(k.lower() == "set-cookie" for k, _ in headers):
                if len(self._headers) >= _MEMO_LIMIT:
                    self._headers.clear()
                self._headers[key] = [
                    (k, v) for k, v in headers if k.lower() not in ("content-length", "date")
                ]
            return start_response(status, headers, exc_info)

        return self.app(environ, capture)


# What Django's get_host() and is_secure() read from the environ.
_HOST_KEYS = (
    "HTTP_HOST",
    "SERVER_NAME",
    "SERVER_PORT",
    "wsgi.url_scheme",
    "HTTP_X_FORWARDED_HOST",
    "HTTP_X_FORWARDED_PORT",
    "HTTP_X_FORWARDED_PROTO",
    "HTTP_X_FORWARDED_SSL",
)


def _caller(environ: dict) -> Caller | None:
    """The remembered credential of the request's token, or None (Django checks it)."""
    parts = environ.get("HTTP_AUTHORIZATION", "").split()
    if len(parts) != 2:
        return None
    found = DeferredTokenAuthentication.remembered_credential(parts[1])
    if found is None:
        return None
    user_id, credential = found
    return Caller(user_id=user_id, credential=credential)


def _body(environ: dict) -> bytes | None:
    """The request body when small and JSON (or empty); None sends the request to Django.
    What was read is put back for Django."""
    try:
        length = int(environ.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return None
    if length <= 0:
        return b""
    if length > MAX_BODY or not environ.get("CONTENT_TYPE", "").startswith("application/json"):
        return None
    body = environ["wsgi.input"].read(length)
    environ["wsgi.input"] = io.BytesIO(body)
    return body
