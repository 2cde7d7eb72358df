"""A WSGI layer in front of Django for the hottest anonymous public pages.

The first page of a leaderboard and a contest's award lists (HTML and API) are read far more
than anything else. Going through Django's middleware, URL resolver and views costs about
1 ms of CPU per request even when the body comes from Redis; here the stored response and the
version numbers it depends on travel in ONE Redis round trip (MGET) and are answered at once.

Correctness rules:
- Only anonymous GETs without cookies other than the CSRF and language ones, and without an
  Authorization header, are served here; everything else (a session or messages cookie, a
  token, HEAD/POST, a query string except the leaderboard page's own filters on the HTML
  page) goes to Django untouched.
- A stored entry carries the versions read BEFORE Django rendered it (public.cache scopes);
  `public.cache.bump()` moves a version, so the next read misses and Django renders again.
- The stored HTML holds a placeholder instead of the visitor's CSRF token: each visitor gets
  their own (from their csrftoken cookie, or a new secret set as a cookie), as Django would.
- Nothing personal is stored: the entry is the anonymous page, without its Set-Cookie headers.
"""

import os
import re
from collections.abc import Callable, Iterable
from urllib.parse import parse_qsl

from django.conf import settings
from django.http import HttpResponseBase
from django.http.request import split_domain_port, validate_host
from django.middleware import csrf

from public import cache

# (pattern on PATH_INFO, version scope kind, is HTML, query keys allowed). Language prefix
# only on HTML pages. Filtered HTML leaderboards are cached by Django already (under the full
# path), so they are kept here too; the API builds filtered pages per request and so do we.
LEADERBOARD_KEYS = frozenset(
    ("region", "union", "employer_kind", "tier", "q", "page", "after", "before")
)
ROUTES = (
    (re.compile(r"^/(?:en/)?events/(\d+)/leaderboard/$"), "e", True, LEADERBOARD_KEYS),
    (re.compile(r"^/(?:en/)?contests/(\d+)/awards/$"), "c", True, frozenset()),
    (re.compile(r"^/api/v1/public/events/(\d+)/leaderboard/$"), "e", False, frozenset()),
    (re.compile(r"^/api/v1/public/contests/(\d+)/awards/$"), "c", False, frozenset()),
)
MARK = b"__GJ_CSRF__"
_SKIP_HEADERS = {"set-cookie", "content-length"}


def _cookie_names(header: str) -> set[str]:
    return {part.split("=", 1)[0].strip() for part in header.split(";") if part.strip()}


def _cookies(header: str) -> dict[str, str]:
    out = {}
    for part in header.split(";"):
        name, _, value = part.strip().partition("=")
        out[name] = value
    return out


def route(environ: dict) -> tuple[str, tuple[str, int], bool] | None:
    """(cache key, version scope, is HTML) when this request may be answered here, else None."""
    if environ.get("REQUEST_METHOD") != "GET":
        return None
    if environ.get("HTTP_AUTHORIZATION"):
        return None
    cookie = environ.get("HTTP_COOKIE")
    if cookie and not _cookie_names(cookie) <= {
        settings.CSRF_COOKIE_NAME,
        settings.LANGUAGE_COOKIE_NAME,
    }:
        return None  # a session, messages or any other state: Django decides
    if not _host_allowed(environ):
        return None  # Django answers 400 (ALLOWED_HOSTS)
    secure = _is_secure(environ)
    if settings.SECURE_SSL_REDIRECT and not secure:
        return None  # Django redirects to https
    path, query = environ.get("PATH_INFO", ""), environ.get("QUERY_STRING", "")
    for pattern, kind, html, keys in ROUTES:
        m = pattern.match(path)
        if m:
            if html and settings.CSRF_USE_SESSIONS:
                return None
            if query and not _known_query(query, keys):
                return None
            # Secure and plain requests get different headers (HSTS): kept apart.
            where = f"{'s' if secure else 'p'}:{environ.get('SCRIPT_NAME', '')}{path}"
            key = f"public:f:{where}?{query}" if query else f"public:f:{where}"
            return key, (kind, int(m.group(1))), html
    return None


def _host_allowed(environ: dict) -> bool:
    """The Host check of HttpRequest.get_host, without building a request."""
    if settings.USE_X_FORWARDED_HOST:
        return False  # rare; Django decides
    host = environ.get("HTTP_HOST") or environ.get("SERVER_NAME", "")
    domain, _port = split_domain_port(host)
    allowed = settings.ALLOWED_HOSTS
    if settings.DEBUG and not allowed:
        allowed = [".localhost", "127.0.0.1", "[::1]"]
    return bool(domain) and validate_host(domain, allowed)


def _is_secure(environ: dict) -> bool:
    """HttpRequest.is_secure() from the WSGI environ (SECURE_PROXY_SSL_HEADER honoured)."""
    if settings.SECURE_PROXY_SSL_HEADER:
        header, secure_value = settings.SECURE_PROXY_SSL_HEADER
        value = environ.get(header)
        if value is not None:
            return value.split(",")[0].strip() == secure_value
    return environ.get("wsgi.url_scheme") == "https"


