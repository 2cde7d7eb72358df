"""Worker pages: exams (filled by its own module; gathered by training/urls.py)."""

urlpatterns: list = []
