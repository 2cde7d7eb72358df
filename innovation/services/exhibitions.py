"""Writes of exhibitions (成果展): an officer of the exhibition's union (or of a union above it)
creates it, arranges its sections and the results in them, in order, and publishes or
withdraws it. The results may come from any union's studios: an exhibition gathers results
of many units (the public pages show authors' names masked). Every write is logged
(innovation.AuditEntry, target "exhibition:<id>")."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from core.access import manages_union, require
from core.models import User
from innovation.models import Exhibition, ExhibitionItem, ExhibitionSection, InnovationResult
from innovation.services.audit import record
from innovation.services.work import TEXT_MAX, TITLE_MAX, Errors, clean_text, reason_text
from unions.models import Union

MAX_ORDER = 100_000
MAX_SECTIONS = 50
MAX_ITEMS = 1000


def _require(actor: User, union: Union) -> None:
    require(
        manages_union(actor, union),
        _("Only officers of the exhibition's union (or of a union above it) may do this."),
    )


def _locked(exhibition: Exhibition) -> Exhibition:
    exhibition = (
        Exhibition.objects.select_for_update(of=("self",))
        .select_related("union")
        .get(pk=exhibition.pk)
    )
    return exhibition


def _target(exhibition: Exhibition) -> str:
    return f"exhibition:{exhibition.pk}"


def _order(errors: Errors, value: Any) -> int:
    try:
        order = int(value)
    except (TypeError, ValueError):
        errors.setdefault("order", []).append(_("Enter a whole number."))
        return 0
    if not 0 <= order <= MAX_ORDER:
        errors.setdefault("order", []).append(
            _("Enter a number between 0 and %(max)d.") % {"max": MAX_ORDER}
        )
    return order


def _texts(title: Any, description: Any) -> tuple[str, str]:
    errors: Errors = {}
    title = clean_text(errors, "title", title, limit=TITLE_MAX, required=True)
    description = clean_text(errors, "description", description, limit=TEXT_MAX, multiline=True)
    if errors:
        raise ValidationError(errors)
    return title, description


@transaction.atomic
def create_exhibition(
    *, actor: User, union: Union, title: str, description: str = ""
) -> Exhibition:
    _require(actor, union)
    title, description = _texts(title, description)
    exhibition = Exhibition.objects.create(
        union=union, title=title, description=description, created_by=actor
    )
    record(
        union=exhibition.union,
        actor=actor,
        action="exhibition.create",
        target=_target(exhibition),
        new={"union": union.pk, "title": title},
    )
    return exhibition


@transaction.atomic
def update_exhibition(
    *, actor: User, exhibition: Exhibition, title: str, description: str = "", reason: str = ""
) -> Exhibition:
    exhibition = _locked(exhibition)
    _require(actor, exhibition.union)
    title, description = _texts(title, description)
    reason = reason_text(reason)
    old = {"title": exhibition.title, "description": exhibition.description}
    exhibition.title, exhibition.description = title, description
    exhibition.save(update_fields=["title", "description"])
    record(
        union=exhibition.union,
        actor=actor,
        action="exhibition.update",
        target=_target(exhibition),
        old=old,
        new={"title": title, "description": description},
        reason=reason,
        changed_only=True,
    )
    return exhibition


@transaction.atomic
def set_published(
    *, actor: User, exhibition: Exhibition, published: bool, reason: str = ""
) -> Exhibition:
    """Publish (an exhibition with at least one result) or withdraw it from the public."""
    exhibition = _locked(exhibition)
    _require(actor, exhibition.union)
    reason = reason_text(reason)
    if published and not exhibition.items.exists():
        raise ValidationError({"published": [_("Add results before publishing.")]})
    old = exhibition.published_at is not None
    if old == published:
        return exhibition
    exhibition.published_at = timezone.now() if published else None
    exhibition.save(update_fields=["published_at"])
    record(
        union=exhibition.union,
        actor=actor,
        action="exhibition.publish" if published else "exhibition.unpublish",
        target=_target(exhibition),
        old={"published": old},
        new={"published": published},
        reason=reason,
        changed_only=True,
    )
    return exhibition


@transaction.atomic
def add_section(
    *, actor: User, exhibition: Exhibition, title: str, order: int | str | None = None
) -> ExhibitionSection:
    exhibition = _locked(exhibition)
    _require(actor, exhibition.union)
    errors: Errors = {}
    title = clean_text(errors, "title", title, limit=TITLE_MAX, required=True)
    if order in (None, ""):
        last = exhibition.sections.aggregate(m=Max("order"))["m"]
        order = 0 if last is None else min(last + 1, MAX_ORDER)
    order = _order(errors, order)
    if exhibition.sections.count() >= MAX_SECTIONS:
        errors.setdefault("title", []).append(_("At most %(n)d sections.") % {"n": MAX_SECTIONS})
    if errors:
        raise ValidationError(errors)
    section = exhibition.sections.create(title=title, order=order)
    record(
        union=exhibition.union,
        actor=actor,
        action="section.add",
        target=_target(exhibition),
        new={"section": section.pk, "title": title, "order": order},
    )
    return section


@transaction.atomic
def update_section(
    *, actor: User, section: ExhibitionSection, title: str, order: int | str
) -> ExhibitionSection:
    exhibition = _locked(section.exhibition)
    _require(actor, exhibition.union)
    section = ExhibitionSection.objects.get(pk=section.pk, exhibition=exhibition)
    errors: Errors = {}
    title = clean_text(errors, "title", title, limit=TITLE_MAX, required=True)
    order = _order(errors, order)
    if errors:
        raise ValidationError(errors)
    old = {"section": section.pk, "title": section.title, "order": section.order}
    section.title, section.order = title, order
    section.save(update_fields=["title", "order"])
    record(
        union=exhibition.union,
        actor=actor,
        action="section.update",
        target=_target(exhibition),
        old=old,
        new={"section": section.pk, "title": title, "order": order},
    )
    return section


@transaction.atomic
def remove_section(*, actor: User, section: ExhibitionSection) -> None:
    """Take a section and the results in it off the exhibition (the results stay)."""
    exhibition = _locked(section.exhibition)
    _require(actor, exhibition.union)
    items = list(section.items.values_list("result_id", flat=True))
    record(
        union=exhibition.union,
        actor=actor,
        action="section.remove",
        target=_target(exhibition),
        old={"section": section.pk, "title": section.title, "results": items},
    )
    section.delete()


@transaction.atomic
def add_item(
    *,
    actor: User,
    section: ExhibitionSection,
    result: InnovationResult | int,
    order: int | str | None = None,
) -> ExhibitionItem:
    exhibition = _locked(section.exhibition)
    _require(actor, exhibition.union)
    errors: Errors = {}
    result_id = getattr(result, "pk", result)
    found = InnovationResult.objects.filter(pk=result_id).first() if result_id else None
    if found is None:
        errors.setdefault("result", []).append(_("There is no such result."))
    elif exhibition.items.filter(result=found).exists():
        errors.setdefault("result", []).append(_("This result is already in the exhibition."))
    if order in (None, ""):
        last = section.items.aggregate(m=Max("order"))["m"]
        order = 0 if last is None else min(last + 1, MAX_ORDER)
    order = _order(errors, order)
    if exhibition.items.count() >= MAX_ITEMS:
        errors.setdefault("result", []).append(_("At most %(n)d results.") % {"n": MAX_ITEMS})
    if errors:
        raise ValidationError(errors)
    item = ExhibitionItem.objects.create(
        exhibition=exhibition, section=section, result=found, order=order
    )
    record(
        union=exhibition.union,
        actor=actor,
        action="item.add",
        target=_target(exhibition),
        new={"result": found.pk, "section": section.pk, "order": order},
    )
    return item


@transaction.atomic
def move_item(
    *,
    actor: User,
    item: ExhibitionItem,
    order: int | str,
    section: ExhibitionSection | None = None,
) -> ExhibitionItem:
    """Give a result another place: its order, and optionally another section of the same
    exhibition."""
    exhibition = _locked(item.exhibition)
    _require(actor, exhibition.union)
    errors: Errors = {}
    order = _order(errors, order)
    if section is not None and section.exhibition_id != exhibition.pk:
        errors.setdefault("section", []).append(_("Choose a section of this exhibition."))
    if errors:
        raise ValidationError(errors)
    item = ExhibitionItem.objects.get(pk=item.pk)
    old = {"result": item.result_id, "section": item.section_id, "order": item.order}
    item.order = order
    if section is not None:
        item.section = section
    item.save(update_fields=["order", "section"])
    record(
        union=exhibition.union,
        actor=actor,
        action="item.move",
        target=_target(exhibition),
        old=old,
        new={"result": item.result_id, "section": item.section_id, "order": order},
    )
    return item


@transaction.atomic
def remove_item(*, actor: User, item: ExhibitionItem) -> None:
    exhibition = _locked(item.exhibition)
    _require(actor, exhibition.union)
    record(
        union=exhibition.union,
        actor=actor,
        action="item.remove",
        target=_target(exhibition),
        old={"result": item.result_id, "section": item.section_id},
    )
    item.delete()
