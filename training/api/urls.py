"""/api/v1/training/…: the question bank, practice and online tests."""

from training.api import bank, exams, practice

urlpatterns = [*bank.urlpatterns, *practice.urlpatterns, *exams.urlpatterns]
