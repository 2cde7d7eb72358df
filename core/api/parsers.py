"""The API's JSON parser (the DRF default, settings.REST_FRAMEWORK): bounded in size and depth.

DRF's own parser hands the body to `json.load`: a body of 10,000 nested `[` raises
RecursionError (a 500), and nothing limits its size. This one reads at most
`DATA_UPLOAD_MAX_MEMORY_SIZE` bytes and refuses documents nested deeper than `MAX_DEPTH`,
both as 400 with a message. No API request needs more than a few levels.
"""

from __future__ import annotations

import json

from django.conf import settings
from django.utils.translation import gettext as _
from rest_framework.exceptions import ParseError
from rest_framework.parsers import JSONParser

MAX_DEPTH = 32


def nesting_depth(value) -> int:
    """How deep lists and objects nest in a parsed document (a scalar is 0). Iterative."""
    deepest = 0
    stack = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict):
            children = item.values()
        elif isinstance(item, list):
            children = item
        else:
            continue
        deepest = max(deepest, depth)
        stack.extend((child, depth + 1) for child in children)
    return deepest


class BoundedJSONParser(JSONParser):
    def parse(self, stream, media_type=None, parser_context=None):
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        if stream is None:
            return super().parse(stream, media_type, parser_context)
        raw = stream.read(limit + 1) if limit is not None else stream.read()
        if limit is not None and len(raw) > limit:
            raise ParseError(
                _("The request body is larger than %(limit)d bytes.") % {"limit": limit}
            )
        encoding = (parser_context or {}).get("encoding", settings.DEFAULT_CHARSET)
        try:
            data = json.loads(raw.decode(encoding), parse_constant=self._refuse_constant)
        except RecursionError:
            raise ParseError(self._too_deep()) from None
        except ValueError as exc:
            raise ParseError(_("JSON parse error - %(error)s") % {"error": exc}) from None
        if nesting_depth(data) > MAX_DEPTH:
            raise ParseError(self._too_deep())
        return data

    @staticmethod
    def _too_deep() -> str:
        return _("The JSON document nests deeper than %(depth)d levels.") % {"depth": MAX_DEPTH}

    @staticmethod
    def _refuse_constant(name: str):
        # NaN and Infinity are not JSON; DRF's strict mode refuses them the same way.
        raise ValueError(f"{name} is not valid JSON")
