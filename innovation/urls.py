"""Public pages of innovation studios, results, exhibitions and alliances (under the site's
language prefix), and the pages of studio leaders and reviewers. One module per page family,
gathered here."""

from innovation.views import alliances, assessments, exhibitions, results, reviews, stats, studios

app_name = "innovation"

urlpatterns = [
    *studios.urlpatterns,
    *alliances.urlpatterns,
    *assessments.urlpatterns,
    *reviews.urlpatterns,
    *results.urlpatterns,
    *exhibitions.urlpatterns,
    *stats.urlpatterns,
]
