from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ShowcaseConfig(AppConfig):
    name = "showcase"
    verbose_name = _("Online showcase")

    def ready(self):
        from core import media
        from showcase.models import PostImage

        # Post pictures: showcase/<post id>/<random>.jpg (showcase.services.posts.add_image).
        media.owns("showcase/", lambda: PostImage.objects.values_list("name", flat=True))
