"""The innovation area of the console: studios, their ratings and reviewers, alliances; topics,
projects, results and exhibitions. One module per page family; gathered here."""

from console.views.innovation import alliances, exhibitions, ratings, results, studios

urlpatterns = [
    *studios.urlpatterns,
    *ratings.urlpatterns,
    *alliances.urlpatterns,
    *results.urlpatterns,
    *exhibitions.urlpatterns,
]
