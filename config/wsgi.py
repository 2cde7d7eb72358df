import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
django_application = get_wsgi_application()

# The hottest anonymous public pages are answered from Redis before Django (public.fastpath).
from public.fastpath import PublicFastPath  # noqa: E402  (needs the settings configured above)

application = PublicFastPath(django_application)
