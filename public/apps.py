from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PublicConfig(AppConfig):
    name = "public"
    verbose_name = _("Public site")

    def ready(self) -> None:
        from contests.signals import contest_changed
        from public import receivers
        from results.signals import results_published

        results_published.connect(
            receivers.drop_cached_results, dispatch_uid="public.drop_cached_results"
        )
        results_published.connect(
            receivers.revise_certificates, dispatch_uid="public.revise_certificates"
        )
        contest_changed.connect(
            receivers.drop_cached_contest, dispatch_uid="public.drop_cached_contest"
        )
