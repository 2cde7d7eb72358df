"""Worker pages of online tests: my tests, a test's introduction, the sitting page (each
answer saved as it is given: an htmx POST per change, a save button without JavaScript), and
submitting with a confirmation. The deadline shown is the server's; the server enforces it.
The answer key reaches no page before the attempt is submitted and the test graded."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from training.answers import from_form
from training.models import Attempt, OnlineTest
from training.selectors import exams as selectors
from training.services import attempts as services


def _worker(request):
    worker = getattr(request.user, "worker", None)
    if worker is None:
        raise Http404
    return worker


def _my_test(request, pk: int) -> OnlineTest:
    worker = _worker(request)
    return get_object_or_404(selectors.tests_for_worker(worker), pk=pk)


def _my_attempt(request, pk: int) -> Attempt:
    worker = _worker(request)
    attempt = get_object_or_404(Attempt.objects.select_related("test__event__contest"), pk=pk)
    try:
        services.require_owner(worker, attempt)
    except PermissionDenied:
        raise Http404 from None
    return attempt


def _errors(exc: ValidationError) -> str:
    if hasattr(exc, "message_dict"):
        return " ".join(m for ms in exc.message_dict.values() for m in ms)
    return " ".join(exc.messages)


@never_cache
@login_required
def my_tests(request):
    worker = _worker(request)
    now = timezone.now()
    rows = []
    for test in selectors.tests_for_worker(worker):
        mine = list(selectors.attempts_of(worker, test))
        rows.append(
            {
                "test": test,
                "open": selectors.is_open(test, now),
                "attempts": mine,
                "running": next((a for a in mine if not selectors.has_ended(a, now)), None),
            }
        )
    return render(request, "training/exam_list.html", {"rows": rows, "now": now})


@never_cache
@login_required
def intro(request, pk: int):
    worker = _worker(request)
    test = _my_test(request, pk)
    now = timezone.now()
    mine = list(selectors.attempts_of(worker, test))
    running = next((a for a in mine if not selectors.has_ended(a, now)), None)
    context = {
        "test": test,
        "questions": selectors.question_count(test),
        "points": selectors.possible_points(test),
        "open": selectors.is_open(test, now),
        "attempts": [(a, selectors.shown_state(a, now)) for a in mine],
        "running": running,
        "left": max(test.attempts_allowed - len(mine), 0),
    }
    return render(request, "training/exam_intro.html", context)


@login_required
@require_POST
def start(request, pk: int):
    test = _my_test(request, pk)
    try:
        attempt = services.start_attempt(worker=_worker(request), test=test)
    except ValidationError as exc:
        messages.error(request, _errors(exc))
        return redirect("training:exam-intro", pk=test.pk)
    except PermissionDenied as exc:
        messages.error(request, str(exc))
        return redirect("training:exam-intro", pk=test.pk)
    return redirect("training:exam-sit", pk=attempt.pk)


@never_cache
@login_required
def sit(request, pk: int):
    attempt = _my_attempt(request, pk)
    now = timezone.now()
    ended = selectors.has_ended(attempt, now)
    items = selectors.items_for_taker(attempt)
    return render(
        request,
        "training/exam_sit.html",
        {
            "attempt": attempt,
            "test": attempt.test,
            "items": items,
            "ended": ended,
            "state": selectors.shown_state(attempt, now),
            "released": selectors.key_released(attempt),
            "unanswered": sum(1 for i in items if i["given"] is None),
            "seconds_left": max(int((attempt.deadline - now).total_seconds()), 0),
        },
    )


def _save_one(request, attempt, position: int) -> str:
    item = attempt.items.select_related("version__question").filter(position=position).first()
    kind = item.version.question.kind if item else ""
    given = from_form(kind, request.POST.getlist(f"q{position}"))
    services.save_answer(worker=_worker(request), attempt=attempt, position=position, given=given)
    return kind


@login_required
@require_POST
def save(request, pk: int, position: int):
    """One answer (htmx on each change): 200 with a short status, 400 with the reason."""
    attempt = _my_attempt(request, pk)
    try:
        _save_one(request, attempt, position)
    except ValidationError as exc:
        return HttpResponse(_errors(exc), status=400, content_type="text/plain; charset=utf-8")
    return render(request, "training/exam_saved.html", {"at": timezone.now()})


@login_required
@require_POST
def save_all(request, pk: int):
    """The no-JavaScript fallback: every question on the page saved at once."""
    attempt = _my_attempt(request, pk)
    positions = sorted(attempt.items.values_list("position", flat=True))
    try:
        for position in positions:
            _save_one(request, attempt, position)
    except ValidationError as exc:
        messages.error(request, _errors(exc))
        return redirect("training:exam-sit", pk=attempt.pk)
    messages.success(request, _("Your answers are saved."))
    return redirect("training:exam-sit", pk=attempt.pk)


@never_cache
@login_required
def submit(request, pk: int):
    """GET: the confirmation (how many unanswered); POST: hand in."""
    attempt = _my_attempt(request, pk)
    if request.method == "POST":
        try:
            services.submit_attempt(worker=_worker(request), attempt=attempt)
        except ValidationError as exc:
            return render(
                request,
                "training/exam_submit.html",
                {"attempt": attempt, "error": _errors(exc), "unanswered": None},
                status=400,
            )
        messages.success(request, _("Your answers have been handed in."))
        return redirect("training:exam-intro", pk=attempt.test_id)
    return render(
        request,
        "training/exam_submit.html",
        {
            "attempt": attempt,
            "ended": selectors.has_ended(attempt),
            "unanswered": services.unanswered(attempt),
            "total": attempt.items.count(),
        },
    )


urlpatterns = [
    path("tests/", my_tests, name="exam-list"),
    path("tests/<int:pk>/", intro, name="exam-intro"),
    path("tests/<int:pk>/start/", start, name="exam-start"),
    path("attempts/<int:pk>/", sit, name="exam-sit"),
    path("attempts/<int:pk>/save/", save_all, name="exam-save-all"),
    path("attempts/<int:pk>/save/<int:position>/", save, name="exam-save"),
    path("attempts/<int:pk>/submit/", submit, name="exam-submit"),
]
