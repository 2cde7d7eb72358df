"""Contest awards: gold workers, gold teams, advanced collectives and top-ten achievements,
computed from the events' current results (a task with progress), previewed in full, then
published with every event's results (results.services.publish_contest)."""

from __future__ import annotations

from django.shortcuts import render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from console.forms.results import PublishForm
from console.views.base import officer_required
from console.views.results.events import publishing
from console.views.results.progress import job_started, own_task, start_job, task_context
from contests.models import Contest
from contests.scoping import contest_page
from core.access import hidden, manages_contest
from results import selectors, services, tasks
from results.models import AwardRow
from unions.models import Employer

# The two jobs the page starts: the awards alone, or every event first.
JOBS = {"awards": tasks.compute_contest_awards, "all": tasks.compute_contest_results}


def page_url(contest: Contest, task=None) -> str:
    url = reverse("console:contest-awards", kwargs={"pk": contest.pk})
    return f"{url}?task={task.pk}" if task is not None else url


def award_lists(request, snapshot) -> list[dict]:
    """The award snapshot's lists by kind, names in full for the officer's own subtree."""
    rows = list(snapshot.rows.order_by("kind", "rank", "id")) if snapshot else []
    paths = dict(
        Employer.objects.filter(pk__in={r.employer_id for r in rows}).values_list(
            "pk", "union__path"
        )
    )
    shows_full = selectors.full_name_test(request.user)
    lists = []
    for kind, label in AwardRow.Kind.choices:
        items = [
            {
                "row": row,
                "name": row.display_name
                if shows_full(paths.get(row.employer_id))
                else row.masked_name,
            }
            for row in rows
            if row.kind == kind
        ]
        lists.append({"kind": kind, "label": label, "items": items})
    return lists


def render_page(request, contest: Contest, *, publish_form=None):
    current = selectors.award_snapshot(contest, provisional=True)
    public = selectors.award_snapshot(contest, provisional=False)
    task = own_task(request)
    context = {
        "contest": contest,
        "current": current,
        "public": public,
        "lists": award_lists(request, current),
        "events": selectors.events_state(contest),
        "publish_form": publish_form or PublishForm(),
        **task_context(task, page_url(contest, task)),
    }
    return render(request, "console/results/awards.html", context)


@officer_required
@contest_page(hidden(manages_contest))
def contest_awards(request, contest: Contest):
    return render_page(request, contest)


@officer_required
@require_POST
@contest_page(hidden(manages_contest))
def compute(request, contest: Contest):
    task = JOBS.get(request.POST.get("scope", ""), JOBS["awards"])
    return job_started(start_job(request, task, contest.pk), page_url(contest))


@officer_required
@require_POST
@contest_page(hidden(manages_contest))
def publish(request, contest: Contest):
    return publishing(
        request,
        lambda **data: services.publish_contest(actor=request.user, contest=contest, **data),
        done=lambda awards: (
            _("The contest's results and version %(version)s of its awards are public.")
            % {"version": awards.version}
        ),
        back=page_url(contest),
        again=lambda form: render_page(request, contest, publish_form=form),
    )


urlpatterns = [
    path("contests/<int:pk>/awards/", contest_awards, name="contest-awards"),
    path("contests/<int:pk>/awards/compute/", compute, name="contest-awards-compute"),
    path("contests/<int:pk>/awards/publish/", publish, name="contest-awards-publish"),
]
