"""Reads of studios' work for the console: the studios an officer manages with their counts,
one studio's topics with their projects and results, a result with its patents."""

from __future__ import annotations

from django.db.models import Count, IntegerField, OuterRef, Prefetch, QuerySet, Subquery
from django.db.models.functions import Coalesce

from contests.models import Contest, Event
from core.models import User
from innovation.models import (
    InnovationResult,
    InnovationTopic,
    ResearchProject,
    Studio,
)
from innovation.selectors.studios import officer_studios


def _counted(model, link: str):
    rows = (
        model.objects.filter(**{link: OuterRef("pk")})
        .order_by()
        .values(link)
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(rows, output_field=IntegerField()), 0)


def studios_with_work(user: User) -> QuerySet[Studio]:
    """The studios in the officer's union subtree, each with its numbers of topics, projects
    and results (one query)."""
    return (
        officer_studios(user)
        .select_related("union", "employer")
        .annotate(
            n_topics=_counted(InnovationTopic, "studio"),
            n_projects=_counted(ResearchProject, "topic__studio"),
            n_results=_counted(InnovationResult, "studio"),
        )
    )


def studio_work(studio: Studio) -> dict:
    """A studio's topics (each with its projects) and results, newest first."""
    topics = list(
        studio.topics.prefetch_related(
            Prefetch("projects", queryset=ResearchProject.objects.order_by("-started_on", "-id"))
        )
    )
    results = list(
        studio.results.select_related("project", "contest_achievement")
        .annotate(n_patents=Count("patents"))
        .order_by("-achieved_on", "-id")
    )
    return {"topics": topics, "results": results}


def result_detail(result_id: int) -> InnovationResult:
    return (
        InnovationResult.objects.select_related(
            "studio__union", "studio__employer", "project__topic", "contest_achievement"
        )
        .prefetch_related("authors", "patents", "images")
        .get(pk=result_id)
    )


def achievement_events() -> QuerySet[Event]:
    """The achievement events of contests open for registration, for the "enter into a
    contest" choice (the contest services check the window and the rules)."""
    return (
        Event.objects.filter(kind=Event.Kind.ACHIEVEMENT, contest__status=Contest.Status.OPEN)
        .select_related("contest")
        .order_by("-contest__registration_closes", "contest_id", "id")
    )
