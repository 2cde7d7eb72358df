"""Console: exhibitions (成果展). An officer's exhibitions and a form to start one; curating one:
its title, sections (title, order), the results in each (found by title, placed in order,
moved or taken off), publishing and withdrawing it. Every write goes through
innovation.services.exhibitions (checked and logged)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import path
from django.views.decorators.http import require_POST

from console.views.base import form_errors, officer_required, submit
from console.views.innovation.forms_results import ExhibitionForm, ItemForm, SectionForm
from core.access import hidden, manages_union, of
from core.pages import scoped_page
from innovation.models import Exhibition, ExhibitionItem, ExhibitionSection, InnovationResult
from innovation.selectors.audit import audit_of
from innovation.selectors.exhibitions import officer_exhibitions, sections_of
from innovation.services import exhibitions as services

SEARCH_LIMIT = 20

EXHIBITION = scoped_page(
    Exhibition.objects.select_related("union"),
    name="exhibition",
    permission=hidden(of(manages_union, "union")),
)
SECTION = scoped_page(
    ExhibitionSection.objects.select_related("exhibition__union"),
    name="section",
    permission=hidden(lambda user, s: manages_union(user, s.exhibition.union)),
)
ITEM = scoped_page(
    ExhibitionItem.objects.select_related("exhibition__union"),
    name="item",
    permission=hidden(lambda user, i: manages_union(user, i.exhibition.union)),
)


@officer_required
def exhibitions(request):
    form = ExhibitionForm(request.POST or None, user=request.user)
    if request.method == "POST" and (
        done := submit(form, lambda data: services.create_exhibition(actor=request.user, **data))
    ):
        return redirect("console:innovation-exhibition", pk=done.value.pk)
    return render(
        request,
        "console/innovation/results/exhibitions.html",
        {"exhibitions": officer_exhibitions(request.user), "form": form},
        status=400 if request.method == "POST" else 200,
    )


def _search(query: str):
    query = query.strip()[:100]
    if not query:
        return []
    return list(
        InnovationResult.objects.filter(title__icontains=query)
        .select_related("studio__employer")
        .order_by("-achieved_on", "-id")[:SEARCH_LIMIT]
    )


def _page(
    request,
    exhibition,
    *,
    form=None,
    section_form=None,
    item_form=None,
    publish_errors=(),
    status=200,
):
    if form is None:
        form = ExhibitionForm(
            initial={
                "union": exhibition.union,
                "title": exhibition.title,
                "description": exhibition.description,
            },
            user=request.user,
        )
        form.fields["union"].disabled = True
    return render(
        request,
        "console/innovation/results/exhibition.html",
        {
            "exhibition": exhibition,
            "form": form,
            "sections": sections_of(exhibition),
            "section_form": section_form or SectionForm(prefix="section"),
            "item_form": item_form or ItemForm(prefix="item", exhibition=exhibition),
            "query": request.GET.get("q", "")[:100],
            "found": _search(request.GET.get("q", "")),
            "audit": audit_of(f"exhibition:{exhibition.pk}"),
            "publish_errors": publish_errors,
        },
        status=status,
    )


@officer_required
@EXHIBITION
def exhibition_page(request, exhibition: Exhibition):
    if request.method != "POST":
        return _page(request, exhibition)
    form = ExhibitionForm(request.POST, user=request.user)
    form.fields["union"].disabled = True
    form.fields["union"].required = False
    if submit(
        form,
        lambda data: services.update_exhibition(
            actor=request.user,
            exhibition=exhibition,
            title=data["title"],
            description=data["description"],
            reason=request.POST.get("reason", "")[:500],
        ),
    ):
        return redirect("console:innovation-exhibition", pk=exhibition.pk)
    return _page(request, exhibition, form=form, status=400)


@officer_required
@require_POST
@EXHIBITION
def publish(request, exhibition: Exhibition):
    try:
        services.set_published(
            actor=request.user,
            exhibition=exhibition,
            published=request.POST.get("published") == "1",
            reason=request.POST.get("reason", "")[:500],
        )
    except ValidationError as exc:
        return _page(request, exhibition, publish_errors=exc.messages, status=400)
    return redirect("console:innovation-exhibition", pk=exhibition.pk)


@officer_required
@require_POST
@EXHIBITION
def section_add(request, exhibition: Exhibition):
    form = SectionForm(request.POST, prefix="section")
    if submit(
        form, lambda data: services.add_section(actor=request.user, exhibition=exhibition, **data)
    ):
        return redirect("console:innovation-exhibition", pk=exhibition.pk)
    return _page(request, exhibition, section_form=form, status=400)


@officer_required
@require_POST
@SECTION
def section_edit(request, section: ExhibitionSection):
    exhibition = section.exhibition
    if request.POST.get("remove") == "1":
        services.remove_section(actor=request.user, section=section)
        return redirect("console:innovation-exhibition", pk=exhibition.pk)
    form = SectionForm(request.POST, prefix=f"s{section.pk}")
    if submit(
        form, lambda data: services.update_section(actor=request.user, section=section, **data)
    ):
        return redirect("console:innovation-exhibition", pk=exhibition.pk)
    return _page(request, exhibition, section_form=form, status=400)


@officer_required
@require_POST
@EXHIBITION
def item_add(request, exhibition: Exhibition):
    form = ItemForm(request.POST, prefix="item", exhibition=exhibition)
    if submit(form, lambda data: services.add_item(actor=request.user, **data)):
        return redirect("console:innovation-exhibition", pk=exhibition.pk)
    return _page(request, exhibition, item_form=form, status=400)


@officer_required
@require_POST
@ITEM
def item_edit(request, item: ExhibitionItem):
    exhibition = item.exhibition
    if request.POST.get("remove") == "1":
        services.remove_item(actor=request.user, item=item)
        return redirect("console:innovation-exhibition", pk=exhibition.pk)
    section = exhibition.sections.filter(pk=request.POST.get("section") or 0).first()
    try:
        services.move_item(
            actor=request.user, item=item, order=request.POST.get("order"), section=section
        )
    except ValidationError as exc:
        form = ItemForm(prefix="item", exhibition=exhibition)
        form_errors(form, exc)
        return _page(request, exhibition, item_form=form, status=400)
    return redirect("console:innovation-exhibition", pk=exhibition.pk)


urlpatterns = [
    path("innovation/exhibitions/", exhibitions, name="innovation-exhibitions"),
    path("innovation/exhibitions/<int:pk>/", exhibition_page, name="innovation-exhibition"),
    path("innovation/exhibitions/<int:pk>/publish/", publish, name="innovation-exhibition-publish"),
    path("innovation/exhibitions/<int:pk>/sections/", section_add, name="innovation-section-add"),
    path("innovation/sections/<int:pk>/", section_edit, name="innovation-section"),
    path("innovation/exhibitions/<int:pk>/items/", item_add, name="innovation-item-add"),
    path("innovation/items/<int:pk>/", item_edit, name="innovation-item"),
]
