"""The console's front page: the officer's contests by stage (console.selectors), each with
what needs doing next and a link to the page that does it."""

from django.shortcuts import render
from django.urls import path
from django.utils.translation import gettext_lazy as _

from console import selectors
from console.nav import section
from console.views.base import officer_required
from console.views.contests.common import with_links


@officer_required
def dashboard(request):
    groups = [
        (code, label, [with_links(item) for item in items])
        for code, label, items in selectors.dashboard(request.user)
    ]
    any_contest = any(items for _code, _label, items in groups)
    return render(request, "console/dashboard.html", {"groups": groups, "any_contest": any_contest})


section(0, _("Dashboard"), "console:dashboard")

urlpatterns = [path("", dashboard, name="dashboard")]
