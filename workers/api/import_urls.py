# Before the workers router, so "import" is not taken for a worker id.
from django.urls import path

from workers.api.import_views import WorkerImportView

urlpatterns = [path("workers/import/", WorkerImportView.as_view(), name="worker-import")]
