"""The form bases of every page people type into (the officer console, the public forms).

`Form` and `ModelForm` check every text field as the API does (core.validators): a field
shown as one line (names, codes, reasons typed in a line) refuses control characters and
text-direction overrides; a multi-line field (a `Textarea`) keeps tab and line breaks;
a password field is left as typed (any printable character; Django refuses NUL in every
text field). `ModelForm` also takes the bounds of the model's fields (minimum and maximum
values, plausible dates, the database's integer range), so a number or a date the column
cannot hold is a field error even where the model's own validation is skipped
(console.forms.contests.ServiceForm).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django import forms
from django.core import validators as django_validators
from django.core.exceptions import FieldDoesNotExist, ValidationError

from core.validators import (
    validate_multiline_text,
    validate_plausible_date,
    validate_single_line_text,
)

# The largest value a PositiveIntegerField holds on every database (bibs, lots): for numbers
# a form declares by hand and then looks up or stores.
MAX_POSITIVE_INT = 2_147_483_647


def text_validator(field: forms.Field):
    """The check a form field's text needs, or None (not text, or a password)."""
    if not isinstance(field, forms.CharField) or isinstance(field.widget, forms.PasswordInput):
        return None
    if isinstance(field.widget, forms.Textarea):
        return validate_multiline_text
    return validate_single_line_text


def _add(field: forms.Field, validator) -> None:
    if validator not in field.validators:
        field.validators.append(validator)


class TextChecksMixin:
    """Adds the text checks to every text field before the form is cleaned, so fields added
    or changed in a subclass's `__init__` are checked too."""

    def full_clean(self):
        for field in self.fields.values():
            validator = text_validator(field)
            if validator is not None:
                _add(field, validator)
        super().full_clean()


class Form(TextChecksMixin, forms.Form):
    pass


def _limits(validators, kind) -> list:
    return [
        v.limit_value for v in validators if isinstance(v, kind) and not callable(v.limit_value)
    ]


def _bound_number(field: forms.Field, model_field) -> None:
    """The form field's minimum and maximum narrowed to the model field's (one message
    for each side, the tighter bound)."""
    if not hasattr(field, "max_value"):
        return
    kinds = (django_validators.MinValueValidator, django_validators.MaxValueValidator)
    model_validators = getattr(model_field, "validators", ())
    lows = _limits([*field.validators, *model_validators], kinds[0])
    highs = _limits([*field.validators, *model_validators], kinds[1])
    field.validators = [v for v in field.validators if not isinstance(v, kinds)]
    field.min_value = max(lows) if lows else None
    field.max_value = min(highs) if highs else None
    if field.min_value is not None:
        field.validators.append(kinds[0](field.min_value))
        field.widget.attrs["min"] = field.min_value
    if field.max_value is not None:
        field.validators.append(kinds[1](field.max_value))
        field.widget.attrs["max"] = field.max_value


class ModelForm(TextChecksMixin, forms.ModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        model = self._meta.model
        for name, field in self.fields.items():
            try:
                model_field = model._meta.get_field(name)
            except FieldDoesNotExist:
                continue
            _bound_number(field, model_field)
            if validate_plausible_date in getattr(model_field, "validators", ()):
                _add(field, validate_plausible_date)


def form_errors(form: forms.Form, exc: ValidationError) -> None:
    """Put a service's ValidationError on the form: each message on the field it names when
    the form has that field, the rest above the form."""
    if not hasattr(exc, "error_dict"):
        form.add_error(None, exc)
        return
    for field, errors in exc.error_dict.items():
        form.add_error(field if field in form.fields else None, errors)


@dataclass(frozen=True)
class Submitted:
    """What `submit` did: true when the service took the form; `value` is what it returned."""

    ok: bool
    value: Any = None

    def __bool__(self) -> bool:
        return self.ok


def submit(form: forms.Form, call: Callable[[dict], Any]) -> Submitted:
    """A bound form's one way to a service: when the form is valid, `call(form.cleaned_data)`;
    a ValidationError the service raises lands on the form (form_errors). A page then
    redirects when it was taken and shows the form with its errors (400) when not::

        if done := submit(form, lambda data: services.create_topic(actor=user, **data)):
            return redirect(...)
        return render(..., {"form": form}, status=400)
    """
    if not form.is_valid():
        return Submitted(False)
    try:
        return Submitted(True, call(form.cleaned_data))
    except ValidationError as exc:
        form_errors(form, exc)
        return Submitted(False)
