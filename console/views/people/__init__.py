"""People: judge accounts, the judge panel of each event, and the worker import.

One module per page group; the URLs of all three are gathered here for console.urls.
"""

from django.urls import path
from django.utils.translation import gettext_lazy as _

from console.nav import section
from console.views.people import imports, judges, panels

section(60, _("Judges"), "console:judges")
section(70, _("Worker import"), "console:worker-import")

urlpatterns = [
    path("judges/", judges.judge_list, name="judges"),
    path("judges/<int:pk>/password/", judges.judge_password, name="judge-password"),
    path("judges/<int:pk>/active/", judges.judge_active, name="judge-active"),
    path("events/<int:pk>/panel/", panels.panel, name="event-panel"),
    path("events/<int:pk>/panel/<int:judge>/remove/", panels.remove, name="event-panel-remove"),
    path("workers/import/", imports.start, name="worker-import"),
    path("workers/import/template.xlsx", imports.template, name="worker-import-template"),
    path("workers/import/<int:pk>/", imports.status, name="worker-import-status"),
    path("workers/import/<int:pk>/errors.csv", imports.errors, name="worker-import-errors"),
]
