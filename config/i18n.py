"""Which language a request is answered in, and the link to the same page in the other one.

Pages say their language in the URL: Chinese at /, English under /en/ (i18n_patterns with
prefix_default_language=False). Django's LocaleMiddleware then answers every path without a
prefix in LANGUAGE_CODE, the API included; the API has no prefix, so it follows the caller
instead: the language cookie, then Accept-Language, then LANGUAGE_CODE.
"""

from django.conf import settings
from django.middleware.locale import LocaleMiddleware
from django.urls import translate_url
from django.utils import translation

API_PREFIX = "/api/"


class PageOrCallerLocaleMiddleware(LocaleMiddleware):
    """LocaleMiddleware for pages; the caller's language for the API (public.fastpath picks
    the same one to keep the API's answers per language)."""

    def process_request(self, request):
        if not request.path_info.startswith(API_PREFIX):
            return super().process_request(request)
        translation.activate(translation.get_language_from_request(request, check_path=False))
        request.LANGUAGE_CODE = translation.get_language()
        return None


def language_links(request) -> dict:
    """Context processor: `other_languages`, (code, local name, URL) of this page in each
    language but the current one. A plain link: no form, no CSRF token, so the same
    anonymous page can be cached for every visitor."""
    current = translation.get_language()
    path = request.get_full_path()
    return {
        "other_languages": [
            (code, translation.get_language_info(code)["name_local"], translate_url(path, code))
            for code, _name in settings.LANGUAGES
            if code != current
        ]
    }
