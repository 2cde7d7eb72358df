"""The studio leader's pages (a worker with a login; an officer of the studio's union may
fill them on the studio's behalf): the studios one leads with their ratings; a rating's
self-assessment, one criterion at a time (statement, link, evidence files), and submitting
it for review."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.views.decorators.http import require_POST

from core.access import hidden
from core.pages import scoped_page
from innovation.access import assesses_rating
from innovation.models.ratings import Rating
from innovation.selectors import ratings as selectors
from innovation.selectors.studios import led_studios
from innovation.services import ratings as services
from innovation.services.ratings import EDITABLE_STATUSES
from innovation.views.rating_forms import AssessmentForm

RATING = scoped_page(selectors.RATINGS, name="rating", permission=hidden(assesses_rating))


@login_required
def my_studios(request):
    worker = getattr(request.user, "worker", None)
    studios = list(led_studios(worker)) if worker is not None else []
    ratings = selectors.assessable(worker) if worker is not None else Rating.objects.none()
    return render(
        request,
        "innovation/studios/my_studios.html",
        {"studios": studios, "ratings": ratings},
    )


def _page(request, rating: Rating, *, bound: tuple[int, AssessmentForm] | None = None, error=""):
    rows = []
    for row in selectors.sheet(rating):
        a = row.assessment
        if bound is not None and bound[0] == a.pk:
            form = bound[1]
        else:
            form = AssessmentForm(
                initial={"statement": a.statement, "link": a.link}, prefix=f"c{a.pk}"
            )
        rows.append((row, form))
    return render(
        request,
        "innovation/studios/assess.html",
        {
            "rating": rating,
            "rows": rows,
            "editable": rating.status in EDITABLE_STATUSES,
            "reviews": selectors.reviews(rating),
            "error": error,
        },
        status=400 if bound is not None or error else 200,
    )


@login_required
@RATING
def assess(request, rating: Rating):
    return _page(request, rating)


@require_POST
@login_required
@RATING
def save(request, rating: Rating, assessment_pk: int):
    assessment = get_object_or_404(rating.assessments.select_related("criterion"), pk=assessment_pk)
    form = AssessmentForm(request.POST, request.FILES, prefix=f"c{assessment.pk}")
    if form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            services.save_assessment(
                actor=request.user,
                assessment=assessment,
                statement=form.cleaned_data["statement"],
                link=form.cleaned_data["link"],
            )
            if upload is not None:
                services.check_evidence_size(upload.size)  # before reading it
                services.add_evidence(
                    actor=request.user,
                    assessment=assessment,
                    filename=upload.name,
                    data=upload.read(),
                )
        except ValidationError as exc:
            form.add_error(None, exc)  # the services' keys are this form's fields
        else:
            url = reverse("innovation:assess", args=[rating.pk])
            return redirect(f"{url}#criterion-{assessment.criterion.code}")
    return _page(request, rating, bound=(assessment.pk, form))


@require_POST
@login_required
@RATING
def remove_file(request, rating: Rating, file_pk: int):
    evidence = get_object_or_404(
        services.EvidenceFile.objects.filter(assessment__rating=rating), pk=file_pk
    )
    try:
        services.remove_evidence(actor=request.user, evidence=evidence)
    except ValidationError as exc:
        return _page(request, rating, error=" ".join(exc.messages))
    return redirect("innovation:assess", pk=rating.pk)


@require_POST
@login_required
@RATING
def submit(request, rating: Rating):
    try:
        services.submit_rating(actor=request.user, rating=rating)
    except ValidationError as exc:
        return _page(request, rating, error=" ".join(exc.messages))
    return redirect("innovation:assess", pk=rating.pk)


urlpatterns = [
    path("my-studios/", my_studios, name="my-studios"),
    path("assess/<int:pk>/", assess, name="assess"),
    path("assess/<int:pk>/criteria/<int:assessment_pk>/", save, name="assess-save"),
    path("assess/<int:pk>/files/<int:file_pk>/remove/", remove_file, name="assess-file-remove"),
    path("assess/<int:pk>/submit/", submit, name="assess-submit"),
]
