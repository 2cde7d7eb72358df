# Owned by the judging work (issue 4): replace these placeholder views.
from django.http import HttpResponse
from django.urls import path


def _placeholder(request, *args, **kwargs):
    return HttpResponse("Gongjiang")


urlpatterns = [
    path("judge/", _placeholder, name="judge-home"),
]
