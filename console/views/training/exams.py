"""Console: online tests of the officer's events: define (sections), make ready, live
progress (htmx polling), grade now after close, scores and item statistics, regrade."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from console import nav
from console.forms.training_exams import OnlineTestForm, RegradeForm, SectionFormSet
from console.views.base import officer_required
from contests.models import Event
from core.access import check, manages_event
from training.models import AttemptItem, OnlineTest, Question
from training.selectors import exams as selectors
from training.services import exams as services
from training.services import grading

nav.section(46, gettext_lazy("Online tests"), "console:exams")


def _test(request, pk: int) -> OnlineTest:
    test = get_object_or_404(
        OnlineTest.objects.restrict(request.user).select_related("event__contest", "criterion"),
        pk=pk,
    )
    check(manages_event, request.user, test.event)
    return test


def _form_errors(form, exc: ValidationError) -> None:
    for field, errors in exc.message_dict.items():
        target = field if field in form.fields else None
        for error in errors:
            form.add_error(target, error)


@officer_required
def test_list(request):
    tests = (
        OnlineTest.objects.restrict(request.user)
        .select_related("event__contest", "criterion")
        .order_by("-opens_at")[:200]
    )
    events = (
        Event.objects.restrict(request.user)
        .filter(criteria__kind="measurement")
        .distinct()
        .select_related("contest")
        .order_by("-contest__contest_date", "name")[:200]
    )
    return render(request, "console/training/exam_list.html", {"tests": tests, "events": events})


def _sections(formset) -> list[dict]:
    return [
        {k: v for k, v in f.cleaned_data.items()}
        for f in formset.forms
        if f.cleaned_data and f.cleaned_data.get("count")
    ]


def _edit(request, event: Event, test: OnlineTest | None):
    form = OnlineTestForm(request.POST or None, instance=test, event=event)
    initial = [
        {
            "occupation": s.occupation,
            "skill_grade": s.skill_grade,
            "topic": s.topic,
            "kind": s.kind,
            "count": s.count,
            "points": s.points,
        }
        for s in (test.sections.all() if test else [])
    ]
    formset = SectionFormSet(request.POST or None, initial=initial, prefix="sections")
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "criterion"}
        try:
            if test is None:
                test = services.create_test(
                    actor=request.user,
                    event=event,
                    criterion=form.cleaned_data["criterion"],
                    sections=_sections(formset),
                    **data,
                )
            else:
                test = services.update_test(
                    actor=request.user,
                    test=test,
                    criterion=form.cleaned_data["criterion"],
                    sections=_sections(formset),
                    **data,
                )
        except ValidationError as exc:
            _form_errors(form, exc)
        else:
            messages.success(request, _("The test is saved."))
            return redirect("console:exam", pk=test.pk)
    return render(
        request,
        "console/training/exam_form.html",
        {"form": form, "formset": formset, "event": event, "test": test},
        status=400 if request.method == "POST" else 200,
    )


@officer_required
def test_create(request, event_pk: int):
    event = get_object_or_404(Event.objects.restrict(request.user), pk=event_pk)
    check(manages_event, request.user, event)
    return _edit(request, event, None)


@officer_required
def test_edit(request, pk: int):
    test = _test(request, pk)
    if test.status != OnlineTest.Status.DRAFT:
        messages.error(request, _("Only a draft test can be changed."))
        return redirect("console:exam", pk=test.pk)
    return _edit(request, test.event, test)


@officer_required
def test_detail(request, pk: int):
    test = _test(request, pk)
    graded = test.status == OnlineTest.Status.GRADED
    questions = list(
        Question.objects.filter(
            pk__in=AttemptItem.objects.filter(attempt__test=test).values("version__question_id")
        ).select_related("current")
    )
    regrade = RegradeForm(
        questions=[(q.pk, f"#{q.pk} {q.current.stem[:60] if q.current else ''}") for q in questions]
    )
    return render(
        request,
        "console/training/exam_detail.html",
        {
            "test": test,
            "sections": test.sections.all(),
            "progress": selectors.progress(test),
            "closed": timezone.now() >= test.closes_at,
            "scores": selectors.scores(test) if graded else [],
            "stats": selectors.item_statistics(test) if graded else [],
            "regrade": regrade if questions and test.status != OnlineTest.Status.DRAFT else None,
            "regrades": test.regrades.select_related("actor", "old_version", "new_version"),
        },
    )


@officer_required
def test_progress(request, pk: int):
    """The live progress fragment (htmx polls it)."""
    test = _test(request, pk)
    return render(
        request,
        "console/training/_exam_progress.html",
        {"test": test, "progress": selectors.progress(test)},
    )


def _act(request, test, action, done: str):
    try:
        action()
    except ValidationError as exc:
        for errors in exc.message_dict.values():
            for error in errors:
                messages.error(request, error)
    else:
        messages.success(request, done)
    return redirect("console:exam", pk=test.pk)


@officer_required
@require_POST
def test_ready(request, pk: int):
    test = _test(request, pk)
    return _act(
        request,
        test,
        lambda: services.make_ready(actor=request.user, test=test),
        _("The test is ready; entrants may sit it inside its window."),
    )


@officer_required
@require_POST
def test_grade(request, pk: int):
    test = _test(request, pk)
    return _act(
        request,
        test,
        lambda: grading.request_grading(actor=request.user, test=test),
        _("Grading has started."),
    )


@officer_required
@require_POST
def test_regrade(request, pk: int):
    test = _test(request, pk)
    questions = AttemptItem.objects.filter(attempt__test=test).values_list(
        "version__question_id", flat=True
    )
    form = RegradeForm(request.POST, questions=[(q, q) for q in set(questions)])
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect("console:exam", pk=test.pk)
    question = get_object_or_404(Question, pk=form.cleaned_data["question"])
    return _act(
        request,
        test,
        lambda: grading.regrade_question(
            actor=request.user, test=test, question=question, reason=form.cleaned_data["reason"]
        ),
        _("The question's items were moved to its corrected version and graded again."),
    )


@officer_required
@require_POST
def test_delete(request, pk: int):
    test = _test(request, pk)
    try:
        services.delete_test(actor=request.user, test=test)
    except ValidationError as exc:
        for errors in exc.message_dict.values():
            for error in errors:
                messages.error(request, error)
        return redirect("console:exam", pk=test.pk)
    messages.success(request, _("The test is deleted."))
    return redirect("console:exams")


urlpatterns = [
    path("training/tests/", test_list, name="exams"),
    path("training/tests/new/<int:event_pk>/", test_create, name="exam-create"),
    path("training/tests/<int:pk>/", test_detail, name="exam"),
    path("training/tests/<int:pk>/edit/", test_edit, name="exam-edit"),
    path("training/tests/<int:pk>/progress/", test_progress, name="exam-progress"),
    path("training/tests/<int:pk>/ready/", test_ready, name="exam-ready"),
    path("training/tests/<int:pk>/grade/", test_grade, name="exam-grade"),
    path("training/tests/<int:pk>/regrade/", test_regrade, name="exam-regrade"),
    path("training/tests/<int:pk>/delete/", test_delete, name="exam-delete"),
]
