"""Worker pages of online practice (网上练兵): choose a category, answer questions one at a time
with feedback in place (htmx; a plain form post without JavaScript), the wrong-answer notebook
(错题本) and its review mode, and progress. The answer key reaches the page only in the
feedback, after the answer is recorded."""

from __future__ import annotations

import functools

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from training.models import QuestionKind, QuestionVersion
from training.selectors import practice as selectors
from training.services import practice as services


def worker_required(view):
    """Practice is for workers: an officer or judge without a worker record is told so."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        worker = getattr(request.user, "worker", None)
        if worker is None:
            return render(request, "training/practice_no_worker.html", status=403)
        return view(request, worker, *args, **kwargs)

    return login_required(wrapper)


@worker_required
def home(request, worker):
    return render(
        request,
        "training/practice_home.html",
        {
            "categories": selectors.categories(worker),
            "progress": selectors.progress(worker),
            "session": selectors.session_of(worker),
        },
    )


@require_POST
@worker_required
def start(request, worker):
    try:
        services.choose_category(
            worker=worker,
            occupation=request.POST.get("occupation", ""),
            skill_grade=request.POST.get("skill_grade") or None,
            topic=request.POST.get("topic", ""),
            review=request.POST.get("review") == "yes",
        )
    except ValidationError:
        messages.error(request, _("Choose a category from the list."))
        return redirect("training:practice")
    return redirect("training:practice-question")


def _answer_text(version: QuestionVersion, answer: list) -> str:
    kind = version.question.kind
    if kind == QuestionKind.TRUE_FALSE:
        return _("True") if answer == [True] else _("False")
    return " / ".join(str(a) for a in answer) if kind == QuestionKind.FILL else ", ".join(answer)


def _card(version: QuestionVersion, *, result=None, error: str = "", given=()) -> dict:
    """What the question card shows; the key (`answer`) only once there is a `result`."""
    kind = version.question.kind
    chosen = set(result.given if result else given)
    right = set(result.answer) if result else set()
    if kind == QuestionKind.TRUE_FALSE:
        choices = [("true", _("True"), True), ("false", _("False"), False)]
    else:
        choices = [(o["key"], o.get("text", ""), o["key"]) for o in version.options]
    options = [
        {
            "value": value,
            "label": label,
            "given": key in chosen or value in chosen,
            "right": result is not None and key in right,
        }
        for value, label, key in choices
    ]
    return {
        "version": version,
        "kind": kind,
        "options": options,
        "result": result,
        "right_answer": _answer_text(version, result.answer) if result else "",
        "error": error,
        "fill": (result.given[0] if result and kind == QuestionKind.FILL else ""),
    }


def _render_card(request, worker, context: dict, status: int = 200):
    context["session"] = selectors.session_of(worker)
    template = "training/practice_card.html" if request.htmx else "training/practice_question.html"
    return render(request, template, context, status=status)


@worker_required
def question(request, worker):
    if request.method == "POST":
        return _answer(request, worker)
    try:
        avoid = int(request.GET.get("after", ""))
    except ValueError:
        avoid = None
    version = services.current_question(worker=worker, avoid=avoid)
    session = selectors.session_of(worker)
    if version is None:
        return render(request, "training/practice_question.html", {"session": session})
    return _render_card(request, worker, _card(version))


def _answer(request, worker):
    version_id = request.POST.get("version")
    kind_values = request.POST.getlist("given")
    try:
        result = services.answer_practice(worker=worker, version_id=version_id, given=kind_values)
    except QuestionVersion.DoesNotExist:
        raise Http404 from None
    except ValidationError as exc:
        if "version" in exc.message_dict:
            raise Http404 from None
        version = selectors.visible(worker).select_related("question").filter(pk=int(version_id))
        error = " ".join(m for ms in exc.message_dict.values() for m in ms)
        context = _card(version[0], error=error, given=kind_values)
        # htmx swaps only successful responses: in place the form error comes back as 200.
        return _render_card(request, worker, context, status=200 if request.htmx else 400)
    return _render_card(request, worker, _card(result.version, result=result))


@worker_required
def notebook(request, worker):
    return render(
        request,
        "training/practice_notebook.html",
        {"entries": selectors.notebook(worker), "progress": selectors.progress(worker)},
    )


@worker_required
def progress(request, worker):
    return render(
        request, "training/practice_progress.html", {"progress": selectors.progress(worker)}
    )


urlpatterns = [
    path("practice/", home, name="practice"),
    path("practice/start/", start, name="practice-start"),
    path("practice/question/", question, name="practice-question"),
    path("practice/notebook/", notebook, name="practice-notebook"),
    path("practice/progress/", progress, name="practice-progress"),
]
