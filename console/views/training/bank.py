"""Console: the question bank. A filtered, paged list of the questions an officer manages;
a form to write a question or a new version of one (with its version history); taking a
question out of use; export of the listed questions in both formats; the template
spreadsheet. Importing a file is console.views.training.bank_import (in the background)."""

from __future__ import annotations

from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from console import nav
from console.forms.training_bank import QuestionForm
from console.views.base import officer_required, submit
from core.access import hidden, manages_union, of
from core.pages import scoped_page
from core.spreadsheets import XLSX_CONTENT_TYPE
from training import exporting
from training.models import Question, QuestionKind
from training.selectors.bank import history, officer_categories, officer_questions
from training.services import questions as services

PAGE_SIZE = 25
QUESTION = scoped_page(
    Question.objects.select_related("current", "union"),
    name="question",
    permission=hidden(of(manages_union, "union")),
)
FILTERS = ("kind", "occupation", "topic", "q")

nav.section(55, _("Question bank"), "console:question-bank")


def _filtered(request):
    values = {key: request.GET.get(key, "").strip()[:100] for key in FILTERS}
    if values["kind"] not in QuestionKind.values:
        values["kind"] = ""
    questions = officer_questions(
        request.user,
        kind=values["kind"],
        occupation=values["occupation"],
        topic=values["topic"],
        search=values["q"],
    )
    return questions, values


@officer_required
def bank(request):
    questions, values = _filtered(request)
    page = Paginator(questions, PAGE_SIZE).get_page(request.GET.get("page"))
    query = urlencode({k: v for k, v in values.items() if v})
    return render(
        request,
        "console/training/bank.html",
        {
            "page": page,
            "filters": values,
            "kinds": QuestionKind.choices,
            "categories": officer_categories(request.user),
            "query": query + "&" if query else "",
            "export_query": query,
        },
    )


@officer_required
def create(request):
    form = QuestionForm(request.POST or None, user=request.user)
    if request.method == "POST" and (
        done := submit(
            form,
            lambda data: services.create_question(
                actor=request.user, union=data["union"], kind=data["kind"], **form.service_fields()
            ),
        )
    ):
        return redirect("console:question-edit", pk=done.value.pk)
    return render(request, "console/training/bank_form.html", {"form": form, "question": None})


@officer_required
@QUESTION
def edit(request, question: Question):
    form = QuestionForm(
        request.POST or None,
        user=request.user,
        question=question,
        initial=QuestionForm.initial_for(question),
    )
    if request.method == "POST" and submit(
        form,
        lambda _data: services.edit_question(
            actor=request.user, question=question, **form.service_fields()
        ),
    ):
        return redirect("console:question-edit", pk=question.pk)
    return render(
        request,
        "console/training/bank_form.html",
        {"form": form, "question": question, "versions": history(question)},
    )


@officer_required
@require_POST
@QUESTION
def active(request, question: Question):
    services.set_question_active(
        actor=request.user, question=question, active=request.POST.get("active") == "1"
    )
    return redirect("console:question-edit", pk=question.pk)


@officer_required
def export(request, fmt: str):
    questions, _values = _filtered(request)
    versions = []
    for question in questions.exclude(current=None)[:20000]:
        question.current.question = question
        versions.append(question.current)
    if fmt == "xml":
        body, content_type, name = exporting.to_moodle(versions), "application/xml", "bank.xml"
    else:
        body, content_type, name = (
            exporting.to_spreadsheet(versions),
            XLSX_CONTENT_TYPE,
            "bank.xlsx",
        )
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="question-{name}"'
    return response


@officer_required
def template(request):
    response = HttpResponse(exporting.template(), content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = 'attachment; filename="question-bank-template.xlsx"'
    return response


urlpatterns = [
    path("training/bank/", bank, name="question-bank"),
    path("training/bank/new/", create, name="question-create"),
    path("training/bank/<int:pk>/", edit, name="question-edit"),
    path("training/bank/<int:pk>/active/", active, name="question-active"),
    path("training/bank/template.xlsx", template, name="question-template"),
    path("training/bank/export.xlsx", export, {"fmt": "xlsx"}, name="question-export-xlsx"),
    path("training/bank/export.xml", export, {"fmt": "xml"}, name="question-export-xml"),
]
