"""Pages of the contests app: the open contests list, sign-up, entering, my entries."""

from django.urls import path

from contests import views

urlpatterns = [
    path("contests/", views.contest_list, name="contest-list"),
    path("contests/events/<int:pk>/enter/", views.enter_event, name="enter-event"),
    path("signup/", views.signup, name="signup"),
    path("me/entries/", views.my_entries, name="my-entries"),
    path("me/entries/<int:pk>/withdraw/", views.withdraw_entry, name="withdraw-entry"),
]
