from django.urls import path
from rest_framework.routers import SimpleRouter

from judging.api import views

router = SimpleRouter()
router.register("judges", views.JudgeViewSet, basename="judge")
router.register("marks", views.MarkViewSet, basename="mark")

urlpatterns = [
    path("events/<int:pk>/judges/", views.EventJudgesView.as_view(), name="event-judges"),
    path("events/<int:pk>/scheme/", views.EventSchemeView.as_view(), name="event-scheme"),
    path(
        "events/<int:pk>/marks/submit/", views.SubmitMarksView.as_view(), name="event-marks-submit"
    ),
    path(
        "events/<int:pk>/marks/confirm/",
        views.ConfirmMarksView.as_view(),
        name="event-marks-confirm",
    ),
    path(
        "events/<int:pk>/marks/unlock/", views.UnlockMarksView.as_view(), name="event-marks-unlock"
    ),
    path(
        "events/<int:pk>/marks/upload/",
        views.UploadScoresheetView.as_view(),
        name="event-marks-upload",
    ),
    path("events/<int:pk>/marksheet/", views.MarksheetView.as_view(), name="event-marksheet"),
    path("events/<int:pk>/mark-log/", views.MarkLogView.as_view(), name="event-mark-log"),
    path(
        "events/<int:pk>/judging-status/",
        views.JudgingStatusView.as_view(),
        name="event-judging-status",
    ),
    path(
        "registrations/<int:pk>/penalties/",
        views.PenaltiesView.as_view(),
        name="registration-penalties",
    ),
    *router.urls,
]
