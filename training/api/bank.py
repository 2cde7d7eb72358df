"""API: bank (its router urls; gathered by training/api/urls.py)."""

urlpatterns: list = []
