import io

import pytest

from innovation import demo_studios
from innovation.models.alliances import Alliance
from innovation.models.ratings import Rating, RatingStatus
from innovation.models.studios import Studio
from unions import demo as unions_demo
from workers import demo as workers_demo

pytestmark = pytest.mark.django_db


def test_the_demo_studios_load_once_with_every_level_in_every_province():
    out = io.StringIO()
    unions_demo.load(out=out, options={"seed": 2019})
    workers_demo.load(out=out, options={"workers": 400, "seed": 2019})
    demo_studios.load(out=out, options={})
    counts = (Studio.objects.count(), Rating.objects.count())
    demo_studios.load(out=out, options={})
    assert (Studio.objects.count(), Rating.objects.count()) == counts
    for code in ("SH", "JS", "ZJ", "AH"):
        levels = set(
            Studio.objects.filter(union__path__startswith=f"/{code}/").values_list(
                "level", flat=True
            )
        )
        assert levels == {"enterprise", "city", "province", "national", None}
    revising = Rating.objects.filter(status=RatingStatus.REVISE)
    assert revising.count() == 4
    assert revising.first().reviews.get().items.filter(met=False).count() == 1
    alliance = Alliance.objects.get(slug=demo_studios.ALLIANCE_SLUG)
    assert alliance.studios.count() == Studio.objects.count() == 20
    national = Studio.objects.filter(level="national").first()
    assert list(national.level_grants.values_list("level", flat=True)) == [
        "enterprise",
        "city",
        "province",
        "national",
    ]
