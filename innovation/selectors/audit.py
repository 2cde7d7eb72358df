"""Reads of the innovation audit for the console: the newest entries of one object or of one
studio (the views have already checked the reader's scope on that object)."""

from __future__ import annotations

from innovation.models import AuditEntry, Studio

AUDIT_LIMIT = 50


def audit_of(target: str) -> list[AuditEntry]:
    """The entries of one object ("result:12", "exhibition:3"), newest first."""
    return list(AuditEntry.objects.filter(target=target).select_related("actor")[:AUDIT_LIMIT])


def studio_audit(studio: Studio) -> list[AuditEntry]:
    """Every entry about one studio (its own writes and its work's), newest first."""
    return list(AuditEntry.objects.filter(studio=studio).select_related("actor")[:AUDIT_LIMIT])
