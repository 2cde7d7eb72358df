"""Console: bank pages (gathered by console/views/training/__init__.py)."""

urlpatterns: list = []
