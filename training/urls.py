"""Worker pages of online practice and online tests (under the site's language prefix)."""

from training.views import exams, practice

app_name = "training"

urlpatterns = [*practice.urlpatterns, *exams.urlpatterns]
