"""Judge and officer pages: marking by bib (blind), and the judging status of an event.

A judge marks hundreds of entries at a contest, so the marking page is one list of small
forms (one per entry, one field per criterion), reachable with Tab and Enter only: saving
an entry moves the focus to the next entry that still misses marks.
"""

from decimal import Decimal, InvalidOperation
from functools import wraps
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from contests.models import Event, Registration
from contests.scoping import event_page
from core.access import is_chief_judge, is_officer, manages_event, manages_event_or_chief
from core.filters import is_id
from judging import selectors, services
from judging.models import JudgeAssignment

PAGE_SIZE = 100


def judge_required(view):
    """Judges' own pages: anyone else is refused before anything is looked up."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs):
        if getattr(request.user, "judge", None) is None:
            raise PermissionDenied(_("Only judges may do this."))
        return view(request, *args, **kwargs)

    return wrapper


@login_required
def judge_home(request: HttpRequest) -> HttpResponse:
    """A judge's assigned events; an officer's events to follow."""
    judge = getattr(request.user, "judge", None)
    assignments = list(selectors.judge_assignments(judge)) if judge else []
    officer_events = []
    if is_officer(request.user):
        officer_events = list(
            Event.objects.restrict(request.user)
            .filter(criteria__isnull=False)
            .distinct()
            .select_related("contest")
            .order_by("-contest__contest_date", "contest__name", "name")[:200]
        )
    return render(
        request,
        "judging/home.html",
        {"assignments": assignments, "officer_events": officer_events},
    )


@login_required
@judge_required
@event_page()
def judge_event(request: HttpRequest, event: Event) -> HttpResponse:
    """The marking sheet: entries by bib with the judge's own marks and what is missing."""
    return _sheet_page(
        request,
        event,
        show=request.GET.get("show", "all"),
        page=request.GET.get("page"),
        focus=request.GET.get("focus"),
    )


def _sheet_page(
    request: HttpRequest,
    event: Event,
    *,
    show: str,
    page,
    focus: str | None,
    typed: dict | None = None,
    status: int = 200,
) -> HttpResponse:
    """The marking sheet; `typed` = {"registration", "values", "errors"} puts back what the
    judge typed on one entry, with the errors next to it, after a refused save."""
    sheet = selectors.judge_sheet(request.user.judge, event)
    if sheet["assignment"] is None:
        raise PermissionDenied(_("You are not assigned to judge this event."))
    rows = sheet["entries"]
    if show == "missing":
        rows = [r for r in rows if r["missing"]]
    page = Paginator(rows, PAGE_SIZE).get_page(page)
    if focus is None:
        focus = next((str(r["bib"]) for r in page.object_list if r["missing"]), "")
    listed = list(page.object_list)
    typed = typed or {}
    # Each row links to the next one; an empty page (nothing missing) has no rows at all.
    for row, following in zip(listed, [*listed[1:], None], strict=False):
        row["next"] = following["bib"] if following else None
        mine = row["registration"] == typed.get("registration")
        row["errors"] = typed.get("errors", []) if mine else []
        row["fields"] = [
            {
                "criterion": c,
                "mark": row["marks"].get(c.code),
                "name": f"c_{c.code}",
                "typed": typed["values"].get(c.code) if mine else None,
            }
            for c in sheet["criteria"]
        ]
    missing_entries = sum(1 for r in sheet["entries"] if r["missing"])
    return render(
        request,
        "judging/event.html",
        {
            "event": event,
            "assignment": sheet["assignment"],
            "criteria": sheet["criteria"],
            "page": page,
            "show": show,
            "focus": focus,
            "total": len(sheet["entries"]),
            "missing_entries": missing_entries,
        },
        status=status,
    )


@login_required
@require_POST
@judge_required
def judge_entry(request: HttpRequest, pk: int, registration_id: int) -> HttpResponse:
    """Save one entry's marks (all its fields or none), then go on to the next entry. A
    refused save shows the sheet again with what was typed and the errors beside it."""
    registration = get_object_or_404(Registration, pk=registration_id, event_id=pk)
    sheet_criteria = selectors.judge_sheet(request.user.judge, registration.event)["criteria"]
    errors = []
    values = {}
    typed = {}
    for c in sheet_criteria:
        text = request.POST.get(f"c_{c.code}", "").strip()
        if not text:
            continue
        typed[c.code] = text
        try:
            values[c.code] = Decimal(text)
            if not values[c.code].is_finite():
                raise InvalidOperation
        except InvalidOperation:
            errors.append(
                _("%(code)s: %(value)s is not a number.") % {"code": c.code, "value": text}
            )
    if not errors:
        try:
            with transaction.atomic():
                for code, value in values.items():
                    services.record_mark(
                        actor=request.user,
                        registration=registration,
                        criterion_code=code,
                        value=value,
                    )
        except (ValidationError, PermissionDenied) as exc:
            errors.extend(getattr(exc, "messages", None) or [str(exc)])
    show = request.POST.get("show", "all")
    if errors:
        return _sheet_page(
            request,
            registration.event,
            show=show if show in ("all", "missing") else "all",
            page=request.POST.get("page", "1"),
            focus=str(registration.bib),
            typed={"registration": registration.pk, "values": typed, "errors": errors},
            status=400,
        )
    url = reverse("judge-event", args=[pk])
    query = {"show": show, "page": request.POST.get("page", "1")}
    messages.success(request, _("Bib %(bib)s saved.") % {"bib": registration.bib})
    query["focus"] = request.POST.get("next", "")
    anchor = f"#bib-{query['focus']}" if query["focus"] else ""
    return redirect(f"{url}?{urlencode(query)}{anchor}")


