"""/manage/: the officer console. Each area module under console/views holds its own
`urlpatterns`; they are gathered here in menu order."""

from console.views import (
    contests,
    dashboard,
    innovation,
    judging,
    people,
    registrations,
    results,
    schemes,
    showcase,
    training,
)

app_name = "console"

urlpatterns = [
    *dashboard.urlpatterns,
    *contests.urlpatterns,
    *schemes.urlpatterns,
    *people.urlpatterns,
    *registrations.urlpatterns,
    *judging.urlpatterns,
    *results.urlpatterns,
    *training.urlpatterns,
    *showcase.urlpatterns,
    *innovation.urlpatterns,
]
