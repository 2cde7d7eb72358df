"""Public pages: server-rendered, cached in Redis for anonymous visitors.

Views stay thin: selectors read, services write. Each cached page names the version scopes
its content depends on (public.cache), so publishing new results invalidates it at once.
"""

from functools import wraps
from urllib.parse import urlencode

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import translate_url
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_POST

from contests.models import Contest, ContestSeries, Event, Registration
from contests.scoping import CONTESTS, EVENTS, contest_page, event_page
from core import forms as checked
from core.access import hidden, manages_contest
from core.pagination import clamp_page
from public import cache, certificates, report, selectors, services
from public.filters import LeaderboardFilter
from public.models import Objection
from results.models import AwardRow, ResultSnapshot

VISIBLE = selectors.VISIBLE
VISIBLE_CONTESTS = CONTESTS.select_related("series", "division").filter(status__in=VISIBLE)
VISIBLE_EVENTS = EVENTS.select_related("contest__series").filter(contest__status__in=VISIBLE)


def cached_page(scopes):
    """Serve anonymous GETs from the cache under the given version scopes."""

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            anonymous = request.method == "GET" and not request.user.is_authenticated
            if not anonymous:
                return view(request, *args, **kwargs)
            key, body = cache.get_page(request, scopes(**kwargs))
            if body is not None:
                return HttpResponse(body)
            response = view(request, *args, **kwargs)
            if response.status_code == 200:
                cache.store_page(key, response.content)
            return response

        return wrapper

    return decorator


def _page(request, template: str, context: dict) -> HttpResponse:
    other = "zh-hans" if get_language() == "en" else "en"
    context["other_language"] = (other, translate_url(request.get_full_path(), other))
    return render(request, template, context)


@cached_page(lambda: (cache.SITE,))
def home(request):
    return _page(request, "public/home.html", {"series_list": selectors.home_data()})


@cached_page(lambda pk: (cache.SITE,))
def series_detail(request, pk: int):
    series = get_object_or_404(ContestSeries, pk=pk)
    data = next((s for s in selectors.home_data() if s["id"] == series.pk), None)
    return _page(
        request,
        "public/series.html",
        {
            "series": series,
            "divisions": series.divisions.prefetch_related("regions", "lead_unions"),
            "contests": data["contests"] if data else [],
        },
    )


def _event_summaries(contest: Contest) -> list[dict]:
    out = []
    for event in contest.events.order_by("id"):
        snap = selectors.public_snapshot(event.pk)
        notice = selectors.event_notice(event, snap)
        out.append({"event": event, "snapshot": snap, "notice": notice})
    return out


@cached_page(lambda pk: (("c", pk),))
@contest_page(queryset=VISIBLE_CONTESTS)
def contest_detail(request, contest: Contest):
    return _page(
        request,
        "public/contest.html",
        {
            "contest": contest,
            "events": _event_summaries(contest),
            "notice": selectors.contest_notice(contest),
            "counts": selectors.contest_counts(contest.pk),
            "awards": selectors.award_summary(contest),
            "is_officer": manages_contest(request.user, contest),
        },
    )


@cached_page(lambda pk: (("c", pk),))
@contest_page(queryset=VISIBLE_CONTESTS)
def contest_awards(request, contest: Contest):
    return _page(
        request,
        "public/awards.html",
        {
            "contest": contest,
            "awards": selectors.award_lists(contest),
            "notice": selectors.contest_notice(contest),
        },
    )


def _int(value, default=None, minimum=0):
    try:
        n = int(value)
    except (TypeError, ValueError):
        return default
    return n if n >= minimum else default


def leaderboard_context(meta: dict, params) -> dict:
    """One leaderboard page for an event's meta (selectors.event_meta) and query params.

    With no filter in the query the FilterSet is skipped: the page is a plain range scan.
    """
    snap = meta["snapshot"]
    ctx = {"snapshot": snap, "filter": None, "page": None, "filtered": False}
    if snap is None:
        return ctx
    qs = selectors.rows_for(snap["id"])
    filtered = False
    if any(params.get(k) for k in selectors.FILTER_KEYS):
        f = LeaderboardFilter(params, queryset=qs, snapshot_id=snap["id"])
        ctx["filter"] = f
        if not f.is_valid():
            ctx["page"] = {"rows": [], "has_next": False, "has_prev": False}
            return ctx
        qs, filtered = f.qs, True
    number = _int(params.get("page"), 1, 1)
    if not filtered:
        number = clamp_page(number, snap["entries"], selectors.PAGE_SIZE)
    page = selectors.leaderboard_page(
        qs,
        filtered=filtered,
        page=number,
        after=_int(params.get("after")),
        before=_int(params.get("before")),
    )
    page["ties"] = selectors.explain_ties(meta["id"], page["rows"])
    base = {k: v for k, v in params.items() if k not in {"page", "after", "before"} and v}
    page["next_query"] = urlencode({**base, "after": page["last"]}) if page["has_next"] else ""
    page["prev_query"] = urlencode({**base, "before": page["first"]}) if page["has_prev"] else ""
    if not filtered:
        page["pages"] = (snap["entries"] + selectors.PAGE_SIZE - 1) // selectors.PAGE_SIZE
        page["number"] = ((page["first"] or 1) - 1) // selectors.PAGE_SIZE + 1
    ctx.update(page=page, filtered=filtered)
    return ctx


