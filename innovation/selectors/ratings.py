"""Reads of ratings: a rating's sheet (criteria with the self-assessment, files and the
latest review's verdicts), the reviews kept, the ratings a user may review or fill."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Prefetch, Q, QuerySet

from core.scope import ALL, officer_path
from innovation.models.ratings import (
    EvidenceFile,
    Rating,
    RatingStatus,
    Review,
    Reviewer,
    SelfAssessment,
)
from innovation.models.studios import Studio

RATINGS = Rating.objects.select_related("studio", "studio__union", "standard", "union")


@dataclass
class SheetRow:
    assessment: SelfAssessment
    files: list[EvidenceFile]
    verdict: object | None  # the latest review's ReviewItem for this criterion


def sheet(rating: Rating) -> list[SheetRow]:
    assessments = (
        rating.assessments.select_related("criterion")
        .prefetch_related(Prefetch("files", queryset=EvidenceFile.objects.order_by("id")))
        .order_by("criterion__order")
    )
    latest = rating.reviews.order_by("-reviewed_at", "-id").first()
    verdicts = {i.criterion_id: i for i in latest.items.all()} if latest else {}
    return [SheetRow(a, list(a.files.all()), verdicts.get(a.criterion_id)) for a in assessments]


def reviews(rating: Rating) -> list[Review]:
    return list(rating.reviews.prefetch_related("items__criterion").order_by("reviewed_at", "id"))


def studio_ratings(studio) -> QuerySet[Rating]:
    return RATINGS.filter(studio=studio).order_by("-year", "-id")


def officer_ratings(user, *, status: str = "") -> QuerySet[Rating]:
    qs = RATINGS.filter(Q(pk__in=Rating.objects.restrict(user)) | Q(studio__in=_studios_of(user)))
    if status in RatingStatus.values:
        qs = qs.filter(status=status)
    return qs.order_by("-year", "-id")


def _studios_of(user):
    return Studio.objects.restrict(user).values("pk")


def reviewable(user) -> QuerySet[Rating]:
    """Submitted ratings the user may review as an appointed reviewer or an officer (the
    rule `innovation.access.may_review` decides on each; this is the list's first cut)."""
    if user is None or not user.is_authenticated:
        return Rating.objects.none()
    paths = list(
        user.studio_reviewer_posts.filter(active=True).values_list("union__path", flat=True)
    )
    prefix = officer_path(user)
    if prefix is not None:
        paths.append(prefix)
    if not paths:
        return Rating.objects.none()
    if ALL in paths:
        scope = Q()
    else:
        scope = Q(pk__in=[])
        for path in paths:
            scope |= Q(union__path__startswith=path)
    qs = RATINGS.filter(scope, status=RatingStatus.SUBMITTED)
    worker = getattr(user, "worker", None)
    if worker is not None:
        qs = qs.exclude(studio__leader=worker).exclude(studio__members__worker=worker)
    return qs.order_by("submitted_at", "id")


def assessable(worker) -> QuerySet[Rating]:
    """The ratings of the studios a worker leads."""
    return RATINGS.filter(studio__leader=worker).order_by("-year", "-id")


def officer_reviewers(user) -> QuerySet[Reviewer]:
    return Reviewer.objects.restrict(user).select_related("user", "union", "appointed_by")
