"""Writes of innovation results: create and edit a result (its project, authors, whether it is
applied, its economic benefit with the basis of the figure), its patents (numbers validated by
`innovation.patents`, stored canonical), and its entry into a contest's achievement event in
one step (the contest core's services make the Achievement and the entry).

Same rules as innovation.services.work: the studio's union officers, checked first; problems
as ValidationError({field: [...]}); every write logged.
"""

from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from contests.models import Event, Registration
from contests.services.entries import register_achievement
from core.access import check
from core.models import User
from innovation import patents as patent_rules
from innovation.access import manages_studio
from innovation.models import InnovationResult, Patent, ResearchProject, ResultImage, Studio
from innovation.models.results import MAX_BENEFIT_YUAN
from innovation.services.audit import record
from innovation.services.work import (
    TEXT_MAX,
    TITLE_MAX,
    Errors,
    add_error,
    clean_date,
    clean_picture,
    clean_text,
    reason_text,
    snapshot,
)
from workers.models import Worker

MAX_AUTHORS = 30
RESULT_FIELDS = (
    "title",
    "summary",
    "project",
    "achieved_on",
    "applied",
    "applied_on",
    "benefit_yuan",
    "benefit_basis",
)


def _patent_message(problem: patent_rules.Problem) -> str:
    # Worded at call time, in the caller's language.
    return str(
        {
            patent_rules.Problem.FORM: _(
                "Write a patent number as ZL, the year, the type, the serial, a dot and the "
                "check digit, e.g. ZL201710601862.3."
            ),
            patent_rules.Problem.TYPE: _("The type digit must be 1, 2, 3, 8 or 9."),
            patent_rules.Problem.YEAR: _("The year of this patent number is not possible."),
            patent_rules.Problem.CHECK: _("The check digit does not match: check the number."),
        }[problem]
    )


def _benefit(errors: Errors, value: Any) -> Decimal | None:
    if value in (None, ""):
        return None
    try:
        amount = Decimal(str(value).strip())
    except (InvalidOperation, ValueError):
        add_error(errors, "benefit_yuan", _("Enter a number."))
        return None
    if not amount.is_finite() or amount < 0 or amount > MAX_BENEFIT_YUAN:
        add_error(
            errors,
            "benefit_yuan",
            _("Enter an amount between 0 and %(max)s yuan.") % {"max": f"{MAX_BENEFIT_YUAN:,}"},
        )
        return None
    if amount != amount.quantize(Decimal("0.01")):
        add_error(errors, "benefit_yuan", _("At most two decimal places."))
        return None
    return amount


def _clean_result(studio: Studio, data: dict[str, Any]) -> tuple[dict[str, Any], list | None]:
    errors: Errors = {}
    values: dict[str, Any] = {
        "title": clean_text(errors, "title", data.get("title"), limit=TITLE_MAX, required=True),
        "summary": clean_text(
            errors, "summary", data.get("summary"), limit=TEXT_MAX, multiline=True
        ),
        "achieved_on": clean_date(errors, "achieved_on", data.get("achieved_on"), required=True),
        "applied": bool(data.get("applied")),
        "applied_on": clean_date(errors, "applied_on", data.get("applied_on"), required=False),
        "benefit_yuan": _benefit(errors, data.get("benefit_yuan")),
        "benefit_basis": clean_text(
            errors, "benefit_basis", data.get("benefit_basis"), limit=TEXT_MAX, multiline=True
        ),
    }
    if values["applied_on"] and not values["applied"]:
        add_error(errors, "applied_on", _("Only an applied result has a date of application."))
    if (
        values["applied_on"]
        and values["achieved_on"]
        and values["applied_on"] < values["achieved_on"]
    ):
        add_error(errors, "applied_on", _("A result is applied after it is achieved."))
    if values["benefit_yuan"] is not None and not values["benefit_basis"]:
        add_error(errors, "benefit_basis", _("State how the benefit was worked out."))
    project = data.get("project")
    if project is not None and not isinstance(project, ResearchProject):
        project = ResearchProject.objects.filter(pk=project).select_related("topic").first()
        if project is None:
            add_error(errors, "project", _("Select a valid choice."))
    if project is not None and project.topic.studio_id != studio.pk:
        add_error(errors, "project", _("The project belongs to another studio."))
    values["project"] = project
    authors = data.get("authors")
    if authors is not None:
        authors = list(dict.fromkeys(authors))
        if len(authors) > MAX_AUTHORS:
            add_error(errors, "authors", _("At most %(n)d authors.") % {"n": MAX_AUTHORS})
        elif any(a.employer_id != studio.employer_id for a in authors):
            add_error(errors, "authors", _("Authors must work for the studio's work unit."))
    if errors:
        raise ValidationError(errors)
    return values, authors


