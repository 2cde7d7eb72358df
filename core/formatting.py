"""Small text formatters shared by pages of several apps."""

from __future__ import annotations


def duration(seconds: int | None, *, empty: str = "") -> str:
    """A completion time as h:mm:ss (or m:ss under an hour); `empty` when there is none."""
    if seconds is None:
        return empty
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"