@cached_page(lambda pk: (("e", pk),))
@event_page(queryset=VISIBLE_EVENTS)
def event_leaderboard(request, event: Event):
    meta = selectors.event_meta(event.pk)
    ctx = leaderboard_context(meta, request.GET)
    snap = ctx["snapshot"]
    officer = manages_contest(request.user, event.contest)
    provisional = None
    if officer:
        provisional = (
            ResultSnapshot.objects.filter(event=event, is_current=True, is_public=False)
            .only("version", "created_at")
            .first()
        )
    dist = selectors.distribution(snap["id"]) if snap else []
    peak = max((b["count"] for b in dist), default=0) or 1
    ctx.update(
        event=event,
        contest=event.contest,
        notice=selectors.meta_notice(meta),
        filter_data={k: request.GET.get(k, "") for k in selectors.FILTER_KEYS},
        tiers=selectors.tiers(snap["id"]) if snap else [],
        options=selectors.filter_options(),
        distribution=[
            {**b, "height": h, "y": 100 - h, "x": i * 10 + 1}
            for i, b in enumerate(dist)
            for h in [round(100 * b["count"] / peak)]
        ],
        chart={
            "width": len(dist) * 10,
            "lo": dist[0]["lo"] if dist else 0,
            "hi": dist[-1]["hi"] if dist else 0,
        },
        provisional=provisional,
    )
    return _page(request, "public/leaderboard.html", ctx)


@cached_page(lambda pk: (("c", pk),))
@contest_page(queryset=VISIBLE_CONTESTS)
def contest_report(request, contest: Contest):
    return _page(
        request,
        "public/report.html",
        {"contest": contest, "report": report.contest_report(contest)},
    )


@contest_page(queryset=VISIBLE_CONTESTS)
def contest_report_xlsx(request, contest: Contest):
    pk = contest.pk
    body = cache.data(
        f"report-xlsx:{pk}", lambda: report.report_xlsx(report.contest_report(contest)), ("c", pk)
    )
    response = HttpResponse(
        body, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = f'attachment; filename="contest-{pk}-report.xlsx"'
    return response


@login_required
def my_results(request):
    """The worker's own results and awards, with their full name (theirs to see)."""
    worker = getattr(request.user, "worker", None)
    if worker is None:
        raise Http404
    rows = list(
        selectors.worker_public_rows(worker.pk)
        .select_related("snapshot__event__contest")
        .order_by("-snapshot__published_at")
    )
    entries = []
    for row in rows:
        event = row.snapshot.event
        notice = selectors.notice_state(row.snapshot.published_at, event.contest.notice_days)
        entries.append({"row": row, "event": event, "notice": notice})
    awards = AwardRow.objects.filter(snapshot__is_public=True, worker_id=worker.pk).select_related(
        "snapshot__contest"
    )
    objections = Objection.objects.filter(filed_by=request.user).select_related("event")
    return _page(
        request,
        "public/my_results.html",
        {
            "worker": worker,
            "entries": entries,
            "objectable": [e for e in entries if e["notice"]["state"] == selectors.NOTICE],
            "awards": awards,
            "objections": objections,
            "certificates": list(certificates.worker_certificates(worker.pk)),
        },
    )


class ObjectionForm(checked.Form):
    """A worker's objection as typed on "my results" (one line, as the page's input)."""

    reason = forms.CharField(max_length=1000, error_messages={"required": _lazy("Give a reason.")})


class AnswerForm(checked.Form):
    """An officer's answer to an objection as typed on the objections page."""

    answer = forms.CharField(max_length=1000, error_messages={"required": _lazy("Give a reason.")})


def _form_problems(form: forms.Form) -> str:
    """A refused form's errors as one message for the top of the page."""
    return " ".join(problem for problems in form.errors.values() for problem in problems)


@login_required
@require_POST
def file_objection(request):
    registration = Registration.objects.filter(pk=_int(request.POST.get("registration"))).first()
    if registration is None:
        messages.error(request, _("Unknown entry."))
        return redirect("my-results")
    form = ObjectionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _form_problems(form))
        return redirect("my-results")
    try:
        services.file_objection(
            actor=request.user, registration=registration, reason=form.cleaned_data["reason"]
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    except PermissionDenied as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Your objection has been filed."))
    return redirect("my-results")


@login_required
@contest_page(hidden(manages_contest))
def contest_objections(request, contest: Contest):
    """Officers of the host union answer objections here (or through the API)."""
    if request.method == "POST":
        objection = get_object_or_404(
            Objection.objects.restrict(request.user), pk=_int(request.POST.get("objection"))
        )
        form = AnswerForm(request.POST)
        if not form.is_valid():
            messages.error(request, _form_problems(form))
            return redirect("public-objections", pk=contest.pk)
        answer = form.cleaned_data["answer"]
        try:
            if request.POST.get("decision") == "uphold":
                services.uphold_objection(actor=request.user, objection=objection, answer=answer)
            else:
                services.dismiss_objection(actor=request.user, objection=objection, answer=answer)
        except (ValidationError, PermissionDenied) as exc:
            messages.error(request, " ".join(getattr(exc, "messages", [str(exc)])))
        else:
            messages.success(request, _("The objection has been answered."))
        return redirect("public-objections", pk=contest.pk)
    objections = Objection.objects.filter(event__contest=contest).select_related(
        "event", "registration"
    )
    return _page(
        request,
        "public/objections.html",
        {"contest": contest, "objections": objections, "notice": selectors.contest_notice(contest)},
    )
