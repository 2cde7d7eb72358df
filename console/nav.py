"""The console's sections, registered by the view module of each area.

`section(order, label, url_name)` adds one entry to the menu every console page shows; the
areas register themselves when console.urls imports them, so a new area touches no shared
list.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import reverse


@dataclass(frozen=True)
class Section:
    order: int
    label: str
    url_name: str

    @property
    def url(self) -> str:
        return reverse(self.url_name)


SECTIONS: list[Section] = []


def section(order: int, label, url_name: str) -> None:
    if all(s.url_name != url_name for s in SECTIONS):
        SECTIONS.append(Section(order, label, url_name))
        SECTIONS.sort(key=lambda s: s.order)


def menu(request) -> dict:
    """Context processor: the menu, on console pages only."""
    match = getattr(request, "resolver_match", None)
    if match is None or match.app_name != "console":
        return {}
    return {"console_sections": SECTIONS, "console_url_name": f"console:{match.url_name}"}
