"""The answer save on the hot path (core.hotpath): the same save as
`POST /api/v1/training/attempts/<id>/answer/` (training.api.exams.AnswerView), answered in
front of Django when the caller's token is remembered and the save goes through; anything
else (a refusal, a malformed body) is handed to the view, which says why."""

from __future__ import annotations

import json
import re

from core.hotpath import Caller, HotRoute
from training.services import answering


def _refuse_constant(name: str):
    raise ValueError(name)  # NaN and Infinity are not JSON (core.api.parsers refuses them too)


def save_answer(match: re.Match, caller: Caller, body: bytes) -> dict | None:
    try:
        data = json.loads(body, parse_constant=_refuse_constant)
    except (ValueError, RecursionError):
        return None
    if not isinstance(data, dict):
        return None
    saved = answering.save_if_allowed(
        attempt_id=int(match[1]),
        position=data.get("position"),
        given=data.get("given"),
        user_id=caller.user_id,
        credential=caller.credential,
    )
    return None if saved is None else saved.data()


ROUTES = (
    HotRoute(
        frozenset({"POST"}),
        re.compile(r"^/api/v1/training/attempts/(\d{1,18})/answer/$"),
        save_answer,
    ),
)