def _result_snapshot(result: InnovationResult) -> dict[str, Any]:
    values = snapshot(result, [f for f in RESULT_FIELDS if f != "project"])
    values["project"] = result.project_id
    return values


@transaction.atomic
def create_result(
    *,
    actor: User,
    studio: Studio,
    title: str,
    achieved_on: dt.date | str | None,
    summary: str = "",
    project: ResearchProject | int | None = None,
    authors: list[Worker] | None = None,
    applied: bool = False,
    applied_on: dt.date | str | None = None,
    benefit_yuan: Decimal | str | None = None,
    benefit_basis: str = "",
) -> InnovationResult:
    studio = Studio.objects.select_related("union").get(pk=studio.pk)
    check(manages_studio, actor, studio)
    values, authors = _clean_result(
        studio,
        {
            "title": title,
            "summary": summary,
            "project": project,
            "authors": authors or [],
            "achieved_on": achieved_on,
            "applied": applied,
            "applied_on": applied_on,
            "benefit_yuan": benefit_yuan,
            "benefit_basis": benefit_basis,
        },
    )
    result = InnovationResult.objects.create(studio=studio, **values)
    result.authors.set(authors)
    record(
        actor=actor,
        action="result.create",
        target=f"result:{result.pk}",
        studio=studio,
        new={**_result_snapshot(result), "authors": [a.pk for a in authors]},
    )
    return result


@transaction.atomic
def update_result(
    *, actor: User, result: InnovationResult, reason: str = "", **changes: Any
) -> InnovationResult:
    """Change some of a result's fields (those given, `authors` among them)."""
    result = (
        InnovationResult.objects.select_for_update(of=("self",))
        .select_related("studio__union", "project__topic")
        .get(pk=result.pk)
    )
    check(manages_studio, actor, result.studio)
    unknown = set(changes) - {*RESULT_FIELDS, "authors"}
    if unknown:
        raise ValidationError({sorted(unknown)[0]: [_("This field cannot be changed.")]})
    reason = reason_text(reason)
    current = {f: getattr(result, f) for f in RESULT_FIELDS}
    old = {
        **_result_snapshot(result),
        "authors": sorted(result.authors.values_list("pk", flat=True)),
    }
    values, authors = _clean_result(result.studio, {**current, **changes})
    for name, value in values.items():
        setattr(result, name, value)
    result.save()
    if authors is not None:
        result.authors.set(authors)
    new = {
        **_result_snapshot(result),
        "authors": sorted(result.authors.values_list("pk", flat=True)),
    }
    record(
        actor=actor,
        action="result.update",
        target=f"result:{result.pk}",
        studio=result.studio,
        old=old,
        new=new,
        reason=reason,
        changed_only=True,
    )
    return result


# --- patents -------------------------------------------------------------------------------


@transaction.atomic
def add_patent(
    *,
    actor: User,
    result: InnovationResult,
    number: str,
    title: str = "",
    granted_on: dt.date | str | None = None,
) -> Patent:
    result = InnovationResult.objects.select_related("studio__union").get(pk=result.pk)
    check(manages_studio, actor, result.studio)
    errors: Errors = {}
    title = clean_text(errors, "title", title, limit=TITLE_MAX)
    granted_on = clean_date(errors, "granted_on", granted_on, required=False)
    parsed = None
    try:
        parsed = patent_rules.parse(number, max_year=timezone.localdate().year)
    except patent_rules.PatentNumberError as error:
        add_error(errors, "number", _patent_message(error.problem))
    if parsed is not None and Patent.objects.filter(number=str(parsed)).exists():
        add_error(errors, "number", _("This patent is already recorded."))
    if errors:
        raise ValidationError(errors)
    try:
        with transaction.atomic():
            patent = Patent.objects.create(
                result=result,
                number=str(parsed),
                kind=parsed.type.value,
                title=title,
                granted_on=granted_on,
            )
    except IntegrityError as error:  # the same number recorded at the same moment
        raise ValidationError({"number": [_("This patent is already recorded.")]}) from error
    record(
        actor=actor,
        action="patent.add",
        target=f"result:{result.pk}",
        studio=result.studio,
        new={"number": patent.number, "kind": patent.kind, "title": title},
    )
    return patent


