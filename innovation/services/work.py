"""Writes of a studio's work: innovation topics and research projects (create, edit), and the
checks the other innovation services share.

Who may: an officer whose union subtree holds the studio's union (innovation.access.manages_studio),
checked before any work. Every write is audited
(innovation.services.audit.record: who, what, the values before and after, the reason). Problems come back as ValidationError({field: [messages]}),
all at once, before anything is written.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.access import check
from core.models import User
from core.validators import (
    validate_multiline_text,
    validate_plausible_date,
    validate_single_line_text,
)
from innovation import images
from innovation.access import manages_studio
from innovation.models import (
    InnovationTopic,
    ProjectStatus,
    ResearchProject,
    Studio,
    TopicStatus,
)
from innovation.services.audit import plain, record

TITLE_MAX = 200
TEXT_MAX = 4000
REASON_MAX = 500

Errors = dict[str, list[str]]


def add_error(errors: Errors, field: str, message: str) -> None:
    errors.setdefault(field, []).append(message)


def clean_text(
    errors: Errors, field: str, value: Any, *, limit: int, required: bool = False, multiline=False
) -> str:
    """The text stripped, or a problem recorded: missing, too long, control characters."""
    text = "" if value is None else str(value).strip()
    if required and not text:
        add_error(errors, field, _("This field is required."))
    elif len(text) > limit:
        add_error(errors, field, _("At most %(n)d characters.") % {"n": limit})
    else:
        try:
            (validate_multiline_text if multiline else validate_single_line_text)(text)
        except ValidationError as error:
            add_error(errors, field, error.messages[0])
    return text


def clean_date(errors: Errors, field: str, value: Any, *, required: bool) -> dt.date | None:
    """A date (or an ISO date string) between 1900 and today."""
    if value in (None, ""):
        if required:
            add_error(errors, field, _("This field is required."))
        return None
    if isinstance(value, str):
        try:
            value = dt.date.fromisoformat(value)
        except ValueError:
            add_error(errors, field, _("Enter a valid date."))
            return None
    if isinstance(value, dt.datetime) or not isinstance(value, dt.date):
        add_error(errors, field, _("Enter a valid date."))
        return None
    try:
        validate_plausible_date(value)
    except ValidationError as error:
        add_error(errors, field, error.messages[0])
        return None
    if value > timezone.localdate():
        add_error(errors, field, _("This date is in the future."))
        return None
    return value


def clean_period(errors: Errors, started_on: Any, ended_on: Any) -> tuple:
    start = clean_date(errors, "started_on", started_on, required=True)
    end = clean_date(errors, "ended_on", ended_on, required=False)
    if start and end and end < start:
        add_error(errors, "ended_on", _("The end comes before the start."))
    return start, end


def clean_choice(errors: Errors, field: str, value: Any, choices) -> str:
    value = "" if value is None else str(value)
    if value not in choices.values:
        add_error(errors, field, _("Select a valid choice."))
    return value


def bounded_text(value: Any, *, field: str, limit: int, multiline: bool = False) -> str:
    """One text checked on its own (clean_text), or ValidationError({field: [...]})."""
    errors: Errors = {}
    text = clean_text(errors, field, value, limit=limit, multiline=multiline)
    if errors:
        raise ValidationError(errors)
    return text


def reason_text(reason: Any) -> str:
    return bounded_text(reason, field="reason", limit=REASON_MAX, multiline=True)


def clean_picture(data: bytes, *, field: str) -> bytes:
    """A picture as the app keeps it (innovation.images: a bounded JPEG with no EXIF, so no
    phone's GPS position), or ValidationError({field: [...]}). Result pictures and the
    pictures among rating evidence both go through here."""
    try:
        return images.normalise(data)
    except images.ImageError as problem:
        message = (
            _("The picture is too large.")
            if problem.problem is images.Problem.TOO_LARGE
            else _("Upload a JPEG, PNG, WebP or GIF picture.")
        )
        raise ValidationError({field: [message]}) from None


def snapshot(obj, fields) -> dict[str, Any]:
    return {name: plain(getattr(obj, name)) for name in fields}


def _apply(obj, values: dict[str, Any]) -> None:
    for name, value in values.items():
        setattr(obj, name, value)


# --- topics -----------------------------------------------------------------------------

TOPIC_FIELDS = ("title", "summary", "status", "started_on", "ended_on")


def _clean_work(data: dict[str, Any], statuses) -> dict[str, Any]:
    errors: Errors = {}
    cleaned = {
        "title": clean_text(errors, "title", data.get("title"), limit=TITLE_MAX, required=True),
        "summary": clean_text(
            errors, "summary", data.get("summary"), limit=TEXT_MAX, multiline=True
        ),
        "status": clean_choice(errors, "status", data.get("status"), statuses),
    }
    cleaned["started_on"], cleaned["ended_on"] = clean_period(
        errors, data.get("started_on"), data.get("ended_on")
    )
    if errors:
        raise ValidationError(errors)
    return cleaned


@transaction.atomic
def create_topic(
    *,
    actor: User,
    studio: Studio,
    title: str,
    started_on: dt.date | str | None,
    summary: str = "",
    status: str = TopicStatus.PROPOSED,
    ended_on: dt.date | str | None = None,
) -> InnovationTopic:
    check(manages_studio, actor, studio)
    values = _clean_work(
        {
            "title": title,
            "summary": summary,
            "status": status,
            "started_on": started_on,
            "ended_on": ended_on,
        },
        TopicStatus,
    )
    topic = InnovationTopic.objects.create(studio=studio, **values)
    record(
        actor=actor,
        action="topic.create",
        target=f"topic:{topic.pk}",
        studio=studio,
        new=snapshot(topic, TOPIC_FIELDS),
    )
    return topic


@transaction.atomic
def update_topic(
    *, actor: User, topic: InnovationTopic, reason: str = "", **changes: Any
) -> InnovationTopic:
    """Change some of a topic's fields (those given); the others stay."""
    topic = (
        InnovationTopic.objects.select_for_update().select_related("studio__union").get(pk=topic.pk)
    )
    check(manages_studio, actor, topic.studio)
    unknown = set(changes) - set(TOPIC_FIELDS)
    if unknown:
        raise ValidationError({sorted(unknown)[0]: [_("This field cannot be changed.")]})
    reason = reason_text(reason)
    old = snapshot(topic, TOPIC_FIELDS)
    values = _clean_work({**{k: getattr(topic, k) for k in TOPIC_FIELDS}, **changes}, TopicStatus)
    _apply(topic, values)
    topic.save()
    record(
        actor=actor,
        action="topic.update",
        target=f"topic:{topic.pk}",
        studio=topic.studio,
        old=old,
        new=snapshot(topic, TOPIC_FIELDS),
        reason=reason,
        changed_only=True,
    )
    return topic


# --- research projects ---------------------------------------------------------------------


@transaction.atomic
def create_project(
    *,
    actor: User,
    topic: InnovationTopic,
    title: str,
    started_on: dt.date | str | None,
    summary: str = "",
    status: str = ProjectStatus.ONGOING,
    ended_on: dt.date | str | None = None,
) -> ResearchProject:
    topic = InnovationTopic.objects.select_related("studio__union").get(pk=topic.pk)
    check(manages_studio, actor, topic.studio)
    values = _clean_work(
        {
            "title": title,
            "summary": summary,
            "status": status,
            "started_on": started_on,
            "ended_on": ended_on,
        },
        ProjectStatus,
    )
    project = ResearchProject.objects.create(topic=topic, **values)
    record(
        actor=actor,
        action="project.create",
        target=f"project:{project.pk}",
        studio=topic.studio,
        new={"topic": topic.pk, **snapshot(project, TOPIC_FIELDS)},
    )
    return project


@transaction.atomic
def update_project(
    *, actor: User, project: ResearchProject, reason: str = "", **changes: Any
) -> ResearchProject:
    project = (
        ResearchProject.objects.select_for_update()
        .select_related("topic__studio__union")
        .get(pk=project.pk)
    )
    check(manages_studio, actor, project.topic.studio)
    unknown = set(changes) - set(TOPIC_FIELDS)
    if unknown:
        raise ValidationError({sorted(unknown)[0]: [_("This field cannot be changed.")]})
    reason = reason_text(reason)
    old = snapshot(project, TOPIC_FIELDS)
    values = _clean_work(
        {**{k: getattr(project, k) for k in TOPIC_FIELDS}, **changes}, ProjectStatus
    )
    _apply(project, values)
    project.save()
    record(
        actor=actor,
        action="project.update",
        target=f"project:{project.pk}",
        studio=project.topic.studio,
        old=old,
        new=snapshot(project, TOPIC_FIELDS),
        reason=reason,
        changed_only=True,
    )
    return project
