"""Security headers Django does not set itself (the Content-Security-Policy is django-csp's)."""

from django.conf import settings


class PermissionsPolicyMiddleware:
    """`Permissions-Policy` on every response: the site uses no camera, microphone,
    location, payment or other powerful browser feature, so none is allowed (a page that
    one day needs one names it in settings.PERMISSIONS_POLICY)."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.value = ", ".join(
            f"{feature}=({' '.join(allowed)})"
            for feature, allowed in settings.PERMISSIONS_POLICY.items()
        )

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", self.value)
        return response
