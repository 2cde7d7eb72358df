"""Public pages of innovation studios, results, exhibitions and alliances (under the site's
language prefix). One module per page family, gathered here."""

from innovation.views import exhibitions, results, stats, studios

app_name = "innovation"

urlpatterns = [
    *studios.urlpatterns,
    *results.urlpatterns,
    *exhibitions.urlpatterns,
    *stats.urlpatterns,
]
