"""The console's front page: the officer's contests by stage, with what needs doing next."""

from django.db.models import Count, Q
from django.shortcuts import render
from django.urls import path
from django.utils.translation import gettext_lazy as _

from console.nav import section
from console.views.base import officer_required
from contests.models import Contest, Registration


@officer_required
def dashboard(request):
    contests = (
        Contest.objects.restrict(request.user)
        .select_related("host_union")
        .annotate(
            pending=Count(
                "events__registrations",
                filter=Q(events__registrations__status=Registration.Status.PENDING),
            )
        )
        .order_by("-id")
    )
    stages = {status: [] for status, _label in Contest.Status.choices}
    for contest in contests:
        stages[contest.status].append(contest)
    groups = [(label, stages[status]) for status, label in Contest.Status.choices]
    return render(request, "console/dashboard.html", {"groups": groups})


section(0, _("Dashboard"), "console:dashboard")

urlpatterns = [path("", dashboard, name="dashboard")]
