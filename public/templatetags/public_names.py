"""`{{ name|in_language }}`: a union's or region's name in the page's language."""

from django import template

from public.selectors import in_language as _in_language

register = template.Library()


@register.filter
def in_language(value) -> str:
    return _in_language(value)
