"""The serializer bases for anything people type text into.

`Serializer` and `ModelSerializer` refuse control characters and text-direction overrides
(core.validators) in every writable text field, declared or mapped from a model, and in
the text items of a list or dict field: single-line by default (names, codes, usernames),
tab and line breaks allowed in a multi-line field (a model TextField, which DRF marks with
the textarea style, or a declared field given ``style=MULTILINE``). A password field
(``style={"input_type": "password"}``) is left as typed: any printable character. DRF
refuses NUL in every text field.
"""

from rest_framework import serializers

from core.validators import validate_multiline_text, validate_single_line_text

# The style of a declared text field whose text may span lines (reasons, answers).
MULTILINE = {"base_template": "textarea.html"}


def text_validator(field: serializers.Field):
    """The check a serializer field's text needs, or None (not text, or a password)."""
    if not isinstance(field, serializers.CharField) or field.read_only:
        return None
    style = getattr(field, "style", {}) or {}
    if style.get("input_type") == "password":
        return None
    if style.get("base_template") == MULTILINE["base_template"]:
        return validate_multiline_text
    return validate_single_line_text


def add_text_checks(field: serializers.Field) -> None:
    """Add the text check to a field, and to the child of a list or dict field."""
    child = getattr(field, "child", None)
    if isinstance(field, serializers.ListField | serializers.DictField) and child is not None:
        add_text_checks(child)
    validator = text_validator(field)
    if validator is not None and validator not in field.validators:
        field.validators = [*field.validators, validator]


class TextChecksMixin:
    def get_fields(self):
        fields = super().get_fields()
        for field in fields.values():
            add_text_checks(field)
        return fields


class Serializer(TextChecksMixin, serializers.Serializer):
    pass


class ModelSerializer(TextChecksMixin, serializers.ModelSerializer):
    pass
