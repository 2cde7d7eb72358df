"""The audit page of a contest: who changed what, with the old and new value and the
reason, newest first (console.audit reads it); read-only."""

from __future__ import annotations

from django.shortcuts import render
from django.utils.http import urlencode

from console import audit
from console.views.base import officer_required
from contests.models import Contest
from contests.scoping import contest_page
from core.access import hidden, manages_contest


@officer_required
@contest_page(hidden(manages_contest))
def contest_audit(request, contest: Contest):
    kind = request.GET.get("kind", "")
    page = audit.audit_page(contest, request.user, kind=kind, page=request.GET.get("page") or 1)
    return render(
        request,
        "console/contests/audit.html",
        {
            "contest": contest,
            "page": page,
            "kinds": audit.KINDS,
            "kind": kind,
            "query": urlencode({"kind": kind}) if kind else "",
        },
    )
