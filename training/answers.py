"""The one rule for the shape of an answer given to a question, in practice and in tests.

An answer is a JSON list: option keys of the question as shown (single choice: exactly one;
multiple: distinct), [true] or [false], or one text of at most MAX_FILL characters (trimmed).
Anything else is a ValidationError on "given" saying what is expected. In a test an empty
answer (None or []) clears the answer saved before (`may_clear`); in practice it is refused.
Form values (the strings "true"/"false", a lone string) become such a list by `from_form`:
the pages' forms and practice (which takes them in its API too) pass through it; a test's
API takes JSON only.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from training.models import QuestionKind

MAX_FILL = 200
MAX_OPTIONS = 6  # A–F
CHOICE = (QuestionKind.SINGLE, QuestionKind.MULTIPLE)


def _bad(message: str) -> ValidationError:
    return ValidationError({"given": [message]})


def shape_given(kind: str, option_keys, given, *, may_clear: bool = False) -> list | None:
    """The answer as stored and graded (choice keys sorted, text trimmed), or None when
    `may_clear` and the answer is empty; a ValidationError on "given" otherwise."""
    if given is None or given == []:
        if may_clear:
            return None
        raise _bad(_("Give an answer."))
    if not isinstance(given, list) or len(given) > MAX_OPTIONS:
        raise _bad(_("This answer is not valid for this question."))
    if kind in CHOICE:
        if not all(isinstance(k, str) and k in option_keys for k in given) or len(
            set(given)
        ) != len(given):
            raise _bad(_("Choose among the question's options."))
        if kind == QuestionKind.SINGLE and len(given) != 1:
            raise _bad(_("Choose one option."))
        return sorted(given)
    if kind == QuestionKind.TRUE_FALSE:
        if len(given) != 1 or not isinstance(given[0], bool):
            raise _bad(_("Answer true or false."))
        return given
    if kind == QuestionKind.FILL:
        if len(given) != 1 or not isinstance(given[0], str):
            raise _bad(_("Write your answer."))
        text = given[0].strip()
        if len(text) > MAX_FILL:
            raise _bad(_("Write at most %(n)s characters.") % {"n": MAX_FILL})
        if not text:
            if may_clear:
                return None
            raise _bad(_("Write your answer."))
        return [text]
    raise _bad(_("This answer is not valid for this question."))


def from_form(kind: str, given):
    """Form values (and the lenient JSON practice takes) as an answer: a lone value as a list,
    empty strings dropped (None when nothing is left), "true"/"false" as booleans for a
    true-or-false question; anything else unchanged, for shape_given to judge."""
    if isinstance(given, (str, bool)):
        given = [given]
    if not isinstance(given, (list, tuple)):
        return given
    values = [v for v in given if v != ""]
    if not values:
        return None
    if kind == QuestionKind.TRUE_FALSE:
        flags = {"true": True, "false": False}
        return [flags.get(v, v) if isinstance(v, str) else v for v in values]
    return values
