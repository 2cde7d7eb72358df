from django.urls import path

from core.api.views import ObtainTokenView, TaskRecordView

urlpatterns = [
    path("auth/token/", ObtainTokenView.as_view(), name="auth-token"),
    path("tasks/<uuid:pk>/", TaskRecordView.as_view(), name="task-detail"),
]
