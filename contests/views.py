"""Web pages for workers: open contests and events, sign-up, entering, my entries.

Thin like the API views: each page reads through contests.selectors and writes through a
service (workers.services.register_worker, contests.services.register/withdraw), turning a
ValidationError into messages on the page, never a 500.
"""

from django import forms
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from contests import selectors, services
from contests.models import Event
from contests.scoping import event_page
from core import forms as checked
from core.throttling import signup_wait, too_many_requests
from unions.models import Employer
from workers.models import SkillGrade, Team
from workers.services import register_worker


class SignupForm(checked.Form):
    username = forms.CharField(label=gettext_lazy("Username"), max_length=150)
    password = forms.CharField(label=gettext_lazy("Password"), widget=forms.PasswordInput)
    name = forms.CharField(label=gettext_lazy("real name"), max_length=50)
    id_number = forms.CharField(label=gettext_lazy("ID number"), max_length=30)
    phone = forms.CharField(label=gettext_lazy("mobile phone"), max_length=20)
    employer = forms.ModelChoiceField(
        label=gettext_lazy("work unit"),
        queryset=Employer.objects.select_related("union").order_by("union__path", "name"),
    )
    occupation = forms.CharField(label=gettext_lazy("occupation"), max_length=100, required=False)
    # Nothing chosen at first: a worker picks their own grade (the first choice used to be
    # the highest, 高级技师, and was sent by anyone who did not look).
    skill_grade = forms.TypedChoiceField(
        label=gettext_lazy("skill grade"),
        choices=[("", "---------"), *SkillGrade.choices],
        coerce=int,
        empty_value=None,
    )


class AchievementForm(checked.Form):
    """An achievement typed on the contest list: its title and summary as the model holds
    them (core.forms refuses control and direction-override characters)."""

    title = forms.CharField(label=gettext_lazy("title"), max_length=200)
    summary = forms.CharField(label=gettext_lazy("summary"), widget=forms.Textarea, required=False)


def _field_problems(form: forms.Form) -> list[str]:
    """A refused form's errors as messages for the top of a page, each naming its field."""
    return [
        _("%(field)s: %(problem)s") % {"field": form.fields[name].label, "problem": problem}
        if name in form.fields
        else problem
        for name, problems in form.errors.items()
        for problem in problems
    ]


def signup(request):
    """A worker signs up (account and worker record) and is signed in.

    Every attempt counts against the address's sign-up limit (core.throttling)."""
    if request.method == "POST" and (wait := signup_wait(request)):
        return too_many_requests(request, wait)
    form = SignupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            worker = register_worker(**form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            login(request, worker.user, backend="core.throttling.LockoutBackend")
            messages.success(request, _("Welcome! You can now enter contests."))
            return redirect("contest-list")
    return render(request, "contests/signup.html", {"form": form})


def contest_list(request):
    """Open contests and their events with eligibility; a signed-in worker can enter here."""
    worker = getattr(request.user, "worker", None) if request.user.is_authenticated else None
    events = list(selectors.open_events())
    entered: set[int] = set()
    led_teams: list[Team] = []
    if worker is not None:
        entered = set(worker.entries.filter(active=True).values_list("event_id", flat=True))
        led_teams = list(worker.led_teams.all())
    contests: dict[int, dict] = {}
    for event in events:
        group = contests.setdefault(
            event.contest_id, {"contest": event.contest, "window": None, "events": []}
        )
        group["window"] = services.registration_problem(event.contest)
        problems = None
        if worker is not None and event.kind == Event.Kind.INDIVIDUAL:
            problems = services.eligibility_problems(event=event, worker=worker)
        group["events"].append(
            {
                "event": event,
                "grades": _grade_range(event),
                "kinds": [Employer.Kind(k).label for k in event.employer_kinds or []],
                "problems": problems,
                "entered": event.pk in entered,
            }
        )
    return render(
        request,
        "contests/contest_list.html",
        {"contests": list(contests.values()), "worker": worker, "led_teams": led_teams},
    )


def _grade_range(event: Event) -> str:
    lo, hi = event.min_skill_grade, event.max_skill_grade
    if lo is None and hi is None:
        return ""
    low = SkillGrade(lo).label if lo is not None else SkillGrade(5).label
    high = SkillGrade(hi).label if hi is not None else SkillGrade(1).label
    return f"{low} – {high}"


@login_required
@require_POST
@event_page(queryset=selectors.open_events())
def enter_event(request, event: Event):
    """Enter oneself (individual), one's team (team) or an achievement (achievement)."""
    worker = getattr(request.user, "worker", None)
    if worker is None:
        messages.error(request, _("Only workers can enter contests. Sign up first."))
        return redirect("contest-list")
    try:
        if event.kind == Event.Kind.TEAM:
            team = worker.led_teams.filter(pk=request.POST.get("team") or 0).first()
            if team is None:
                raise ValidationError({"team": [_("Choose a team you lead.")]})
            services.register(actor=request.user, event=event, team=team)
        elif event.kind == Event.Kind.ACHIEVEMENT:
            form = AchievementForm(request.POST)
            if not form.is_valid():
                raise ValidationError(_field_problems(form))
            services.register_achievement(
                actor=request.user, event=event, authors=[worker], **form.cleaned_data
            )
        else:
            services.register(actor=request.user, event=event, worker=worker)
    except (ValidationError, PermissionDenied) as exc:
        for message in getattr(exc, "messages", None) or [str(exc)]:
            messages.error(request, message)
        return redirect("contest-list")
    messages.success(
        request, _("Entered in %(event)s; the organisers will review it.") % {"event": event.name}
    )
    return redirect("my-entries")


@login_required
def my_entries(request):
    entries = selectors.entries_of(user=request.user)
    rows = [{"entry": e, "may_withdraw": services.can_withdraw(request.user, e)} for e in entries]
    return render(request, "contests/my_entries.html", {"rows": rows})


@login_required
@require_POST
def withdraw_entry(request, pk: int):
    """Withdraw one's entry: only with the confirmation the page asks for (`confirm`)."""
    entry = get_object_or_404(selectors.entries_of(user=request.user), pk=pk)
    if request.POST.get("confirm") != "yes":
        messages.error(request, _("Confirm that you want to withdraw this entry."))
        return redirect(reverse("my-entries"))
    try:
        services.withdraw_registration(actor=request.user, registration=entry)
    except (ValidationError, PermissionDenied) as exc:
        for message in getattr(exc, "messages", None) or [str(exc)]:
            messages.error(request, message)
    else:
        messages.success(request, _("Your entry was withdrawn."))
    return redirect(reverse("my-entries"))
