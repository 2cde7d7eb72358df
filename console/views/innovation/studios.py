"""Console: innovation studios. The list of the studios an officer manages; register a
studio; a studio's page (edit, members, level history, ratings with a form to open one,
alliances, the audit of every write)."""

from __future__ import annotations

from urllib.parse import urlencode

from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from console import nav
from console.views.base import form_errors, officer_required, submit
from console.views.innovation.studio_forms import (
    JoinAllianceForm,
    MemberForm,
    OpenRatingForm,
    StudioForm,
)
from core.access import hidden
from core.pages import scoped_page
from innovation.access import manages_studio
from innovation.models.studios import Studio, StudioLevel
from innovation.selectors import ratings as rating_selectors
from innovation.selectors import studios as selectors
from innovation.selectors.audit import studio_audit
from innovation.services import alliances as alliance_services
from innovation.services import ratings as rating_services
from innovation.services import studios as services

PAGE_SIZE = 25
STUDIO = scoped_page(
    Studio.objects.select_related("union", "employer", "leader"),
    name="studio",
    permission=hidden(manages_studio),
)

nav.section(60, _("Innovation studios"), "console:studios")


@officer_required
def studio_list(request):
    q = request.GET.get("q", "").strip()[:100]
    level = request.GET.get("level", "")
    studios = selectors.officer_studios(request.user, q=q, level=level)
    page = Paginator(studios, PAGE_SIZE).get_page(request.GET.get("page"))
    query = urlencode({k: v for k, v in {"q": q, "level": level}.items() if v})
    return render(
        request,
        "console/innovation/studios/list.html",
        {
            "page": page,
            "q": q,
            "level": level,
            "levels": StudioLevel.choices,
            "query": query + "&" if query else "",
        },
    )


@officer_required
def register(request):
    form = StudioForm(request.POST or None, user=request.user)
    if request.method == "POST" and (
        done := submit(
            form,
            lambda data: services.register_studio(
                actor=request.user, union=data["union"], **form.service_fields()
            ),
        )
    ):
        return redirect("console:studio", pk=done.value.pk)
    status = 400 if request.method == "POST" else 200
    return render(request, "console/innovation/studios/form.html", {"form": form}, status=status)


def _detail(request, studio, **forms):
    context = {
        "studio": studio,
        "edit_form": StudioForm(
            user=request.user,
            studio=studio,
            initial={
                "name": studio.name,
                "employer": studio.employer_id,
                "leader_id": studio.leader_id,
                "leader_titles": studio.leader_titles,
                "field": studio.field,
                "founded_on": studio.founded_on,
                "description": studio.description,
            },
        ),
        "member_form": MemberForm(user=request.user),
        "rating_form": OpenRatingForm(user=request.user, studio=studio),
        "alliance_form": JoinAllianceForm(),
        "members": selectors.members(studio),
        "grants": studio.level_grants.select_related("union").order_by("granted_on", "id"),
        "ratings": rating_selectors.studio_ratings(studio),
        "memberships": studio.alliance_memberships.select_related("alliance"),
        "audit": studio_audit(studio),
    }
    context.update(forms)
    status = 400 if forms else 200
    return render(request, "console/innovation/studios/detail.html", context, status=status)


@officer_required
@STUDIO
def detail(request, studio: Studio):
    return _detail(request, studio)


@officer_required
@require_POST
@STUDIO
def edit(request, studio: Studio):
    form = StudioForm(request.POST, user=request.user, studio=studio)
    if submit(
        form,
        lambda _data: services.edit_studio(
            actor=request.user, studio=studio, **form.service_fields()
        ),
    ):
        return redirect("console:studio", pk=studio.pk)
    studio.refresh_from_db()
    return _detail(request, studio, edit_form=form)


@officer_required
@require_POST
@STUDIO
def add_member(request, studio: Studio):
    form = MemberForm(request.POST, user=request.user)
    if submit(
        form,
        lambda data: services.add_member(
            actor=request.user,
            studio=studio,
            worker=data["worker_id"],
            role=data["role"],
            joined_on=data["joined_on"],
            reason=data["reason"],
        ),
    ):
        return redirect("console:studio", pk=studio.pk)
    return _detail(request, studio, member_form=form)


@officer_required
@require_POST
@STUDIO
def remove_member(request, studio: Studio, member_pk: int):
    member = get_object_or_404(studio.members, pk=member_pk)
    try:
        services.remove_member(
            actor=request.user, member=member, reason=request.POST.get("reason", "")[:500]
        )
    except ValidationError as exc:
        form = MemberForm(user=request.user)
        form_errors(form, exc)
        return _detail(request, studio, member_form=form)
    return redirect("console:studio", pk=studio.pk)


@officer_required
@require_POST
@STUDIO
def open_rating(request, studio: Studio):
    form = OpenRatingForm(request.POST, user=request.user, studio=studio)
    if done := submit(
        form, lambda data: rating_services.open_rating(actor=request.user, studio=studio, **data)
    ):
        return redirect("console:studio-rating", pk=done.value.pk)
    return _detail(request, studio, rating_form=form)


@officer_required
@require_POST
@STUDIO
def join_alliance(request, studio: Studio):
    form = JoinAllianceForm(request.POST)
    if submit(
        form,
        lambda data: alliance_services.join_alliance(
            actor=request.user, alliance=data["alliance"], studio=studio, reason=data["reason"]
        ),
    ):
        return redirect("console:studio", pk=studio.pk)
    return _detail(request, studio, alliance_form=form)


urlpatterns = [
    path("innovation/studios/", studio_list, name="studios"),
    path("innovation/studios/new/", register, name="studio-register"),
    path("innovation/studios/<int:pk>/", detail, name="studio"),
    path("innovation/studios/<int:pk>/edit/", edit, name="studio-edit"),
    path("innovation/studios/<int:pk>/members/", add_member, name="studio-member-add"),
    path(
        "innovation/studios/<int:pk>/members/<int:member_pk>/remove/",
        remove_member,
        name="studio-member-remove",
    ),
    path("innovation/studios/<int:pk>/ratings/", open_rating, name="studio-rating-open"),
    path("innovation/studios/<int:pk>/alliances/", join_alliance, name="studio-alliance-join"),
]
