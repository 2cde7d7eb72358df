"""Writes of the sensitive-word lists: add words to a union's list, remove one.

Officers of a union (or of a union above it) keep its list. Every change raises the
word-list version in the same transaction and publishes the new number to the cache on
commit, so every process rebuilds its automaton at its next match (showcase.wordfilter).
Each word added or removed is logged (ModerationLog: who, which word, why).
"""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext as _

from core.access import check, manages_union, require
from core.models import User
from core.validators import validate_single_line_text
from showcase import wordfilter
from showcase.access_comments import manages_word
from showcase.models import ModerationAction, ModerationLog, SensitiveWord, WordListVersion
from showcase.models.comments import REASON_MAX, WORD_MAX
from unions.models import Union

WORDS_MAX = 500  # words added at once


def bump_version() -> int:
    """Raise the word-list version (inside the caller's transaction); publish it on commit."""
    updated = WordListVersion.objects.filter(pk=1).update(number=F("number") + 1)
    if not updated:
        WordListVersion.objects.get_or_create(pk=1, defaults={"number": 1})
    number = WordListVersion.objects.get(pk=1).number
    transaction.on_commit(lambda: wordfilter.publish_version(number))
    return number


def _clean_words(words: Iterable[str]) -> list[tuple[str, str]]:
    """(word as typed, normalised) for each distinct non-empty word; every problem at once."""
    cleaned: dict[str, str] = {}
    errors = []
    for raw in words:
        word = (raw or "").strip()
        if not word:
            continue
        try:
            validate_single_line_text(word)
        except ValidationError as exc:
            errors.extend(exc.messages)
            continue
        if len(word) > WORD_MAX:
            errors.append(
                _("“%(word)s…” is longer than %(max)d characters.")
                % {"word": word[:10], "max": WORD_MAX}
            )
            continue
        normalised = wordfilter.normalise_word(word)
        if not normalised:
            errors.append(_("“%(word)s” has no letters or digits to match.") % {"word": word})
            continue
        cleaned.setdefault(normalised, word)
    if errors:
        raise ValidationError({"words": errors})
    if not cleaned:
        raise ValidationError({"words": _("Write at least one word.")})
    if len(cleaned) > WORDS_MAX:
        raise ValidationError({"words": _("At most %(max)d words at once.") % {"max": WORDS_MAX}})
    return [(word, normalised) for normalised, word in cleaned.items()]


@transaction.atomic
def add_words(*, actor: User, union: Union, words: Iterable[str]) -> list[SensitiveWord]:
    """Add the words to the union's list (ones already on it are skipped); the words added."""
    require(manages_union(actor, union), manages_word.denial)
    cleaned = _clean_words(words)
    existing = set(
        SensitiveWord.objects.filter(
            union=union, normalised__in=[n for _w, n in cleaned]
        ).values_list("normalised", flat=True)
    )
    added = [
        SensitiveWord.objects.create(
            union=union, word=word, normalised=normalised, created_by=actor
        )
        for word, normalised in cleaned
        if normalised not in existing
    ]
    if added:
        ModerationLog.objects.bulk_create(
            ModerationLog(
                actor=actor, action=ModerationAction.ADD_WORD, union=union, new=w.word[:100]
            )
            for w in added
        )
        bump_version()
    return added


@transaction.atomic
def remove_word(*, actor: User, word: SensitiveWord, reason: str = "") -> None:
    check(manages_word, actor, word)
    reason = (reason or "").strip()[:REASON_MAX]
    ModerationLog.objects.create(
        actor=actor,
        action=ModerationAction.REMOVE_WORD,
        union_id=word.union_id,
        old=word.word[:100],
        reason=reason,
    )
    word.delete()
    bump_version()
