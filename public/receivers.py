"""What the public site does when the layers below announce something.

Connected in ``PublicConfig.ready``.
"""

from __future__ import annotations

from django.db import transaction

from public import cache


def drop_cached_results(sender, *, event_id: int | None, contest_id: int, **kwargs) -> None:
    """Published results changed (results.signals.results_published, sent after the
    commit): pages showing them are cached until now."""
    cache.bump(event_id=event_id, contest_id=contest_id)


def revise_certificates(sender, *, event_id: int | None, contest_id: int, **kwargs) -> None:
    """Published results changed: certificates whose result changed are revoked (and
    re-issued once the results are final again)."""
    from public.certificates import revise_certificates

    revise_certificates(contest_id)


def drop_cached_contest(
    sender,
    *,
    contest_id: int | None = None,
    event_id: int | None = None,
    series_id: int | None = None,
    **kwargs,
) -> None:
    """A series, division, contest or event changed (contests.signals.contest_changed, sent
    inside the transaction): once it commits, the pages showing it are cached until now."""
    if event_id is not None:
        transaction.on_commit(lambda: cache.bump(event_id=event_id, contest_id=contest_id))
    else:
        transaction.on_commit(
            lambda: cache.bump_contests(contest_id=contest_id, series_id=series_id)
        )
