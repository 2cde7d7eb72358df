from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

api_v1 = [
    path("", include("core.api.urls")),
    path("", include("unions.api.urls")),
    path("", include("workers.api.import_urls")),
    path("", include("workers.api.urls")),
    path("", include("contests.api.urls")),
    path("", include("judging.api.urls")),
    path("", include("results.api.urls")),
    path("training/", include("training.api.urls")),
    path("innovation/", include("innovation.api.urls")),
    path("showcase/", include("showcase.api.urls")),
    path("", include("public.api.urls")),
]

# No URL matched: JSON for API clients, the site's 404 page for people.
handler404 = "core.api.errors.not_found"

urlpatterns = [
    path("api/v1/", include(api_v1)),
    path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
    # The split view serves its start-up script as a file (the CSP runs no inline script).
    path("api/docs/", SpectacularSwaggerSplitView.as_view(url_name="schema"), name="api-docs"),
]
# Pages speak Chinese at / and English at /en/ (prefix_default_language=False keeps Chinese
# URLs short); the admin follows the same switch. The language switch is a plain link to the
# same page under the other prefix (config.i18n.language_links), so there is no set_language
# view. The API answers in the caller's language (config.i18n).
urlpatterns += i18n_patterns(
    path("admin/", admin.site.urls),
    path("accounts/", include("django.contrib.auth.urls")),
    path("manage/", include("console.urls")),
    path("", include("contests.urls")),
    path("", include("judging.urls")),
    path("training/", include("training.urls")),
    path("innovation/", include("innovation.urls")),
    path("showcase/", include("showcase.urls")),
    path("", include("public.urls")),
    prefix_default_language=False,
)

if settings.DEBUG:
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
