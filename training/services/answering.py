"""Saving one answer of an online test: the hottest write of a test window (tens of
thousands of takers autosaving at once), so it reads nothing from the database before its
one UPDATE, and that UPDATE re-checks every rule in the same statement:

- the attempt's sheet (entry, deadline, members, each position's type and option keys)
  comes from the cache (training.selectors.sheets); the answer is shaped by the one rule
  (training.answers);
- the UPDATE writes only while the attempt is running and before its deadline, for an
  active member of its entry, and, when the caller's API token was taken from the process's
  memory rather than read now (`Credential`), only while that token exists, has not expired
  and its user is active with the password the token was checked against;
- only a refused write reads more, to say why (403, 400, or `StaleCredentialError`: check the
  token again).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.utils import timezone
from django.utils.translation import gettext as _

from contests.models import RegistrationMember
from core.api.authentication import Credential, credential_condition, credential_params, holds
from core.prepared import async_commit, execute
from training.answers import shape_given
from training.models import Attempt, AttemptItem
from training.selectors.sheets import attempt_sheet, forget_sheet, local_sheet
from workers.models import Worker


def ended_error() -> ValidationError:
    return ValidationError({"attempt": [_("This attempt has ended; nothing more can be saved.")]})


class StaleCredentialError(Exception):
    """The remembered token no longer holds: authenticate it again (and likely refuse)."""


def _no_position() -> ValidationError:
    return ValidationError({"position": [_("No such question in this attempt.")]})


@dataclass(frozen=True)
class SavedAnswer:
    position: int
    given: list | None
    answered_at: dt.datetime | None

    def data(self) -> dict:
        """The API's answer (training.api.exams.AnswerView and core.hotpath)."""
        return {"position": self.position, "given": self.given, "answered_at": self.answered_at}


def _is_member(attempt_id: int, *, user_id: int | None, worker_id: int | None) -> bool:
    """Whether the caller is an active member of the attempt's entry (read now)."""
    if user_id is None and worker_id is None:
        return False
    members = RegistrationMember.objects.filter(
        registration__in=Attempt.objects.filter(pk=attempt_id).values("registration_id"),
        active=True,
    )
    if worker_id is not None:
        return members.filter(worker_id=worker_id).exists()
    return members.filter(worker__user_id=user_id).exists()


# The save as one statement: written raw (the ORM's UPDATE over related rows builds
# `id IN (SELECT …)` and costs more CPU to compile than the rest of the request).
_WRITE = """
UPDATE {item} SET given = %s, answered_at = %s
WHERE attempt_id = %s AND position = %s AND EXISTS (
    SELECT 1 FROM {attempt} a
    JOIN {member} m ON m.registration_id = a.registration_id
    JOIN {worker} w ON w.id = m.worker_id
    WHERE a.id = %s AND a.state = %s AND a.deadline > %s AND m.active = %s AND {who} = %s
){credential}
"""


def _write_answer(
    *, attempt_id, position, value, now, user_id, worker_id, credential, prepare=False
) -> int:
    """Write the answer if the attempt is running, before its deadline, and the caller (by
    user or worker) an active member of its entry, holding the credential if one is given:
    how many rows were written (0 or 1). `prepare`: a prepared statement (core.prepared:
    PostgreSQL, the hot path). With GJ_ASYNC_COMMIT_ANSWERS (the default)
    the save commits asynchronously (core.prepared.async_commit: a third of a save's time
    under load); an operator who would rather wait for the disk on every answer sets it off.
    Submitting an attempt and grading always wait."""
    fields = AttemptItem._meta
    when = Attempt._meta.get_field("deadline").get_db_prep_save(now, connection)
    sql = _WRITE.format(
        item=fields.db_table,
        attempt=Attempt._meta.db_table,
        member=RegistrationMember._meta.db_table,
        worker=Worker._meta.db_table,
        who="m.worker_id" if worker_id is not None else "w.user_id",
        credential="" if credential is None else f" AND {credential_condition()}",
    )
    answered_at = now if value is not None else None
    params = [
        fields.get_field("given").get_db_prep_save(value, connection),
        fields.get_field("answered_at").get_db_prep_save(answered_at, connection),
        attempt_id,
        position,
        attempt_id,
        Attempt.State.STARTED.value,
        when,
        True,
        worker_id if worker_id is not None else user_id,
    ]
    if credential is not None:
        params += credential_params(credential, user_id, when)
    lazy = async_commit(settings.GJ_ASYNC_COMMIT_ANSWERS)
    written, _row = execute(sql + (f" RETURNING {lazy}" if lazy else ""), params, prepare=prepare)
    return written


