"""Console: studios' work. The studios an officer manages with their counts; a studio's
topics, projects and results with forms to add them; editing a topic, a project or a result
(with a reason, logged); a result's patents inline and its entry into a contest in one step;
the dashboard's innovation figures (loaded by htmx, so the dashboard's own reads stay as they
are)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from console import nav
from console.views.base import form_errors, officer_required, submit
from console.views.innovation.forms_results import (
    EnterForm,
    ImageForm,
    PatentForm,
    ProjectEditForm,
    ProjectForm,
    ResultEditForm,
    ResultForm,
    TopicEditForm,
    TopicForm,
)
from core.access import hidden, manages_union, of
from core.pages import scoped_page
from innovation import images
from innovation.models import (
    InnovationResult,
    InnovationTopic,
    Patent,
    ResearchProject,
    ResultImage,
    Studio,
)
from innovation.selectors import stats
from innovation.selectors.audit import audit_of
from innovation.selectors.work import result_detail, studio_work, studios_with_work
from innovation.services import results as result_services
from innovation.services import work as work_services
from unions.names import in_language

nav.section(80, _("Innovation work"), "console:innovation-work")

STUDIO = scoped_page(
    Studio.objects.select_related("union", "employer"),
    name="studio",
    permission=hidden(of(manages_union, "union")),
)
TOPIC = scoped_page(
    InnovationTopic.objects.select_related("studio__union"),
    name="topic",
    permission=hidden(lambda user, t: manages_union(user, t.studio.union)),
)
PROJECT = scoped_page(
    ResearchProject.objects.select_related("topic__studio__union"),
    name="project",
    permission=hidden(lambda user, p: manages_union(user, p.topic.studio.union)),
)
RESULT = scoped_page(
    InnovationResult.objects.select_related("studio__union", "studio__employer"),
    name="result",
    permission=hidden(lambda user, r: manages_union(user, r.studio.union)),
)
IMAGE = scoped_page(
    ResultImage.objects.select_related("result__studio__union"),
    name="image",
    permission=hidden(lambda user, i: manages_union(user, i.result.studio.union)),
)
PATENT = scoped_page(
    Patent.objects.select_related("result__studio__union"),
    name="patent",
    permission=hidden(lambda user, p: manages_union(user, p.result.studio.union)),
)


@officer_required
def work(request):
    return render(
        request,
        "console/innovation/results/work.html",
        {"studios": studios_with_work(request.user)},
    )


def _studio_page(request, studio, *, topic_form=None, project_form=None, status=200):
    return render(
        request,
        "console/innovation/results/studio.html",
        {
            "studio": studio,
            **studio_work(studio),
            "topic_form": topic_form or TopicForm(prefix="topic"),
            "project_form": project_form or ProjectForm(prefix="project", studio=studio),
        },
        status=status,
    )


@officer_required
@STUDIO
def studio_page(request, studio: Studio):
    return _studio_page(request, studio)


@officer_required
@require_POST
@STUDIO
def topic_create(request, studio: Studio):
    form = TopicForm(request.POST, prefix="topic")
    if submit(
        form, lambda data: work_services.create_topic(actor=request.user, studio=studio, **data)
    ):
        return redirect("console:innovation-studio", pk=studio.pk)
    return _studio_page(request, studio, topic_form=form, status=400)


@officer_required
@require_POST
@STUDIO
def project_create(request, studio: Studio):
    form = ProjectForm(request.POST, prefix="project", studio=studio)
    if submit(form, lambda data: work_services.create_project(actor=request.user, **data)):
        return redirect("console:innovation-studio", pk=studio.pk)
    return _studio_page(request, studio, project_form=form, status=400)


def _edit(request, *, obj, form_class, update, studio, kind, form_kwargs=None):
    fields = form_class._meta.fields
    initial = {name: getattr(obj, name) for name in fields if name != "topic"}
    form = form_class(request.POST or None, initial=initial, **(form_kwargs or {}))
    status = 200
    if request.method == "POST":
        if submit(form, lambda data: update(actor=request.user, **data)):
            return redirect("console:innovation-studio", pk=studio.pk)
        status = 400
    return render(
        request,
        "console/innovation/results/edit.html",
        {
            "form": form,
            "studio": studio,
            "object": obj,
            "kind": kind,
            "audit": audit_of(f"{kind}:{obj.pk}"),
        },
        status=status,
    )


@officer_required
@TOPIC
def topic_edit(request, topic: InnovationTopic):
    return _edit(
        request,
        obj=topic,
        form_class=TopicEditForm,
        update=lambda **kw: work_services.update_topic(topic=topic, **kw),
        studio=topic.studio,
        kind="topic",
    )


@officer_required
@PROJECT
def project_edit(request, project: ResearchProject):
    studio = project.topic.studio
    return _edit(
        request,
        obj=project,
        form_class=ProjectEditForm,
        update=lambda **kw: work_services.update_project(project=project, **kw),
        studio=studio,
        kind="project",
        form_kwargs={"studio": studio},
    )


@officer_required
@STUDIO
def result_create(request, studio: Studio):
    form = ResultForm(request.POST or None, studio=studio)
    if request.method == "POST" and (
        done := submit(
            form,
            lambda _data: result_services.create_result(
                actor=request.user, studio=studio, **form.service_fields()
            ),
        )
    ):
        return redirect("console:innovation-result", pk=done.value.pk)
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "console/innovation/results/result_form.html",
        {"form": form, "studio": studio, "result": None},
        status=status,
    )


def _result_page(
    request,
    result,
    *,
    form=None,
    patent_form=None,
    enter_form=None,
    image_form=None,
    status=200,
):
    result = result_detail(result.pk)
    if form is None:
        initial = {name: getattr(result, name) for name in ResultForm._meta.fields}
        initial["authors"] = list(result.authors.all())
        form = ResultEditForm(initial=initial, studio=result.studio)
    return render(
        request,
        "console/innovation/results/result_form.html",
        {
            "form": form,
            "studio": result.studio,
            "result": result,
            "patent_form": patent_form or PatentForm(prefix="patent"),
            "enter_form": enter_form or EnterForm(prefix="enter"),
            "image_form": image_form or ImageForm(prefix="image"),
            "audit": audit_of(f"result:{result.pk}"),
        },
        status=status,
    )


@officer_required
@RESULT
def result_edit(request, result: InnovationResult):
    if request.method != "POST":
        return _result_page(request, result)
    form = ResultEditForm(request.POST, studio=result.studio)
    if submit(
        form,
        lambda data: result_services.update_result(
            actor=request.user,
            result=result,
            reason=data.get("reason", ""),
            **form.service_fields(),
        ),
    ):
        return redirect("console:innovation-result", pk=result.pk)
    return _result_page(request, result, form=form, status=400)


@officer_required
@require_POST
@RESULT
def patent_add(request, result: InnovationResult):
    form = PatentForm(request.POST, prefix="patent")
    if submit(
        form, lambda data: result_services.add_patent(actor=request.user, result=result, **data)
    ):
        return redirect("console:innovation-result", pk=result.pk)
    return _result_page(request, result, patent_form=form, status=400)


@officer_required
@require_POST
@PATENT
def patent_remove(request, patent: Patent):
    reason = request.POST.get("reason", "")[:500]
    result_services.remove_patent(actor=request.user, patent=patent, reason=reason)
    return redirect("console:innovation-result", pk=patent.result_id)


@officer_required
@require_POST
@RESULT
def result_enter(request, result: InnovationResult):
    form = EnterForm(request.POST, prefix="enter")
    if submit(
        form,
        lambda data: result_services.enter_result_in_contest(
            actor=request.user, result=result, event=data["event"]
        ),
    ):
        return redirect("console:innovation-result", pk=result.pk)
    return _result_page(request, result, enter_form=form, status=400)


@officer_required
@require_POST
@RESULT
def image_add(request, result: InnovationResult):
    form = ImageForm(request.POST, request.FILES, prefix="image")
    if form.is_valid():
        upload = form.cleaned_data["image"]
        try:
            if upload.size > images.MAX_BYTES:
                raise ValidationError({"image": [_("The picture is too large.")]})
            result_services.add_image(
                actor=request.user,
                result=result,
                data=upload.read(images.MAX_BYTES + 1),
                caption=form.cleaned_data["caption"],
            )
        except ValidationError as exc:
            form_errors(form, exc)
        else:
            return redirect("console:innovation-result", pk=result.pk)
    return _result_page(request, result, image_form=form, status=400)


@officer_required
@require_POST
@IMAGE
def image_remove(request, image: ResultImage):
    result_services.remove_image(actor=request.user, image=image)
    return redirect("console:innovation-result", pk=image.result_id)


@officer_required
def dashboard_block(request):
    """The officer's union subtree in figures, all time (nothing for a superuser without a
    union, or where nothing is recorded yet)."""
    officer = getattr(request.user, "officer", None)
    context = {}
    if officer is not None:
        figures = stats.figures(officer.union)
        if figures.studios or figures.results:
            context = {
                "union": officer.union,
                "figures": figures,
                "press": stats.press_paragraph(figures, union_name=in_language(officer.union)),
            }
    return render(request, "console/innovation/results/_dashboard.html", context)


urlpatterns = [
    path("innovation/work/", work, name="innovation-work"),
    path("innovation/dashboard/", dashboard_block, name="innovation-dashboard"),
    path("innovation/studios/<int:pk>/work/", studio_page, name="innovation-studio"),
    path("innovation/studios/<int:pk>/topics/", topic_create, name="innovation-topic-create"),
    path("innovation/studios/<int:pk>/projects/", project_create, name="innovation-project-create"),
    path("innovation/studios/<int:pk>/results/new/", result_create, name="innovation-result-new"),
    path("innovation/topics/<int:pk>/", topic_edit, name="innovation-topic"),
    path("innovation/projects/<int:pk>/", project_edit, name="innovation-project"),
    path("innovation/results/<int:pk>/", result_edit, name="innovation-result"),
    path("innovation/results/<int:pk>/patents/", patent_add, name="innovation-patent-add"),
    path("innovation/results/<int:pk>/enter/", result_enter, name="innovation-result-enter"),
    path("innovation/results/<int:pk>/images/", image_add, name="innovation-image-add"),
    path("innovation/images/<int:pk>/remove/", image_remove, name="innovation-image-remove"),
    path("innovation/patents/<int:pk>/remove/", patent_remove, name="innovation-patent-remove"),
]
