from django.urls import path

from public import verification, views

urlpatterns = [
    path("", views.home, name="home"),
    path("me/results/", views.my_results, name="my-results"),
    path("me/certificates/<str:number>.pdf", verification.my_certificate, name="my-certificate"),
    path("verify/", verification.verify_page, name="verify"),
    path("verify/<str:number>/", verification.verify_page, name="verify-certificate"),
    path("me/objections/", views.file_objection, name="file-objection"),
    path("series/<int:pk>/", views.series_detail, name="public-series"),
    path("contests/<int:pk>/", views.contest_detail, name="public-contest"),
    path("contests/<int:pk>/awards/", views.contest_awards, name="public-awards"),
    path("contests/<int:pk>/objections/", views.contest_objections, name="public-objections"),
    path("contests/<int:pk>/report/", views.contest_report, name="public-report"),
    path("contests/<int:pk>/report.xlsx", views.contest_report_xlsx, name="public-report-xlsx"),
    path("events/<int:pk>/leaderboard/", views.event_leaderboard, name="public-leaderboard"),
]
