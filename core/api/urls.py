from django.urls import path

from core.api.views import ApiTokenDetailView, ApiTokenListView, ObtainTokenView, TaskRecordView

urlpatterns = [
    path("auth/token/", ObtainTokenView.as_view(), name="auth-token"),
    path("auth/tokens/", ApiTokenListView.as_view(), name="auth-tokens"),
    path("auth/tokens/<int:pk>/", ApiTokenDetailView.as_view(), name="auth-token-detail"),
    path("tasks/<uuid:pk>/", TaskRecordView.as_view(), name="task-detail"),
]
