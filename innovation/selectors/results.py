"""Public reads of innovation results. A result is public once it is shown in a published
exhibition; officers of its studio's union subtree see it before. What a public page or the
public API gets is `public_result`: no personal data (authors' names masked, no ID numbers,
phones or worker ids)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from core.access import manages_union
from core.models import User
from core.validators import mask_name
from innovation.models import ExhibitionItem, InnovationResult, Patent, ResultImage
from unions.names import in_language

POSTS_LIMIT = 10


def public_results() -> QuerySet[InnovationResult]:
    shown = ExhibitionItem.objects.filter(
        result=OuterRef("pk"), exhibition__published_at__isnull=False
    )
    return InnovationResult.objects.filter(Exists(shown))


def visible_results(user: User | None) -> QuerySet[InnovationResult]:
    """Public results, and those of the officer's union subtree."""
    mine = InnovationResult.objects.restrict(user).values("pk")
    shown = ExhibitionItem.objects.filter(
        result=OuterRef("pk"), exhibition__published_at__isnull=False
    )
    return InnovationResult.objects.filter(Q(Exists(shown)) | Q(pk__in=mine))


def with_details(results: QuerySet[InnovationResult]) -> QuerySet[InnovationResult]:
    return results.select_related(
        "studio__employer", "studio__union", "project__topic"
    ).prefetch_related(
        "authors",
        Prefetch("patents", queryset=Patent.objects.order_by("number")),
        Prefetch("images", queryset=ResultImage.objects.order_by("order", "id")),
    )


@dataclass(frozen=True)
class PublicPost:
    title: str
    url: str | None


@dataclass(frozen=True)
class PublicResult:
    id: int
    title: str
    summary: str
    studio: str
    studio_level: str
    unit: str
    union: str
    authors: list[str]  # masked
    achieved_on: str
    applied: bool
    applied_on: str | None
    benefit_yuan: Decimal | None
    benefit_basis: str
    patents: list[dict]
    images: list[dict]
    entered_in_contest: bool


def public_result(result: InnovationResult) -> PublicResult:
    """The public face of a result (loaded `with_details`)."""
    studio = result.studio
    return PublicResult(
        id=result.pk,
        title=result.title,
        summary=result.summary,
        studio=studio.name,
        studio_level=studio.get_level_display() if studio.level else "",
        unit=studio.employer.name,
        union=in_language(studio.union),
        authors=[mask_name(a.name) for a in result.authors.all()],
        achieved_on=result.achieved_on.isoformat(),
        applied=result.applied,
        applied_on=result.applied_on.isoformat() if result.applied_on else None,
        benefit_yuan=result.benefit_yuan,
        benefit_basis=result.benefit_basis,
        patents=[
            {"number": p.number, "kind": p.kind, "kind_label": str(p.get_kind_display())}
            for p in result.patents.all()
        ],
        images=[
            {
                "id": i.pk,
                "caption": i.caption,
                "url": reverse("innovation:result-image", args=[i.pk]),
            }
            for i in result.images.all()
        ],
        entered_in_contest=result.contest_achievement_id is not None,
    )


def result_posts(result: InnovationResult) -> list[PublicPost]:
    """The result's published showcase posts, through the reverse accessor `posts` the
    showcase app (above this one) adds; none if it is not installed."""
    posts = getattr(result, "posts", None)
    if posts is None:
        return []
    now = timezone.now()
    rows = (
        posts.filter(status="published")
        .filter(Q(publish_at__isnull=True) | Q(publish_at__lte=now))
        .order_by("-published_at", "-id")
        .values_list("pk", "title")[:POSTS_LIMIT]
    )
    found = []
    for pk, title in rows:
        try:
            url = reverse("showcase:post", args=[pk])
        except NoReverseMatch:
            url = None
        found.append(PublicPost(title=title, url=url))
    return found


def may_see(user: User | None, result: InnovationResult) -> bool:
    return public_results().filter(pk=result.pk).exists() or manages_union(
        user, result.studio.union
    )
