"""Likes on the hot path (core.hotpath): `POST` and `DELETE /api/v1/showcase/posts/<id>/like/`
(showcase.api.posts.LikeView), answered in front of Django when the caller's token is
remembered and the like changes something; anything else goes to the view."""

from __future__ import annotations

import re

from core.hotpath import Caller, HotRoute
from showcase.services import likes


def change_like(liked: bool):
    def handler(match: re.Match, caller: Caller, body: bytes) -> dict | None:
        state = likes.change_if_allowed(
            user_id=caller.user_id, credential=caller.credential, post_id=int(match[1]), liked=liked
        )
        return None if state is None else state.data()

    return handler


_LIKE = re.compile(r"^/api/v1/showcase/posts/(\d{1,18})/like/$")
ROUTES = (
    HotRoute(frozenset({"POST"}), _LIKE, change_like(True)),
    HotRoute(frozenset({"DELETE"}), _LIKE, change_like(False)),
)
