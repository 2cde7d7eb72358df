"""Writes for workers and teams.

`register_worker` is the one path by which a person signs up (API and the sign-up page
call it): a strong password (Django's validators), then the worker's fields through the
one worker validator (workers.validation), which the officers' writes and the spreadsheet
import use too. All problems are reported together, keyed by field, and nothing is
written unless all pass.
"""

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from core import spreadsheets
from core.models import User
from core.scope import manages_union
from core.services import start_task
from core.spreadsheets import SpreadsheetError
from unions.models import Employer, Union
from unions.services import validate_new_account
from workers.models import SkillGrade, Team, Worker, WorkerImport
from workers.validation import (
    clean_employer,
    clean_name,
    clean_occupation,
    clean_phone,
    clean_skill_grade,
    clean_worker,
)

_UNSET: Any = object()


# --- Registration and officers' writes ------------------------------------------------------


def register_worker(
    *,
    username: str,
    password: str,
    name: str,
    id_number: str,
    phone: str,
    employer: Employer | int | str,
    occupation: str = "",
    skill_grade: int | str | None = None,
) -> Worker:
    """A worker signs up online: a login account and the worker record, both or neither.

    Raises ValidationError({"field": [message], ...}) listing every bad field. Whether an ID
    number is already registered is checked last and answered with one generic message
    (not on the ID field), so that sign-up cannot be used to learn who is registered: the
    answer is the same as a sign-up that lost a race, and callers throttle the attempts.
    """
    errors = validate_new_account(username=username, password=password)
    fields = clean_worker(
        errors,
        name=name,
        id_number=id_number,
        phone=phone,
        occupation=occupation,
        skill_grade=skill_grade,
        phone_required=True,
        unique=False,
    )
    employer = clean_employer(employer, errors)
    if errors:
        raise ValidationError(errors)
    if Worker.objects.filter(id_number=fields["id_number"]).exists():
        raise ValidationError(signup_refused_message())
    try:
        with transaction.atomic():
            user = User.objects.create_user(username=username.strip(), password=password)
            return Worker.objects.create(user=user, employer=employer, **fields)
    except IntegrityError:
        # Two sign-ups raced past the checks above; the unique indexes decided.
        if Worker.objects.filter(id_number=fields["id_number"]).exists():
            raise ValidationError(signup_refused_message()) from None
        raise ValidationError({"username": [_("This username is already taken.")]}) from None


def signup_refused_message() -> str:
    """The one answer to a sign-up whose ID number is already registered (see above)."""
    return _(
        "The sign-up could not be completed with these details. If you have signed up "
        "before, log in instead; otherwise ask your union for help."
    )


def _require_manages_employer(actor: User, employer: Employer) -> None:
    if not manages_union(actor, employer.union):
        raise PermissionDenied(_("This work unit is outside your union."))


@transaction.atomic
def create_worker(
    *,
    actor: User,
    name: str,
    id_number: str,
    employer: Employer,
    phone: str = "",
    occupation: str = "",
    skill_grade: int = SkillGrade.ELEMENTARY,
    user: User | None = None,
) -> Worker:
    """An officer records a worker (no login account needed; the admin uses this)."""
    _require_manages_employer(actor, employer)
    errors: dict[str, list[str]] = {}
    fields = clean_worker(
        errors,
        name=name,
        id_number=id_number,
        phone=phone,
        occupation=occupation,
        skill_grade=skill_grade,
    )
    if errors:
        raise ValidationError(errors)
    return Worker.objects.create(user=user, employer=employer, **fields)


@transaction.atomic
def update_worker(
    *,
    actor: User,
    worker: Worker,
    name: str | None = None,
    phone: str | None = None,
    employer: Employer | None = None,
    occupation: str | None = None,
    skill_grade: int | None = None,
) -> Worker:
    """An officer corrects a worker's record. The ID number is the identity: never changed."""
    _require_manages_employer(actor, worker.employer)
    errors: dict[str, list[str]] = {}
    if employer is not None and employer != worker.employer:
        _require_manages_employer(actor, employer)
        worker.employer = employer
    if name is not None:
        worker.name = clean_name(name, errors)
    if phone is not None:
        worker.phone = clean_phone(phone, errors)
    if occupation is not None:
        worker.occupation = clean_occupation(occupation, errors)
    if skill_grade is not None:
        worker.skill_grade = clean_skill_grade(skill_grade, errors)
    if errors:
        raise ValidationError(errors)
    worker.save()
    return worker


