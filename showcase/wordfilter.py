"""The sensitive-word filter: every union's word list in one Aho–Corasick automaton.

Matching is on a normalised text (`normalise`): each character NFKC-folded (full-width
letters and digits, compatibility forms) and case-folded, and spaces, punctuation, symbols
and invisible format characters dropped, so "敏 感-词" and "ＢＡＤ" match "敏感词" and "bad".
Each normalised character remembers the character of the original text it came from, so a
match is reported as a span of the original text (what the moderation queue highlights).

A word of union U holds comments on posts of U's subtree: the automaton carries, for each
normalised word, the paths of the unions whose lists hold it, and a match counts for a post
whose union path starts with one of them. Overlapping words are all reported
(`"工资" and "拖欠工资"` in "拖欠工资" are two matches).

One automaton per process, rebuilt when the word-list version moves: the number lives in
the database (`WordListVersion`, raised in the transaction that changes a list) and is read
through the cache, which the change sets on commit (`publish_version`), so every process sees
a change at its next match. With the cache down the number is read from the database.
"""

from __future__ import annotations

import threading
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

import ahocorasick
from django.core.cache import cache

from showcase.models import SensitiveWord, WordListVersion

VERSION_KEY = "gj:showcase:wordlist:version"
VERSION_TTL = 300  # seconds; the database is the source, the cache spares a query

# Unicode categories dropped before matching: separators, punctuation, symbols, controls
# and format characters (zero-width spaces and joiners).
_DROPPED = ("Z", "P", "S", "Cc", "Cf")


def _dropped(char: str) -> bool:
    category = unicodedata.category(char)
    return category.startswith(_DROPPED)


def normalise(text: str) -> tuple[str, list[int]]:
    """The text as the filter matches it, and for each of its characters the index of the
    original character it came from."""
    chars: list[str] = []
    origin: list[int] = []
    for index, char in enumerate(text):
        for folded in unicodedata.normalize("NFKC", char).casefold():
            if not _dropped(folded):
                chars.append(folded)
                origin.append(index)
    return "".join(chars), origin


def normalise_word(word: str) -> str:
    return normalise(word)[0]


@dataclass(frozen=True, order=True)
class Match:
    start: int  # offsets into the original text, end exclusive
    end: int
    word: str  # the list's word, normalised

    def as_list(self) -> list:
        return [self.start, self.end, self.word]


class WordFilter:
    """An automaton over (normalised word, union path) entries."""

    def __init__(self, entries: Iterable[tuple[str, str]]):
        paths: dict[str, set[str]] = {}
        for word, path in entries:
            if word:
                paths.setdefault(word, set()).add(path)
        self.size = len(paths)
        self._automaton = ahocorasick.Automaton()
        for word, word_paths in paths.items():
            self._automaton.add_word(word, (word, tuple(sorted(word_paths))))
        if paths:
            self._automaton.make_automaton()

    def find(self, text: str, union_path: str) -> list[Match]:
        """The words of the lists of `union_path` and the unions above it found in `text`,
        in order, overlapping ones included."""
        if not self.size or not text:
            return []
        normalised, origin = normalise(text)
        found = set()
        for last, (word, paths) in self._automaton.iter(normalised):
            if any(union_path.startswith(path) for path in paths):
                first = last - len(word) + 1
                found.add(Match(origin[first], origin[last] + 1, word))
        return sorted(found)


def publish_version(number: int) -> None:
    """Tell every process the new number (called on commit of a list change)."""
    cache.set(VERSION_KEY, number, timeout=VERSION_TTL)


def current_version() -> int:
    number = cache.get(VERSION_KEY)
    if number is None:
        number = WordListVersion.objects.values_list("number", flat=True).first() or 0
        # `add`, not `set`: a number a change published meanwhile is not overwritten.
        cache.add(VERSION_KEY, number, timeout=VERSION_TTL)
    return int(number)


_lock = threading.Lock()
_built: tuple[int, WordFilter] | None = None


def build() -> WordFilter:
    return WordFilter(SensitiveWord.objects.values_list("normalised", "union__path").iterator())


def word_filter() -> WordFilter:
    """This process's automaton for the current version (built on first use after a change).
    The version is read before the words, so an automaton is never labelled newer than the
    words it holds."""
    global _built
    version = current_version()
    built = _built
    if built is not None and built[0] == version:
        return built[1]
    with _lock:
        if _built is None or _built[0] != version:
            _built = (version, build())
        return _built[1]


def find(text: str, union_path: str) -> list[Match]:
    return word_filter().find(text, union_path)
