"""The site's WSGI application plus one trivial Redis-backed Django view, for
bench/bench_training.py's baseline: `GET /bench/redis/` reads one key from the cache
(Redis) through the whole Django middleware stack and answers a small JSON body. It is
mounted only in this benchmark's gunicorn (`--pythonpath bench redis_view_wsgi:application`);
the production URLconf is untouched on disk.
"""

from config.wsgi import application  # noqa: F401, I001  (first: sets Django up)
from django.core.cache import cache
from django.http import JsonResponse
from django.urls import path

from config import urls


def redis_ping(request):
    return JsonResponse({"value": cache.get("bench:redis-ping", 0)})


urls.urlpatterns.insert(0, path("bench/redis/", redis_ping))
