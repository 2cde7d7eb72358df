from django.urls import path

from results.api import views

urlpatterns = [
    path("events/<int:pk>/compute/", views.EventComputeView.as_view(), name="event-compute"),
    path("events/<int:pk>/publish/", views.EventPublishView.as_view(), name="event-publish"),
    path("events/<int:pk>/results/", views.EventResultsView.as_view(), name="event-results"),
    path("events/<int:pk>/draw/", views.EventDrawView.as_view(), name="event-draw"),
    path(
        "events/<int:pk>/promotions/apply/",
        views.EventPromotionsView.as_view(),
        name="event-promotions-apply",
    ),
    path("contests/<int:pk>/compute/", views.ContestComputeView.as_view(), name="contest-compute"),
    path("contests/<int:pk>/publish/", views.ContestPublishView.as_view(), name="contest-publish"),
    path("contests/<int:pk>/awards/", views.ContestAwardsView.as_view(), name="contest-awards"),
]
