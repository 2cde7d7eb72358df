"""The base of every app's FilterSet: numbers in a query string are bounded before a query.

django-filter turns `?series=1234567890123456789012` into a Decimal and compares a foreign
key with it: SQLite cannot bind the number (OverflowError, a 500) and PostgreSQL refuses it.
Here every id and every integer filter is an integer within the column's range, or the
request is a 400 naming the parameter:

- `FilterSet` (use it instead of `django_filters.FilterSet`): the filters it makes for model
  fields are bounded (foreign keys, one-to-ones, many-to-manys, integer fields);
- `IdFilter`: a filter declared by hand on an id (`series = IdFilter(field_name=...)`);
- `IntegerFilter`: a filter declared by hand on an integer column (`bib`).
"""

from __future__ import annotations

import copy

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.db.backends.base.operations import BaseDatabaseOperations
from django_filters.filterset import FILTER_FOR_DBFIELD_DEFAULTS

MAX_ID = 2**63 - 1  # BigAutoField (settings.DEFAULT_AUTO_FIELD); the same on every database
MAX_INTEGER = 2**31 - 1  # IntegerField and PositiveIntegerField


def is_id(value) -> bool:
    """A primary key: plain ASCII digits within the range of a big integer column."""
    raw = str(value).strip()
    return raw.isascii() and raw.isdigit() and 1 <= int(raw) <= MAX_ID


class IdField(forms.IntegerField):
    def __init__(self, **kwargs):
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", MAX_ID)
        super().__init__(**kwargs)


class IdFilter(django_filters.NumberFilter):
    """`?series=3`: a positive integer no larger than an id can be."""

    field_class = IdField


class IntegerFilter(django_filters.NumberFilter):
    """An integer column: `min_value`/`max_value` default to a PositiveIntegerField's range."""

    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", 0)
        kwargs.setdefault("max_value", MAX_INTEGER)
        super().__init__(*args, **kwargs)


class _BoundedChoiceMixin:
    """Ids are checked before the queryset sees them (ModelChoiceField lets OverflowError
    through: it only expects ValueError and TypeError)."""

    def _check_id(self, value) -> None:
        if self.to_field_name is None and not is_id(value):
            raise ValidationError(
                self.error_messages["invalid_choice"],
                code="invalid_choice",
                params={"value": str(value)[:20]},
            )


class BoundedModelChoiceField(_BoundedChoiceMixin, django_filters.fields.ModelChoiceField):
    def to_python(self, value):
        if value not in self.empty_values:
            self._check_id(value)
        return super().to_python(value)


class BoundedModelMultipleChoiceField(
    _BoundedChoiceMixin, django_filters.fields.ModelMultipleChoiceField
):
    def _check_values(self, value):
        for pk in value:
            if pk not in self.empty_values:
                self._check_id(pk)
        return super()._check_values(value)


class BoundedModelChoiceFilter(django_filters.ModelChoiceFilter):
    field_class = BoundedModelChoiceField


class BoundedModelMultipleChoiceFilter(django_filters.ModelMultipleChoiceFilter):
    field_class = BoundedModelMultipleChoiceField


def _bounded_defaults() -> dict:
    defaults = copy.deepcopy(FILTER_FOR_DBFIELD_DEFAULTS)
    replace = {
        django_filters.ModelChoiceFilter: BoundedModelChoiceFilter,
        django_filters.ModelMultipleChoiceFilter: BoundedModelMultipleChoiceFilter,
    }
    for spec in defaults.values():
        spec["filter_class"] = replace.get(spec["filter_class"], spec["filter_class"])
    for field in (models.AutoField, models.BigAutoField):
        defaults[field] = {"filter_class": IdFilter}
    for field in (
        models.SmallIntegerField,
        models.IntegerField,
        models.PositiveIntegerField,
        models.PositiveSmallIntegerField,
        models.BigIntegerField,
    ):
        defaults[field] = {"filter_class": IntegerFilter, "extra": _integer_range}
    return defaults


def _integer_range(field: models.Field) -> dict:
    # The standard SQL ranges (SQLite would allow 64 bits everywhere): one answer on every
    # database.
    low, high = BaseDatabaseOperations.integer_field_ranges[field.get_internal_type()]
    return {"min_value": low, "max_value": high}


class FilterSet(django_filters.FilterSet):
    FILTER_DEFAULTS = _bounded_defaults()
