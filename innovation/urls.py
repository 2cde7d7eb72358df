"""Public pages of innovation studios, results, exhibitions and alliances (under the site's
language prefix). One module per page family, gathered here."""

from innovation.views import alliances, assessments, results, reviews, studios

app_name = "innovation"

urlpatterns = [
    *studios.urlpatterns,
    *alliances.urlpatterns,
    *assessments.urlpatterns,
    *reviews.urlpatterns,
    *results.urlpatterns,
]