@transaction.atomic
def update_own_profile(
    *, worker: Worker, phone: str | None = None, occupation: str | None = None
) -> Worker:
    """A worker edits their own contact details; everything else is the union's record."""
    errors: dict[str, list[str]] = {}
    if phone is not None:
        worker.phone = clean_phone(phone, errors, required=True)  # how the union reaches them
    if occupation is not None:
        worker.occupation = clean_occupation(occupation, errors)
    if errors:
        raise ValidationError(errors)
    worker.save(update_fields=["phone", "occupation", "updated_at"])
    return worker


# --- Teams ----------------------------------------------------------------------------------


def check_team(
    *, name: str, employer: Employer, leader: Worker | None, members: list[Worker], pk=None
) -> None:
    errors: dict[str, list[str]] = {}
    name = (name or "").strip()
    if not name:
        errors["name"] = [_("This field is required.")]
    else:
        clash = Team.objects.filter(employer=employer, name=name)
        if pk is not None:
            clash = clash.exclude(pk=pk)
        if clash.exists():
            errors["name"] = [_("This work unit already has a team of this name.")]
    if leader is not None and leader.employer_id != employer.pk:
        errors["leader"] = [_("The leader must be a worker of the team's work unit.")]
    strangers = [w.pk for w in members if w.employer_id != employer.pk]
    if strangers:
        errors["members"] = [
            _("Members must be workers of the team's work unit (not: %(ids)s).")
            % {"ids": ", ".join(map(str, strangers))}
        ]
    if errors:
        raise ValidationError(errors)


def _member_list(leader: Worker | None, members: Iterable[Worker]) -> list[Worker]:
    """Members, with the leader always among them."""
    result = list(dict.fromkeys(members))
    if leader is not None and leader not in result:
        result.append(leader)
    return result


@transaction.atomic
def create_team(
    *,
    actor: User,
    name: str,
    employer: Employer,
    leader: Worker | None = None,
    members: Iterable[Worker] = (),
) -> Team:
    _require_manages_employer(actor, employer)
    member_list = _member_list(leader, members)
    check_team(name=name, employer=employer, leader=leader, members=member_list)
    team = Team.objects.create(name=name.strip(), employer=employer, leader=leader)
    team.members.set(member_list)
    return team


@transaction.atomic
def update_team(
    *,
    actor: User,
    team: Team,
    name: str | None = None,
    employer: Employer | None = None,
    leader: Worker | None = _UNSET,
    members: Iterable[Worker] | None = None,
) -> Team:
    _require_manages_employer(actor, team.employer)
    if employer is not None and employer != team.employer:
        _require_manages_employer(actor, employer)
        team.employer = employer
    if name is not None:
        team.name = name.strip()
    if leader is not _UNSET:
        team.leader = leader
    member_list = _member_list(team.leader, team.members.all() if members is None else members)
    check_team(
        name=team.name,
        employer=team.employer,
        leader=team.leader,
        members=member_list,
        pk=team.pk,
    )
    team.save()
    team.members.set(member_list)
    return team


@transaction.atomic
def delete_team(*, actor: User, team: Team) -> None:
    _require_manages_employer(actor, team.employer)
    team.delete()


# --- Bulk import ----------------------------------------------------------------------------


def start_worker_import(
    *,
    actor: User,
    union: Union | None,
    filename: str,
    data: bytes,
    skip_invalid: bool = False,
) -> WorkerImport:
    """Accept an upload and queue its import. The request checks only what costs nothing
    whatever the file's size (core.spreadsheets.check_upload: size, format, encoding); the
    rows, the header among them, are read by the task, which reports any problem."""
    from workers.importing import MAX_BYTES
    from workers.tasks import import_workers_task

    if union is None:
        union = Union.objects.filter(officers__user=actor).first()
        if union is None:
            raise ValidationError({"union": [_("Name the union whose work units these are.")]})
    if not manages_union(actor, union):
        raise PermissionDenied(_("This union is outside your scope."))
    try:
        spreadsheets.check_upload(data, filename, max_bytes=MAX_BYTES)
    except SpreadsheetError as exc:
        raise ValidationError({"file": [str(exc)]}) from None
    with transaction.atomic():
        # The task is sent when this commits, so it always finds the upload.
        record = start_task(name="import_workers", owner=actor, task=import_workers_task)
        return WorkerImport.objects.create(
            task=record,
            union=union,
            filename=filename[:255],
            data=data,
            skip_invalid=skip_invalid,
            created_by=actor,
        )


def read_import_upload(upload) -> bytes:
    """An uploaded worker list's bytes, refused by its declared size before it is read."""
    from workers.importing import MAX_BYTES

    try:
        return spreadsheets.read_upload(upload, max_bytes=MAX_BYTES)
    except SpreadsheetError as exc:
        raise ValidationError({"file": [str(exc)]}) from None
