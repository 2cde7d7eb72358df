from django.urls import path

from judging import views

urlpatterns = [
    path("judge/", views.judge_home, name="judge-home"),
    path("judge/events/<int:pk>/", views.judge_event, name="judge-event"),
    path(
        "judge/events/<int:pk>/entries/<int:registration_id>/",
        views.judge_entry,
        name="judge-entry",
    ),
    path("judge/events/<int:pk>/submit/", views.judge_submit, name="judge-submit"),
    path("judge/events/<int:pk>/confirm/", views.judge_confirm, name="judge-confirm"),
    path("judge/events/<int:pk>/status/", views.status_page, name="judging-status"),
    path(
        "judge/events/<int:pk>/status/unlock/",
        views.unlock_for_remarking,
        name="judging-unlock",
    ),
]
