"""A layer in front of Django for the hottest anonymous public pages (WSGI and ASGI).

The first page of a leaderboard, a contest's award lists (HTML and API) and the showcase's
anonymous feed (its first page, hot or latest) are read far more than anything else. Going through Django's middleware, URL resolver and views costs about
1 ms of CPU per request even when the body comes from Redis; here the stored response and the
version numbers it depends on travel in ONE Redis round trip (public.cache.lookup) and are
answered at once.

Correctness rules:
- Only anonymous GETs without cookies other than the CSRF and language ones, and without an
  Authorization header, are served here; everything else (a session or messages cookie, a
  token, HEAD/POST, a query string except the leaderboard page's own filters on the HTML
  page) goes to Django untouched. So does every request Django would refuse or redirect: a
  host outside ALLOWED_HOSTS, plain http when SECURE_SSL_REDIRECT is on. Both are read from
  Django's own request object (get_host, is_secure), never re-implemented here.
- A stored entry carries the versions read BEFORE Django rendered it (public.cache scopes,
  or the showcase feed's version: showcase.selectors.feed_cache); `public.cache.bump()` (or
  `feed_cache.invalidate()`) moves a version, so the next read misses and Django renders
  again. Feed entries live the feed cache's TTL (likes move its counts without a bump).
- Anonymous pages carry no CSRF token (the language switch is a plain link) and nothing
  personal, so a stored page is the same for every visitor. Only a plain 200 without any
  Set-Cookie header is stored.
- What a process served from Redis it keeps in its own memory for LOCAL_SECONDS (1 s) and
  serves from there without a round trip (a micro-cache: most of the cost of a cached
  page was that round trip). A bump in the same process drops those copies at once
  (core.cache.moved); other processes drop theirs within the second, so a published or
  withdrawn post or result reaches every visitor at most LOCAL_SECONDS later than Redis.
- Pages say their language in the path; the API answers in the caller's (config.i18n), so
  API entries are kept per language, and stored only when Django answered in the language
  the key names (Content-Language): should the two ever disagree, nothing wrong is served.
"""

import io
import re
from collections.abc import Callable, Iterable
from urllib.parse import parse_qsl

from asgiref.sync import sync_to_async
from django.conf import settings
from django.core.exceptions import DisallowedHost
from django.core.handlers.asgi import ASGIRequest
from django.core.handlers.wsgi import WSGIRequest
from django.http import HttpRequest
from django.utils.translation import get_language_from_request

from core.cache import LocalCache
from public import cache
from showcase.selectors import feed_cache

# (pattern on the path, the version keys of a match, is HTML, query keys allowed, TTL).
# Language prefix only on HTML pages. Filtered HTML leaderboards are cached by Django already
# (under the full path), so they are kept here too; the API builds filtered pages per request
# and so do we.
LEADERBOARD_KEYS = frozenset(
    ("region", "union", "employer_kind", "tier", "q", "page", "after", "before")
)
# The showcase's feed: only its first page (no `page`), as Django caches it for anonymous
# visitors (showcase.selectors.feed_cache), under the feed's own version and TTL: publishing
# or withdrawing a post bumps that version, so it leaves this layer at once too.
FEED_KEYS = frozenset(("order", "kind", "unit", "region"))


def _scoped(kind: str) -> Callable[[re.Match], list[str]]:
    return lambda m: [cache.version_key(kind, int(m.group(1)))]


def _feed_version(m: re.Match) -> list[str]:
    return [feed_cache.VERSION_KEY]


ROUTES = (
    (re.compile(r"^/(?:en/)?events/(\d+)/leaderboard/$"), _scoped("e"), True, LEADERBOARD_KEYS),
    (re.compile(r"^/(?:en/)?contests/(\d+)/awards/$"), _scoped("c"), True, frozenset()),
    (re.compile(r"^/api/v1/public/events/(\d+)/leaderboard/$"), _scoped("e"), False, frozenset()),
    (re.compile(r"^/api/v1/public/contests/(\d+)/awards/$"), _scoped("c"), False, frozenset()),
    (re.compile(r"^/(?:en/)?showcase/$"), _feed_version, True, FEED_KEYS, feed_cache.TTL),
)
LOCAL_SECONDS = 1.0
_local = LocalCache(seconds=LOCAL_SECONDS, limit=256)  # key: (headers, body)


# Cheap first test on the raw path, before a request object is built.
HOT = re.compile(r"/(?:events/\d+/leaderboard|contests/\d+/awards|showcase)/$")
_SKIP_HEADERS = {"set-cookie", "content-length"}


