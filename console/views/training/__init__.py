"""The training area of the console: the question bank and online tests. One module per page
family; gathered here so console.urls names the area once."""

from console.views.training import bank, bank_import, exams

urlpatterns = [*bank.urlpatterns, *bank_import.urlpatterns, *exams.urlpatterns]
