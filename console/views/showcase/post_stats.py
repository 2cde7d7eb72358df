"""Console: the likes of the officer's posts by the liker's unit, and the posts whose likes
come mostly from one unit or from accounts made the day they liked (like farming)."""

from __future__ import annotations

from django.shortcuts import render
from django.urls import path

from console.views.base import officer_required
from showcase.selectors import stats


@officer_required
def post_stats(request):
    report = stats.officer_like_report(request.user)
    return render(
        request,
        "console/showcase/posts/stats.html",
        {
            "report": report,
            "figures": stats.dashboard_figures(request.user),
            "min_likes": stats.MIN_LIKES,
            "unit_share": int(stats.UNIT_SHARE * 100),
            "new_share": int(stats.NEW_ACCOUNT_SHARE * 100),
        },
    )


@officer_required
def dashboard_block(request):
    """The dashboard's showcase figures, loaded by htmx after the page (the dashboard's own
    reads stay as they were)."""
    return render(
        request,
        "showcase/_stats_block.html",
        {"figures": stats.dashboard_figures(request.user)},
    )


urlpatterns = [
    path("showcase/likes/", post_stats, name="showcase-post-stats"),
    path("showcase/figures/", dashboard_block, name="showcase-figures"),
]
