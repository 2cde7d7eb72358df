# Owned by the public-site work (issue 6): replace these placeholder views.
from django.http import HttpResponse
from django.urls import path


def _placeholder(request, *args, **kwargs):
    return HttpResponse("Gongjiang")


urlpatterns = [
    path("", _placeholder, name="home"),
    path("me/results/", _placeholder, name="my-results"),
]
