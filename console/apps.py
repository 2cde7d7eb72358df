from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConsoleConfig(AppConfig):
    """The officer console (/manage/): union officers run whole contests in the browser.

    The top layer: its pages read through the selectors and write through the services of
    every app below, so no rule is written a second time here.
    """

    name = "console"
    verbose_name = _("Officer console")
