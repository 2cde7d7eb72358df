from rest_framework.routers import SimpleRouter

from contests.api.views import (
    ContestViewSet,
    DivisionViewSet,
    EventViewSet,
    RegistrationViewSet,
    SeriesViewSet,
)

router = SimpleRouter()
router.register("series", SeriesViewSet, basename="series")
router.register("divisions", DivisionViewSet, basename="division")
router.register("contests", ContestViewSet, basename="contest")
router.register("events", EventViewSet, basename="event")
router.register("registrations", RegistrationViewSet, basename="registration")

urlpatterns = router.urls
