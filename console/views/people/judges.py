"""Judge accounts of the officer's union subtree: list, create, reset a password, deactivate
and reactivate, each through judging.services.

A password made up by the service is shown once, on the answer to the request that made it
(never stored in a message or the session), with caching forbidden.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.shortcuts import redirect, render
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from console.forms.people import JudgeForm, PasswordForm
from console.views.base import form_errors, officer_required
from contests.models import Contest, Event
from core.access import hidden, manages_union, of
from core.pages import scoped_page
from judging import services
from judging.models import Judge

JUDGES = Judge.objects.select_related("user", "union", "employer")
JUDGE = scoped_page(JUDGES, name="judge", permission=hidden(of(manages_union, "union")))
PAGE_SIZE = 50


def _password_page(request, judge: Judge, password: str):
    response = render(
        request, "console/people/password.html", {"judge": judge, "password": password}
    )
    add_never_cache_headers(response)
    return response


@officer_required
def judge_list(request):
    form = JudgeForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        password = data["password"] or services.generate_password()
        try:
            judge = services.create_judge(actor=request.user, **{**data, "password": password})
        except ValidationError as exc:
            form_errors(form, exc)
        else:
            if not data["password"]:
                return _password_page(request, judge, password)
            messages.success(
                request, _("The judge account %(name)s is created.") % {"name": judge.name}
            )
            return redirect("console:judges")
    judges = (
        JUDGES.restrict(request.user)
        .people()
        .annotate(events=Count("assignments"))
        .order_by("name", "id")
    )
    query = request.GET.get("q", "").strip()
    if query:
        judges = judges.filter(Q(name__icontains=query) | Q(user__username__icontains=query))
    page = Paginator(judges, PAGE_SIZE).get_page(request.GET.get("page"))
    events = (
        Event.objects.restrict(request.user)
        .exclude(contest__status=Contest.Status.PUBLISHED)
        .select_related("contest")
        .order_by("-contest__contest_date", "contest__name", "name")[:PAGE_SIZE]
    )
    return render(
        request,
        "console/people/judges.html",
        {"form": form, "page": page, "query": query, "events": events, "reset": PasswordForm()},
    )


@officer_required
@require_POST
@JUDGE
def judge_password(request, judge: Judge):
    form = PasswordForm(request.POST)
    chosen = form.cleaned_data["password"] if form.is_valid() else ""
    try:
        password = services.reset_judge_password(
            actor=request.user, judge=judge, password=chosen or None
        )
    except ValidationError as exc:
        messages.error(request, f"{judge.name}: " + " ".join(exc.messages))
        return redirect("console:judges")
    if not chosen:
        return _password_page(request, judge, password)
    messages.success(request, _("The password of %(name)s is changed.") % {"name": judge.name})
    return redirect("console:judges")


@officer_required
@require_POST
@JUDGE
def judge_active(request, judge: Judge):
    active = request.POST.get("active") == "1"
    services.set_judge_active(actor=request.user, judge=judge, active=active)
    if active:
        messages.success(request, _("%(name)s can sign in again.") % {"name": judge.name})
    else:
        messages.success(request, _("%(name)s can no longer sign in.") % {"name": judge.name})
    return redirect("console:judges")