def _known_query(query: str, keys: frozenset) -> bool:
    if not keys or len(query) > 400:
        return False
    try:
        pairs = parse_qsl(query, keep_blank_values=True, strict_parsing=True)
    except ValueError:
        return False
    return bool(pairs) and all(k in keys for k, _ in pairs)


_CHARS = csrf.CSRF_ALLOWED_CHARS
_INDEX = {c: i for i, c in enumerate(_CHARS)}
_LIMIT = 256 - 256 % len(_CHARS)  # bytes at or above would bias the first characters


def _random_chars(n: int) -> str:
    """n characters like Django's CSRF strings, from os.urandom in one call (unbiased).

    get_random_string draws one secrets.choice per character: 64 draws for a secret and its
    mask were most of the time of a page served here to a visitor without a CSRF cookie.
    """
    out: list[str] = []
    while len(out) < n:
        out.extend(_CHARS[b % len(_CHARS)] for b in os.urandom(n + 16) if b < _LIMIT)
    return "".join(out[:n])


def _mask(secret: str) -> str:
    """The same cipher as django.middleware.csrf._mask_cipher_secret, with a faster mask."""
    mask = _random_chars(len(secret))
    size = len(_CHARS)
    return mask + "".join(
        _CHARS[(_INDEX[x] + _INDEX[y]) % size] for x, y in zip(secret, mask, strict=True)
    )


def _csrf(environ: dict) -> tuple[bytes, list[tuple[str, str]]]:
    """A masked CSRF token for this visitor, and the Set-Cookie header when they had none."""
    secret = _cookies(environ.get("HTTP_COOKIE", "")).get(settings.CSRF_COOKIE_NAME)
    try:
        if secret is None:
            raise csrf.InvalidTokenFormat("missing")
        csrf._check_token_format(secret)
        if len(secret) == csrf.CSRF_TOKEN_LENGTH:  # a masked token from an old cookie
            secret = csrf._unmask_cipher_token(secret)
        return _mask(secret).encode(), []
    except csrf.InvalidTokenFormat:
        secret = _random_chars(csrf.CSRF_SECRET_LENGTH)
    response = HttpResponseBase()
    response.set_cookie(
        settings.CSRF_COOKIE_NAME,
        secret,
        max_age=settings.CSRF_COOKIE_AGE,
        domain=settings.CSRF_COOKIE_DOMAIN,
        path=settings.CSRF_COOKIE_PATH,
        secure=settings.CSRF_COOKIE_SECURE,
        httponly=settings.CSRF_COOKIE_HTTPONLY,
        samesite=settings.CSRF_COOKIE_SAMESITE,
    )
    cookies = [("Set-Cookie", c.output(header="")) for c in response.cookies.values()]
    return _mask(secret).encode(), cookies


def _stored(status: str, headers: list[tuple[str, str]]) -> bool:
    """Only a plain 200 whose only cookie is the CSRF one may be kept for every visitor."""
    if not status.startswith("200"):
        return False
    prefix = settings.CSRF_COOKIE_NAME + "="
    return all(v.lstrip().startswith(prefix) for k, v in headers if k.lower() == "set-cookie")


class PublicFastPath:
    """Wraps the Django WSGI application (config/wsgi.py)."""

    def __init__(self, app: Callable) -> None:
        self.app = app

    def __call__(self, environ: dict, start_response: Callable) -> Iterable[bytes]:
        hit = route(environ)
        if hit is None:
            return self.app(environ, start_response)
        key, scope, html = hit
        current, entry = cache._lookup(key, (scope,))
        if entry is not None:
            status, headers, body = entry
            if html and MARK in body:
                token, cookies = _csrf(environ)
                body = body.replace(MARK, token)
                headers = headers + cookies
            start_response(status, [*headers, ("Content-Length", str(len(body)))])
            return [body]
        return self._render(environ, start_response, key, current, html)

    def _render(self, environ, start_response, key, current, html):
        """A miss: Django answers; a storable answer is kept under the versions read before."""
        seen = {}

        def capture(status, headers, exc_info=None):
            seen["status"], seen["headers"] = status, headers
            return start_response(status, headers, exc_info)

        result = self.app(environ, capture)
        if not _stored(seen.get("status", ""), seen.get("headers", [])):
            return result
        try:
            body = b"".join(result)
        finally:
            if hasattr(result, "close"):
                result.close()
        kept = [(k, v) for k, v in seen["headers"] if k.lower() not in _SKIP_HEADERS]
        stored = cache._CSRF_RE.sub(cache._CSRF_MARK, body) if html else body
        cache._set(key, (current, (seen["status"], kept, stored)), cache.PAGE_TTL)
        return [body]