@transaction.atomic
def remove_patent(*, actor: User, patent: Patent, reason: str = "") -> None:
    patent = Patent.objects.select_related("result__studio__union").get(pk=patent.pk)
    check(manages_studio, actor, patent.result.studio)
    reason = reason_text(reason)
    record(
        actor=actor,
        action="patent.remove",
        target=f"result:{patent.result_id}",
        studio=patent.result.studio,
        old={"number": patent.number, "kind": patent.kind, "title": patent.title},
        reason=reason,
    )
    patent.delete()


# --- entering a contest ----------------------------------------------------------------------


@transaction.atomic
def enter_result_in_contest(*, actor: User, result: InnovationResult, event: Event) -> Registration:
    """Enter the result in an achievement event in one step: the contest's Achievement (its
    title, summary, authors and their work unit) and a pending entry, linked to the result.
    A result is entered once: a second time is refused."""
    result = (
        InnovationResult.objects.select_for_update(of=("self",))
        .select_related("studio__union")
        .get(pk=result.pk)
    )
    check(manages_studio, actor, result.studio)
    if result.contest_achievement_id is not None:
        raise ValidationError({"event": [_("This result has already been entered in a contest.")]})
    if event.kind != Event.Kind.ACHIEVEMENT:
        raise ValidationError({"event": [_("Choose an achievement event.")]})
    authors = list(result.authors.all())
    if not authors:
        raise ValidationError(
            {"authors": [_("Name the result's authors before entering it in a contest.")]}
        )
    registration = register_achievement(
        actor=actor, event=event, title=result.title, summary=result.summary, authors=authors
    )
    result.contest_achievement = registration.achievement
    result.save(update_fields=["contest_achievement"])
    record(
        actor=actor,
        action="result.enter_contest",
        target=f"result:{result.pk}",
        studio=result.studio,
        new={"event": event.pk, "registration": registration.pk},
    )
    return registration


# --- pictures --------------------------------------------------------------------------------

MAX_IMAGES = 12


@transaction.atomic
def add_image(
    *, actor: User, result: InnovationResult, data: bytes, caption: str = ""
) -> ResultImage:
    """A picture of the result, stored resized and stripped (innovation.images)."""
    result = InnovationResult.objects.select_related("studio__union").get(pk=result.pk)
    check(manages_studio, actor, result.studio)
    errors: Errors = {}
    caption = clean_text(errors, "caption", caption, limit=TITLE_MAX)
    if result.images.count() >= MAX_IMAGES:
        add_error(errors, "image", _("At most %(n)d pictures.") % {"n": MAX_IMAGES})
    clean = None
    if not errors:
        try:
            clean = clean_picture(data, field="image")
        except ValidationError as error:
            errors.update(error.message_dict)
    if errors:
        raise ValidationError(errors)
    image = ResultImage(result=result, caption=caption, order=result.images.count())
    image.image.save(f"{result.pk}-{uuid.uuid4().hex}.jpg", ContentFile(clean), save=False)
    image.save()
    record(
        actor=actor,
        action="image.add",
        target=f"result:{result.pk}",
        studio=result.studio,
        new={"image": image.pk, "caption": caption},
    )
    return image


@transaction.atomic
def remove_image(*, actor: User, image: ResultImage) -> None:
    image = ResultImage.objects.select_related("result__studio__union").get(pk=image.pk)
    check(manages_studio, actor, image.result.studio)
    record(
        actor=actor,
        action="image.remove",
        target=f"result:{image.result_id}",
        studio=image.result.studio,
        old={"image": image.pk, "caption": image.caption},
    )
    name = image.image.name
    storage = image.image.storage
    image.delete()
    transaction.on_commit(lambda: storage.delete(name))
