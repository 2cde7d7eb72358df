"""/manage/: the officer console. Each area module under console/views holds its own
`urlpatterns`; they are gathered here in menu order."""

from console.views import dashboard, results

app_name = "console"

urlpatterns = [
    *dashboard.urlpatterns,
    *results.urlpatterns,
]
