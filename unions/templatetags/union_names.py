"""`{{ union|in_language }}`: a union's or region's name in the page's language
(unions.names)."""

from django import template

from unions.names import in_language as _in_language

register = template.Library()


@register.filter
def in_language(value) -> str:
    return _in_language(value)
