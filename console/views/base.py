"""What every console page shares: who may open it and how a service's refusal shows.

The first access layer is `officer_required` (an officer of some union, or a superuser);
the second is the object's own rule, checked when the URL's object is resolved
(contests.scoping.event_page / contest_page with core.access rules) or by listing through
`Model.objects.restrict(user)`. Pages write only through services, a bound form through
`submit` (the form checked, then the service): a ValidationError lands on the form field it
names (`form_errors`), a PermissionDenied is a 403.
"""

from __future__ import annotations

import functools

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _

from core.access import is_officer
from core.forms import form_errors, submit  # noqa: F401  (the console's views import them from here)

NOT_AN_OFFICER = _("The officer console is for union officers.")


def officer_required(view):
    """Signed in (else the login page), and an officer (else 403)."""

    @login_required
    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        if not is_officer(request.user):
            raise PermissionDenied(NOT_AN_OFFICER)
        return view(request, *args, **kwargs)

    return wrapper
