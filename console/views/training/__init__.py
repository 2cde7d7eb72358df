"""The training area of the console: the question bank and online tests. One module per page
family; gathered here so console.urls names the area once."""

from console.views.training import bank, exams

urlpatterns = [*bank.urlpatterns, *exams.urlpatterns]
