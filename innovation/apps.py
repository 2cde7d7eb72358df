from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InnovationConfig(AppConfig):
    name = "innovation"
    verbose_name = _("Worker innovation studios")

    def ready(self):
        from core import media
        from innovation.models import EvidenceFile, ResultImage

        # Rating evidence (innovation.services.ratings) and result pictures (ResultImage).
        media.owns(
            "innovation/evidence/",
            lambda: EvidenceFile.objects.values_list("stored_name", flat=True),
        )
        media.owns(
            "innovation/results/", lambda: ResultImage.objects.values_list("image", flat=True)
        )
