"""The results area of the console: event results, contest awards, public notice and
objections, documents. One module per page family; their URLs are gathered here so
console.urls names the area once."""

from django.utils.translation import gettext_lazy as _

from console import nav
from console.views import documents, objections
from console.views.results import awards, events, progress

nav.section(50, _("Results"), "console:results")

urlpatterns = [
    *events.urlpatterns,
    *awards.urlpatterns,
    *progress.urlpatterns,
    *objections.urlpatterns,
    *documents.urlpatterns,
]
