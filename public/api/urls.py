from django.urls import path
from rest_framework.routers import SimpleRouter

from public.api import views

router = SimpleRouter()
router.register("objections", views.ObjectionViewSet, basename="objection")

urlpatterns = [
    path(
        "public/events/<int:pk>/leaderboard/",
        views.PublicLeaderboardView.as_view(),
        name="public-leaderboard-api",
    ),
    path(
        "public/contests/<int:pk>/awards/",
        views.PublicAwardsView.as_view(),
        name="public-awards-api",
    ),
    path("contests/<int:pk>/report/", views.ContestReportView.as_view(), name="contest-report"),
    path(
        "events/<int:pk>/results-export/", views.ResultsExportView.as_view(), name="results-export"
    ),
    path(
        "contests/<int:pk>/awards-export/", views.AwardsExportView.as_view(), name="awards-export"
    ),
    path("contests/<int:pk>/certificates/", views.CertificatesView.as_view(), name="certificates"),
    path(
        "public/certificates/<str:number>/",
        views.CertificateVerifyView.as_view(),
        name="certificate-verify-api",
    ),
    *router.urls,
]
