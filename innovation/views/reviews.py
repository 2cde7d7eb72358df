"""Reviewer pages (评审专家, or an officer): the ratings waiting for the user's review and a
rating's review page (each criterion met or not with a comment); the evidence files of a
rating for those who fill or review it. `review_page` is shared with the console."""

from __future__ import annotations

from urllib.parse import quote

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import path

from core.access import check
from core.pages import scoped_page
from innovation.access import may_review, sees_rating
from innovation.models.ratings import EvidenceFile, Rating, RatingStatus
from innovation.selectors import ratings as selectors
from innovation.services import ratings as services
from innovation.views.rating_forms import ReviewForm

RATING = scoped_page(selectors.RATINGS, name="rating", permission=sees_rating)


def review_page(request, rating: Rating, *, template: str, done_url: str):
    """GET: the rating's sheet with the review form (when the user may review it now).
    POST: record the review through the service, then go to `done_url`."""
    can_review = rating.status == RatingStatus.SUBMITTED and may_review(request.user, rating)
    form = ReviewForm(
        request.POST if request.method == "POST" else None,
        criteria=rating.standard.criteria.all(),
    )
    status = 200
    if request.method == "POST":
        check(may_review, request.user, rating)
        if form.is_valid():
            try:
                services.review_rating(
                    actor=request.user,
                    rating=rating,
                    verdicts=form.verdicts(),
                    comments=form.cleaned_data["comments"],
                )
            except ValidationError as exc:
                form.add_error(None, exc.messages)
            else:
                return redirect(done_url)
        status = 400
    return render(
        request,
        template,
        {
            "rating": rating,
            "sheet": selectors.sheet(rating),
            "reviews": selectors.reviews(rating),
            "form": form if can_review else None,
        },
        status=status,
    )


@login_required
def review_list(request):
    return render(
        request,
        "innovation/studios/review_list.html",
        {"ratings": [r for r in selectors.reviewable(request.user) if may_review(request.user, r)]},
    )


@login_required
@RATING
def review(request, rating: Rating):
    return review_page(
        request,
        rating,
        template="innovation/studios/review.html",
        done_url=request.path,
    )


@login_required
def evidence(request, pk: int):
    """An evidence file, for those who may see its rating only (never public)."""
    file = (
        EvidenceFile.objects.select_related(
            "assessment__rating__studio__union", "assessment__rating__union"
        )
        .filter(pk=pk)
        .first()
    )
    if file is None or not sees_rating(request.user, file.assessment.rating):
        raise Http404
    try:
        handle = default_storage.open(file.stored_name, "rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(handle, content_type=file.content_type, as_attachment=True)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(file.filename)}"
    response["X-Content-Type-Options"] = "nosniff"
    return response


urlpatterns = [
    path("reviews/", review_list, name="reviews"),
    path("reviews/<int:pk>/", review, name="review"),
    path("evidence/<int:pk>/", evidence, name="evidence"),
]