def _question(sheet, position) -> tuple[str, tuple[str, ...]] | None:
    """(question type, option keys) at the position of the sheet; None when there is none."""
    if isinstance(position, bool) or not isinstance(position, int):
        return None
    return sheet.items.get(position)


def _save(*, position, value, now, **write) -> SavedAnswer | None:
    """Write the shaped answer (`_write_answer`'s checks); the answer saved, or None."""
    if not _write_answer(position=position, value=value, now=now, **write):
        return None
    return SavedAnswer(position, value, now if value is not None else None)


def record_answer(
    *,
    attempt_id: int,
    position,
    given,
    user_id: int | None = None,
    worker_id: int | None = None,
    credential: Credential | None = None,
) -> SavedAnswer:
    """Save one answer as given (autosave) for the entry's member named by `user_id` (the
    caller's account) or `worker_id`: 404 (Attempt.DoesNotExist) without such an attempt,
    403 for another person, 400 after the deadline or the submission, for a position not in
    the attempt or a malformed answer; nothing is written then.

    The hot path of a test window: the attempt's sheet comes from the cache
    (training.selectors.sheets) and the write is ONE UPDATE that checks again, in the same
    statement, that the attempt is running, before its deadline, and the caller an active
    member of its entry (and, with a `credential`, that it still holds: StaleCredentialError
    when it does not); only a refused write reads more to say why."""
    if credential is not None and user_id is None:
        raise ValueError("a credential belongs to a user")
    sheet = attempt_sheet(attempt_id)
    if sheet is None:
        raise Attempt.DoesNotExist
    listed = (
        worker_id in sheet.member_workers
        if worker_id is not None
        else user_id in sheet.member_users
    )
    if not listed and not _is_member(attempt_id, user_id=user_id, worker_id=worker_id):
        raise PermissionDenied(_("This is not your attempt."))
    now = timezone.now()
    if now >= sheet.deadline:
        raise ended_error()
    question = _question(sheet, position)
    if question is None:
        raise _no_position()
    value = shape_given(*question, given, may_clear=True)
    saved = _save(
        attempt_id=attempt_id,
        position=position,
        value=value,
        now=now,
        user_id=user_id,
        worker_id=worker_id,
        credential=credential,
    )
    if saved is None:
        if credential is not None and not holds(credential, user_id):
            raise StaleCredentialError
        if not _is_member(attempt_id, user_id=user_id, worker_id=worker_id):
            forget_sheet(attempt_id)
            raise PermissionDenied(_("This is not your attempt."))
        raise ended_error()
    return saved


def save_if_allowed(
    *, attempt_id: int, position, given, user_id: int, credential: Credential
) -> SavedAnswer | None:
    """The save of the hot path (core.hotpath, training.hotpath): written when the caller is a
    listed member of the attempt's entry, the position is on its sheet and the answer well
    formed, and the UPDATE's own checks hold (running, before the deadline, an active member,
    the credential). None when nothing was written, for any reason: `record_answer` then
    does the save the full way and says why it refuses. The sheet comes from this process's
    memory (training.selectors.sheets.local_sheet); every rule that can change while the
    attempt runs is the UPDATE's."""
    sheet = local_sheet(attempt_id)
    if sheet is None or user_id not in sheet.member_users:
        return None
    question = _question(sheet, position)
    if question is None:
        return None
    try:
        value = shape_given(*question, given, may_clear=True)
    except ValidationError:
        return None
    return _save(
        attempt_id=attempt_id,
        position=position,
        value=value,
        now=timezone.now(),
        user_id=user_id,
        worker_id=None,
        credential=credential,
        prepare=True,
    )