def route(request: HttpRequest) -> tuple[str, list[str], str, int] | None:
    """(cache key, version keys, language of the answer or "" when the path says it, TTL)
    when this request may be answered here, else None."""
    if request.method != "GET" or "HTTP_AUTHORIZATION" in request.META:
        return None
    if not set(request.COOKIES) <= {settings.CSRF_COOKIE_NAME, settings.LANGUAGE_COOKIE_NAME}:
        return None  # a session, messages or any other state: Django decides
    try:
        request.get_host()
    except DisallowedHost:
        return None  # Django answers 400
    secure = request.is_secure()
    if settings.SECURE_SSL_REDIRECT and not secure:
        return None  # Django redirects to https
    query = request.META.get("QUERY_STRING", "")
    for pattern, versions, html, keys, *ttl in ROUTES:
        m = pattern.match(request.path_info)
        if m:
            if query and not _known_query(query, keys):
                return None
            # Secure and plain requests get different headers (HSTS): kept apart.
            language = "" if html else get_language_from_request(request, check_path=False)
            where = f"{'s' if secure else 'p'}:{language}:{request.path}"
            key = f"public:f:{where}?{query}" if query else f"public:f:{where}"
            return key, versions(m), language, ttl[0] if ttl else cache.PAGE_TTL
    return None


def _known_query(query: str, keys: frozenset) -> bool:
    if not keys or len(query) > 400:
        return False
    try:
        pairs = parse_qsl(query, keep_blank_values=True, strict_parsing=True)
    except ValueError:
        return False
    return bool(pairs) and all(k in keys for k, _ in pairs)


def storable(
    status: int, headers: list[tuple[str, str]], language: str
) -> list[tuple[str, str]] | None:
    """The headers to keep for every visitor, or None when this answer must not be kept."""
    if status != 200 or any(k.lower() == "set-cookie" for k, _ in headers):
        return None
    if language and (language, "content-language") not in {(v, k.lower()) for k, v in headers}:
        return None
    return [(k, v) for k, v in headers if k.lower() not in _SKIP_HEADERS]


class PublicFastPath:
    """Wraps the Django WSGI application (config/wsgi.py)."""

    def __init__(self, app: Callable) -> None:
        self.app = app

    def __call__(self, environ: dict, start_response: Callable) -> Iterable[bytes]:
        hit = None
        if environ.get("REQUEST_METHOD") == "GET" and HOT.search(environ.get("PATH_INFO", "")):
            hit = route(WSGIRequest(environ))
        if hit is None:
            return self.app(environ, start_response)
        key, vkeys, language, ttl = hit
        entry = _local.get(key)
        if entry is None:
            current, entry = cache.lookup_under(key, vkeys)
            if entry is None:
                return self._render(environ, start_response, key, current, language, ttl)
            _local.set(key, entry)
        headers, body = entry
        start_response("200 OK", [*headers, ("Content-Length", str(len(body)))])
        return [body]

    def _render(self, environ, start_response, key, current, language, ttl):
        """A miss: Django answers; a storable answer is kept under the versions read before."""
        seen = {}

        def capture(status, headers, exc_info=None):
            seen["status"], seen["headers"] = status, headers
            return start_response(status, headers, exc_info)

        result = self.app(environ, capture)
        status = int(seen.get("status", "0")[:3])
        kept = storable(status, seen.get("headers", []), language)
        if kept is None:
            return result
        try:
            body = b"".join(result)
        finally:
            if hasattr(result, "close"):
                result.close()
        cache.store(key, current, (kept, body), ttl)
        return [body]


class AsgiPublicFastPath:
    """The same layer around Django's ASGI application (config/asgi.py)."""

    def __init__(self, app: Callable) -> None:
        self.app = app

    async def __call__(self, scope: dict, receive: Callable, send: Callable) -> None:
        hit = None
        if scope["type"] == "http" and scope["method"] == "GET" and HOT.search(scope["path"]):
            hit = route(ASGIRequest(scope, io.BytesIO()))
        if hit is None:
            return await self.app(scope, receive, send)
        key, vkeys, language, ttl = hit
        current, entry = await sync_to_async(cache.lookup_under, thread_sensitive=False)(key, vkeys)
        if entry is not None:
            headers, body = entry
            await send(
                {
                    "type": "http.response.start",
                    "status": 200,
                    "headers": [
                        *((k.encode("latin-1"), v.encode("latin-1")) for k, v in headers),
                        (b"content-length", str(len(body)).encode()),
                    ],
                }
            )
            await send({"type": "http.response.body", "body": body})
            return None
        return await self._render(scope, receive, send, key, current, language, ttl)

    async def _render(self, scope, receive, send, key, current, language, ttl):
        start, chunks = {}, []

        async def capture(message):
            if message["type"] == "http.response.start":
                start.update(message)
            elif message["type"] == "http.response.body":
                chunks.append(message.get("body", b""))
            await send(message)

        await self.app(scope, receive, capture)
        headers = [(k.decode("latin-1"), v.decode("latin-1")) for k, v in start.get("headers", ())]
        kept = storable(start.get("status", 0), headers, language)
        if kept is not None:
            await sync_to_async(cache.store, thread_sensitive=False)(
                key, current, (kept, b"".join(chunks)), ttl
            )
