from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ResultsConfig(AppConfig):
    name = "results"
    verbose_name = _("Results and awards")

    def ready(self) -> None:
        from contests.signals import registration_changed
        from judging.signals import marks_changed
        from results import receivers

        marks_changed.connect(
            receivers.recompute_on_marks_changed, dispatch_uid="results.recompute_on_marks_changed"
        )
        registration_changed.connect(
            receivers.recompute_on_registration_changed,
            dispatch_uid="results.recompute_on_registration_changed",
        )
