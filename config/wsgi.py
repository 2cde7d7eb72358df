import gc
import os

from django.core.wsgi import get_wsgi_application
from django.urls import get_resolver

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
django_application = get_wsgi_application()

# Needs the settings configured above:
from core.hotpath import HotApiPath  # noqa: E402
from public.fastpath import PublicFastPath  # noqa: E402
from showcase.hotpath import ROUTES as SHOWCASE_ROUTES  # noqa: E402
from training.hotpath import ROUTES as TRAINING_ROUTES  # noqa: E402

# The hottest anonymous public pages are answered from Redis before Django (public.fastpath);
# the hottest API writes, likes and answer saves, by their services' one statement before
# Django (core.hotpath).
application = HotApiPath(PublicFastPath(django_application), [*SHOWCASE_ROUTES, *TRAINING_ROUTES])

# Everything loaded so far (Django, the apps, the URLconf and the views it imports: about
# 120,000 objects) lives as long as the process: frozen out of the cyclic garbage
# collector, whose full collections otherwise walk them all. Measured: each full collection
# paused a worker for 70-80 ms, a test window's slowest answers (bench/bench_training.py,
# the paced saves' p99).
get_resolver().url_patterns  # noqa: B018  (imports every view now, not at the first request)
gc.collect()
gc.freeze()
