"""The serializer base for models people type text into.

`ModelSerializer` refuses control characters and text-direction overrides in every text
column it maps (core.validators): single-line for a CharField (names, codes, titles),
tab and line breaks allowed for a TextField (descriptions). DRF already refuses NUL.
"""

from django.db import models
from rest_framework import serializers

from core.validators import validate_multiline_text, validate_single_line_text


class ModelSerializer(serializers.ModelSerializer):
    def build_standard_field(self, field_name, model_field):
        field_class, field_kwargs = super().build_standard_field(field_name, model_field)
        if isinstance(model_field, models.TextField):
            extra = validate_multiline_text
        elif isinstance(model_field, models.CharField) and not model_field.choices:
            extra = validate_single_line_text
        else:
            return field_class, field_kwargs
        field_kwargs["validators"] = [*field_kwargs.get("validators", []), extra]
        return field_class, field_kwargs
