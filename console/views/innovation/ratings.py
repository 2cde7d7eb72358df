"""Console: studio ratings and reviewers. The ratings an officer manages; a rating's page
(the self-assessment with its evidence, the reviews kept, and the review form when the
officer may review it: innovation.access.may_review); the reviewers (评审专家) an officer
appoints for their unions."""

from __future__ import annotations

from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.views.decorators.http import require_POST

from console.views.base import officer_required, submit
from console.views.innovation.studio_forms import ReviewerForm
from core.access import hidden, of
from core.pages import scoped_page
from core.scope import manages_union
from innovation.access import sees_rating
from innovation.models.ratings import Rating, RatingStatus, Reviewer
from innovation.selectors import ratings as selectors
from innovation.services import ratings as services
from innovation.views.reviews import review_page

RATING = scoped_page(selectors.RATINGS, name="rating", permission=hidden(sees_rating))
REVIEWER = scoped_page(
    Reviewer.objects.select_related("union"),
    name="reviewer",
    permission=hidden(of(manages_union, "union")),
)


@officer_required
def rating_list(request):
    status = request.GET.get("status", "")
    return render(
        request,
        "console/innovation/studios/ratings.html",
        {
            "ratings": selectors.officer_ratings(request.user, status=status)[:200],
            "status": status,
            "statuses": RatingStatus.choices,
        },
    )


@officer_required
@RATING
def rating(request, rating: Rating):
    return review_page(
        request,
        rating,
        template="console/innovation/studios/rating.html",
        done_url=reverse("console:studio-rating", args=[rating.pk]),
    )


@officer_required
def reviewers(request):
    form = ReviewerForm(request.POST or None, user=request.user)
    if request.method == "POST" and submit(
        form, lambda data: services.appoint_reviewer(actor=request.user, **data)
    ):
        return redirect("console:studio-reviewers")
    return render(
        request,
        "console/innovation/studios/reviewers.html",
        {"form": form, "reviewers": selectors.officer_reviewers(request.user)},
        status=400 if request.method == "POST" else 200,
    )


@officer_required
@require_POST
@REVIEWER
def reviewer_active(request, reviewer: Reviewer):
    services.set_reviewer_active(
        actor=request.user,
        reviewer=reviewer,
        active=request.POST.get("active") == "1",
        reason=request.POST.get("reason", "")[:500],
    )
    return redirect("console:studio-reviewers")


urlpatterns = [
    path("innovation/ratings/", rating_list, name="studio-ratings"),
    path("innovation/ratings/<int:pk>/", rating, name="studio-rating"),
    path("innovation/reviewers/", reviewers, name="studio-reviewers"),
    path("innovation/reviewers/<int:pk>/active/", reviewer_active, name="studio-reviewer-active"),
]
