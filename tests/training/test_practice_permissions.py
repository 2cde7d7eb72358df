"""Permission matrix rows of the practice API (the pattern of tests/test_permission_matrix.py:
one status per role; only the worker practises)."""

from tests.test_permission_matrix import (  # noqa: F401 - the world fixture and the hook
    PermissionMatrix,
    _exists,
    pytest_generate_tests,
    row,
    world,
)
from tests.training.practice_factories import make_question
from training.models import PracticeAnswer


def _answer(w):
    version = make_question(w["b"])
    return {"version": version.pk, "given": ["B"]}


class TestPractice(PermissionMatrix):
    endpoints = (
        row("GET", "/api/v1/training/practice/categories/", "401 200 403 403 403 403 403 403"),
        row("GET", "/api/v1/training/practice/question/", "401 200 403 403 403 403 403 403"),
        row("POST", "/api/v1/training/practice/session/", "401 200 403 403 403 403 403 403",
            body={"review": True}),
        row("POST", "/api/v1/training/practice/answers/", "401 201 403 403 403 403 403 403",
            body=_answer, effect=_exists(PracticeAnswer)),
        row("GET", "/api/v1/training/practice/notebook/", "401 200 403 403 403 403 403 403"),
        row("GET", "/api/v1/training/practice/progress/", "401 200 403 403 403 403 403 403"),
        row("GET", "/training/practice/", "302 200 403 403 403 403 403 403", page=True),
        row("GET", "/training/practice/question/", "302 200 403 403 403 403 403 403", page=True),
        row("POST", "/training/practice/question/", "302 200 403 403 403 403 403 403",
            page=True, body=_answer, writers="worker", effect=_exists(PracticeAnswer)),
        row("GET", "/training/practice/notebook/", "302 200 403 403 403 403 403 403", page=True),
        row("GET", "/training/practice/progress/", "302 200 403 403 403 403 403 403", page=True),
    )  # fmt: skip
