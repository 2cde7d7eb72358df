from django.urls import path
from rest_framework.routers import SimpleRouter

from workers.api.views import RegisterView, TeamViewSet, WorkerViewSet

router = SimpleRouter()
router.register("workers", WorkerViewSet, basename="worker")
router.register("teams", TeamViewSet, basename="team")

urlpatterns = [
    path("auth/register/", RegisterView.as_view(), name="auth-register"),
    *router.urls,
]
