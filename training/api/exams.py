"""API: exams (its router urls; gathered by training/api/urls.py)."""

urlpatterns: list = []
