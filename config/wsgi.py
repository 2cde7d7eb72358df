import os

from django.core.wsgi import get_wsgi_application

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
