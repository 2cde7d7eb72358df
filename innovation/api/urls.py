"""/api/v1/innovation/…: studios, ratings, alliances, topics, projects, results, exhibitions."""

from innovation.api import exhibitions, results, studios

urlpatterns = [*studios.urlpatterns, *results.urlpatterns, *exhibitions.urlpatterns]
