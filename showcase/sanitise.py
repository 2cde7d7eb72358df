"""Rich text of posts, cleaned with nh3 (an allow-list, ammonia underneath): what a user sends
is never shown as it came. Tags outside the list are dropped with their attributes (a
<script> or <style> with its content), links keep only http(s) and mailto targets (a
javascript: href is removed) and get rel="noopener noreferrer nofollow"."""

from __future__ import annotations

import html

import nh3

BODY_MAX = 50_000  # characters of submitted HTML, before cleaning

TAGS = {
    "p", "br", "strong", "b", "em", "i", "u", "s", "sub", "sup",
    "h2", "h3", "h4", "ul", "ol", "li", "blockquote", "a", "hr",
    "table", "thead", "tbody", "tr", "th", "td",
}  # fmt: skip
ATTRIBUTES = {"a": {"href", "title"}, "th": {"colspan", "rowspan"}, "td": {"colspan", "rowspan"}}
URL_SCHEMES = {"http", "https", "mailto"}


def text_to_html(value: str) -> str:
    """Plain text typed without any tag: each blank-line-separated block a paragraph, single
    line breaks kept. Text with tags is left to `clean_html`."""
    value = value or ""
    if "<" in value:
        return value
    blocks = [b.strip() for b in value.replace("\r\n", "\n").split("\n\n") if b.strip()]
    return "".join(
        "<p>" + "<br>".join(html.escape(line) for line in b.split("\n")) + "</p>" for b in blocks
    )


def clean_html(value: str) -> str:
    """The HTML with only the allowed tags, attributes and link targets left."""
    return nh3.clean(
        text_to_html(value),
        tags=TAGS,
        attributes=ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer nofollow",
        clean_content_tags={"script", "style"},
        strip_comments=True,
    ).strip()


def plain_text(value: str) -> str:
    """The text of (clean) HTML with every tag removed: excerpts, search, emptiness checks."""
    text = nh3.clean(value or "", tags=set(), clean_content_tags={"script", "style"})
    return " ".join(text.split())


def excerpt(value: str, length: int = 120) -> str:
    text = plain_text(value)
    return text if len(text) <= length else text[: length - 1] + "…"
