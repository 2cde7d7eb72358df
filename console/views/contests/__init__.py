"""Contest setup: series and divisions, contests and events (with their eligibility rules and
status steps), and each contest's audit page."""

from django.urls import path
from django.utils.translation import gettext_lazy as _

from console.nav import section
from console.views.contests import audit, pages, series

section(10, _("Contests"), "console:contests")
section(11, _("Series"), "console:series")

urlpatterns = [
    path("contests/", pages.contest_list, name="contests"),
    path("contests/new/", pages.contest_create, name="contest-create"),
    path("contests/<int:pk>/", pages.contest_detail, name="contest"),
    path("contests/<int:pk>/edit/", pages.contest_edit, name="contest-edit"),
    path("contests/<int:pk>/status/", pages.contest_status, name="contest-status"),
    path("contests/<int:pk>/events/new/", pages.event_create, name="event-create"),
    path("contests/<int:pk>/audit/", audit.contest_audit, name="contest-audit"),
    path("events/<int:pk>/", pages.event_detail, name="event"),
    path("events/<int:pk>/edit/", pages.event_edit, name="event-edit"),
    path("series/", series.series_list, name="series"),
    path("series/new/", series.series_create, name="series-create"),
    path("series/<int:pk>/", series.series_edit, name="series-edit"),
    path("divisions/new/", series.division_create, name="division-create"),
    path("divisions/<int:pk>/", series.division_edit, name="division-edit"),
]
