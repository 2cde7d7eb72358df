import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
django_application = get_asgi_application()

# As in config/wsgi.py: the hottest anonymous public pages are answered from Redis first.
from public.fastpath import AsgiPublicFastPath  # noqa: E402  (needs the settings configured above)

application = AsgiPublicFastPath(django_application)
