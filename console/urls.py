"""/manage/: the officer console. Each area module under console/views holds its own
`urlpatterns`; they are gathered here in menu order."""

from console.views import dashboard, people, schemes

app_name = "console"

urlpatterns = [
    *dashboard.urlpatterns,
    *schemes.urlpatterns,
    *people.urlpatterns,
]
