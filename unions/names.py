"""Union and region names in the reader's language: the English name (`name_en`) on English
pages where the data has one, else the (Chinese) name. The one rule every page uses; the
public pages add names stored as text on result rows (public.selectors.in_language)."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from django.utils.translation import get_language


def in_language(value, *, english_names: Callable[[], dict[str, str]] | None = None) -> str:
    """`value`: a union or a region (anything with `name` and `name_en`, or a mapping with
    those keys: cached rows), or a name as text, which `english_names` (Chinese name →
    English name) translates when given."""
    if isinstance(value, Mapping):
        name, own = value.get("name"), value.get("name_en")
    else:
        name, own = getattr(value, "name", value), getattr(value, "name_en", None)
    if not name or not (get_language() or "").startswith("en"):
        return name or ""
    if own is not None:
        return own or name
    if english_names is None:
        return name
    return english_names().get(name, name)
