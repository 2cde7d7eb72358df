"""Public pages of innovation results: a result's page (its studio, unit, masked authors,
patents, benefit, pictures and showcase posts) and its pictures. A result is public once a
published exhibition shows it; its union's officers see it before."""

from __future__ import annotations

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import path

from innovation.models import InnovationResult, ResultImage
from innovation.selectors import results as selectors


def result_page(request, pk: int):
    result = get_object_or_404(selectors.with_details(InnovationResult.objects.all()), pk=pk)
    if not selectors.may_see(request.user, result):
        raise Http404
    return render(
        request,
        "innovation/results/detail.html",
        {
            "result": selectors.public_result(result),
            "posts": selectors.result_posts(result),
            "exhibitions": result.exhibition_items.filter(
                exhibition__published_at__isnull=False
            ).values_list("exhibition_id", "exhibition__title"),
        },
    )


def result_image(request, pk: int):
    image = get_object_or_404(ResultImage.objects.select_related("result__studio__union"), pk=pk)
    if not selectors.may_see(request.user, image.result):
        raise Http404
    try:
        with image.image.open("rb") as f:
            body = f.read()
    except (FileNotFoundError, OSError) as error:
        raise Http404 from error
    response = HttpResponse(body, content_type="image/jpeg")
    response["Cache-Control"] = "public, max-age=3600"
    response["X-Content-Type-Options"] = "nosniff"
    return response


urlpatterns = [
    path("results/<int:pk>/", result_page, name="result"),
    path("results/images/<int:pk>.jpg", result_image, name="result-image"),
]
