"""API conventions shared by every app.

Services raise Django's ValidationError (field-level messages) and PermissionDenied; this
handler turns them into the same 400/403 bodies DRF gives for serializer errors, so a rule
broken deep in a service still reaches the client as a message on the offending field.
"""

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import ProtectedError, RestrictedError
from django.http import JsonResponse
from django.utils.text import get_text_list
from django.utils.translation import gettext as _
from django.views import defaults
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler


def validation_detail(exc: DjangoValidationError):
    if hasattr(exc, "error_dict"):
        return {field: [str(m) for m in msgs] for field, msgs in exc.message_dict.items()}
    return {"non_field_errors": [str(m) for m in exc.messages]}


def still_referenced(exc: ProtectedError | RestrictedError) -> Response:
    """409: a delete refused because other rows still point at the object (on_delete=PROTECT
    or RESTRICT), naming what they are: "a team with entries" is a conflict, not a crash."""
    referring = exc.protected_objects if isinstance(exc, ProtectedError) else exc.restricted_objects
    kinds = sorted({str(obj._meta.verbose_name_plural) for obj in referring})
    detail = _("It cannot be deleted: %(kinds)s still refer to it.") % {
        "kinds": get_text_list(kinds, _("and"))
    }
    return Response({"detail": detail}, status=status.HTTP_409_CONFLICT)


def exception_handler(exc, context):
    if isinstance(exc, ProtectedError | RestrictedError):
        return still_referenced(exc)
    if isinstance(exc, DjangoValidationError):
        exc = exceptions.ValidationError(detail=validation_detail(exc))
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied(detail=str(exc) or None)
    return drf_exception_handler(exc, context)


def not_found(request, exception):
    """Django's 404 (no URL matched): JSON under /api/, the site's page elsewhere.

    An API client asking for `/api/v1/events/-1/` gets the same body as for an id that does
    not exist, not an HTML page it cannot read.
    """
    if request.path_info.startswith("/api/"):
        return JsonResponse({"detail": str(exceptions.NotFound.default_detail)}, status=404)
    return defaults.page_not_found(request, exception)