@login_required
@require_POST
@event_page()
def judge_submit(request: HttpRequest, event: Event) -> HttpResponse:
    """Hand in the sheet. With entries still blank, a confirmation page says how many and
    asks again (`confirm_incomplete`); nothing is locked until the judge confirms."""
    confirmed = request.POST.get("confirm_incomplete") == "yes"
    try:
        result = services.submit_marks(
            actor=request.user, event=event, confirm_incomplete=confirmed
        )
    except ValidationError as exc:
        problems = getattr(exc, "message_dict", {})
        if "confirm_incomplete" in problems:
            return render(
                request,
                "judging/confirm_submit.html",
                {
                    "event": event,
                    "missing": selectors.entries_missing_marks(request.user.judge, event),
                    "problem": " ".join(problems["confirm_incomplete"]),
                },
            )
        messages.error(request, "; ".join(exc.messages))
    except PermissionDenied as exc:
        messages.error(request, str(exc))
    else:
        n, blank = result["locked"], result["missing"]
        message = ngettext(
            "%(n)s mark submitted and locked.", "%(n)s marks submitted and locked.", n
        ) % {"n": n}
        if blank:
            message += " " + ngettext(
                "%(n)s entry was left without your marks.",
                "%(n)s entries were left without your marks.",
                blank,
            ) % {"n": blank}
        messages.success(request, message)
    return redirect("judge-event", pk=event.pk)


@login_required
@require_POST
@event_page()
def judge_confirm(request: HttpRequest, event: Event) -> HttpResponse:
    try:
        result = services.confirm_marks(actor=request.user, event=event)
    except (ValidationError, PermissionDenied) as exc:
        messages.error(request, "; ".join(getattr(exc, "messages", None) or [str(exc)]))
    else:
        n = result["confirmed"]
        messages.success(
            request, ngettext("%(n)s mark confirmed.", "%(n)s marks confirmed.", n) % {"n": n}
        )
    return redirect("judging-status", pk=event.pk)


@login_required
@event_page(manages_event_or_chief)
def status_page(request: HttpRequest, event: Event) -> HttpResponse:
    """Officers of the host union and the chief judge: completeness and divergence."""
    status = selectors.judging_status(event)
    show = request.GET.get("show", "open")
    entries = status["entries"]
    if show == "open":
        entries = [e for e in entries if not e["complete"]]
    page = Paginator(entries, PAGE_SIZE).get_page(request.GET.get("page"))
    panel = JudgeAssignment.objects.filter(event=event).select_related("judge").order_by("id")
    divergences = selectors.divergence_marks(event, status["divergent"][:PAGE_SIZE])
    # The results made public, if any: read through the event's `snapshots` relation (the
    # results app sits above judging and is not imported), so a published event's open
    # marks read as accepted at publication, and by whom, not as "cannot be published".
    published = event.snapshots.filter(is_public=True).select_related("published_by").first()
    return render(
        request,
        "judging/status.html",
        {
            "event": event,
            "status": status,
            "page": page,
            "show": show,
            "panel": panel,
            "chief": is_chief_judge(request.user, event),
            "officer": manages_event(request.user, event),
            "divergences": divergences,
            "published": published,
        },
    )


@login_required
@require_POST
@event_page()
def unlock_for_remarking(request: HttpRequest, event: Event) -> HttpResponse:
    """An officer reopens every panel mark on one entry and criterion, with a reason."""
    raw = request.POST.get("registration", "")
    if not is_id(raw):  # the form sends an entry's id; anything else was not typed there
        return HttpResponseBadRequest(_("registration: choose an entry of this event."))
    registration = get_object_or_404(Registration, pk=int(raw), event=event)
    code = request.POST.get("criterion", "")
    try:
        unlocked = services.unlock_entry_marks(
            actor=request.user,
            event=event,
            registration=registration,
            criterion_code=code,
            reason=request.POST.get("reason", ""),
        )["unlocked"]
    except (ValidationError, PermissionDenied) as exc:
        messages.error(request, "; ".join(getattr(exc, "messages", None) or [str(exc)]))
    else:
        messages.success(
            request,
            ngettext(
                "Bib %(bib)s, %(code)s: %(n)s mark unlocked for re-marking.",
                "Bib %(bib)s, %(code)s: %(n)s marks unlocked for re-marking.",
                unlocked,
            )
            % {"bib": registration.bib, "code": code, "n": unlocked},
        )
    return redirect("judging-status", pk=event.pk)
