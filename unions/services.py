"""Writes for regions, unions, officers and work units.

Every function checks the actor's scope itself (an officer manages their union and every
union below it), so the API, the admin and any later caller share one rule. Scope breaches
raise PermissionDenied (403); bad input raises ValidationError keyed by field (400).
"""

import re
from typing import Any

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import CharField, ProtectedError, Value
from django.db.models.functions import Concat, Substr
from django.utils.translation import gettext as _

from core.models import User
from core.scope import is_officer, manages_union
from unions.models import Employer, Officer, Region, Union

# Codes become segments of the materialised path, so "/" (and anything exotic) is banned.
_CODE_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]*$")
_UNSET: Any = object()  # "not given", as distinct from None ("no parent")


def check_code(code: str) -> str:
    code = (code or "").strip()
    if not _CODE_RE.match(code):
        raise ValidationError(
            {"code": [_("Use letters, digits, '-' and '_' only, starting with a letter or digit.")]}
        )
    return code


def _rewrite_subtree_paths(model, old_prefix: str, new_prefix: str) -> None:
    """Move a whole subtree in one UPDATE: every path under old_prefix gets new_prefix."""
    if old_prefix == new_prefix:
        return
    model.objects.filter(path__startswith=old_prefix).update(
        path=Concat(
            Value(new_prefix), Substr("path", len(old_prefix) + 1), output_field=CharField()
        )
    )


def _require_superuser(actor: User) -> None:
    if not (actor and actor.is_authenticated and actor.is_superuser):
        raise PermissionDenied(_("Only a superuser may change regions."))


def _require_manages(actor: User, union: Union | None) -> None:
    if union is None:
        if not actor.is_superuser:
            raise PermissionDenied(_("Only a superuser may create a top-level union."))
        return
    if not manages_union(actor, union):
        raise PermissionDenied(_("You do not manage this union."))


def _delete(obj) -> None:
    try:
        obj.delete()
    except ProtectedError:
        raise ValidationError(
            _("This record is still in use by other records and cannot be deleted.")
        ) from None


# --- Regions (superuser only) --------------------------------------------------------------


@transaction.atomic
def create_region(
    *,
    actor: User,
    code: str,
    name: str,
    level: str,
    parent: Region | None = None,
    name_en: str = "",
) -> Region:
    _require_superuser(actor)
    code = check_code(code)
    if Region.objects.filter(code=code).exists():
        raise ValidationError({"code": [_("A region with this code already exists.")]})
    return Region.objects.create(
        code=code,
        name=name,
        name_en=name_en,
        level=level,
        parent=parent,
        path=Region.path_for(code, parent),
    )


@transaction.atomic
def update_region(
    *,
    actor: User,
    region: Region,
    code: str | None = None,
    name: str | None = None,
    name_en: str | None = None,
    level: str | None = None,
    parent: Region | None = _UNSET,
) -> Region:
    _require_superuser(actor)
    for attr, value in (("name", name), ("name_en", name_en), ("level", level)):
        if value is not None:
            setattr(region, attr, value)
    new_code = region.code if code is None else check_code(code)
    if new_code != region.code and Region.objects.filter(code=new_code).exists():
        raise ValidationError({"code": [_("A region with this code already exists.")]})
    new_parent = region.parent if parent is _UNSET else parent
    if new_parent is not None and new_parent.path.startswith(region.path):
        raise ValidationError({"parent": [_("A region cannot be placed below itself.")]})
    old_path = region.path
    region.code, region.parent = new_code, new_parent
    region.path = Region.path_for(new_code, new_parent)
    region.save()
    _rewrite_subtree_paths(Region, old_path, region.path)
    return region


@transaction.atomic
def delete_region(*, actor: User, region: Region) -> None:
    _require_superuser(actor)
    _delete(region)


# --- Unions ---------------------------------------------------------------------------------


def _default_kind(parent: Union | None) -> str:
    return Union.Kind.PROVINCIAL if parent is None else Union.Kind.CITY


@transaction.atomic
def create_union(
    *,
    actor: User,
    code: str,
    name: str,
    region: Region,
    parent: Union | None = None,
    kind: str | None = None,
    name_en: str = "",
) -> Union:
    """A new union below `parent`, which must lie in the actor's subtree."""
    _require_manages(actor, parent)
    code = check_code(code)
    if Union.objects.filter(code=code).exists():
        raise ValidationError({"code": [_("A union with this code already exists.")]})
    try:
        with transaction.atomic():
            return Union.objects.create(
                code=code,
                name=name,
                name_en=name_en,
                kind=kind or _default_kind(parent),
                parent=parent,
                region=region,
                path=Union.path_for(code, parent),
            )
    except IntegrityError:  # a concurrent create took the code between check and insert
        raise ValidationError({"code": [_("A union with this code already exists.")]}) from None


@transaction.atomic
def update_union(
    *,
    actor: User,
    union: Union,
    code: str | None = None,
    name: str | None = None,
    name_en: str | None = None,
    kind: str | None = None,
    region: Region | None = None,
    parent: Union | None = _UNSET,
) -> Union:
    """Change a union; a new parent or code moves its whole subtree (paths rewritten).

    The new parent must also be managed by the actor, so an officer can never move a union
    out of their own subtree (nor their own union anywhere: its parent is above them).
    """
    _require_manages(actor, union)
    for attr, value in (("name", name), ("name_en", name_en), ("kind", kind), ("region", region)):
        if value is not None:
            setattr(union, attr, value)
    new_parent = union.parent if parent is _UNSET else parent
    if parent is not _UNSET and new_parent != union.parent:
        _require_manages(actor, new_parent)
        if new_parent is not None and new_parent.path.startswith(union.path):
            raise ValidationError({"parent": [_("A union cannot be placed below itself.")]})
    new_code = union.code if code is None else check_code(code)
    if new_code != union.code and Union.objects.filter(code=new_code).exists():
        raise ValidationError({"code": [_("A union with this code already exists.")]})
    old_path = union.path
    union.code, union.parent = new_code, new_parent
    union.path = Union.path_for(new_code, new_parent)
    union.save()
    _rewrite_subtree_paths(Union, old_path, union.path)
    return union


@transaction.atomic
def delete_union(*, actor: User, union: Union) -> None:
    """Delete an empty union strictly below the actor's own (or any, for a superuser)."""
    _require_manages(actor, union)
    if not actor.is_superuser and Officer.objects.filter(user=actor, union=union).exists():
        raise PermissionDenied(_("You cannot delete your own union."))
    if union.children.exists():
        raise ValidationError(_("This union has unions below it; delete or move them first."))
    _delete(union)


# --- Work units -----------------------------------------------------------------------------


def _check_employer_name(name: str, union: Union, exclude_pk: int | None = None) -> None:
    clash = Employer.objects.filter(union=union, name=name)
    if exclude_pk is not None:
        clash = clash.exclude(pk=exclude_pk)
    if clash.exists():
        raise ValidationError({"name": [_("This union already has a work unit of this name.")]})


@transaction.atomic
def create_employer(*, actor: User, name: str, kind: str, region: Region, union: Union) -> Employer:
    _require_manages(actor, union)
    _check_employer_name(name, union)
    return Employer.objects.create(name=name, kind=kind, region=region, union=union)


@transaction.atomic
def update_employer(
    *,
    actor: User,
    employer: Employer,
    name: str | None = None,
    kind: str | None = None,
    region: Region | None = None,
    union: Union | None = None,
) -> Employer:
    _require_manages(actor, employer.union)
    if union is not None and union != employer.union:
        _require_manages(actor, union)
        employer.union = union
    for attr, value in (("name", name), ("kind", kind), ("region", region)):
        if value is not None:
            setattr(employer, attr, value)
    _check_employer_name(employer.name, employer.union, exclude_pk=employer.pk)
    employer.save()
    return employer


@transaction.atomic
def delete_employer(*, actor: User, employer: Employer) -> None:
    _require_manages(actor, employer.union)
    _delete(employer)


# --- Officers -------------------------------------------------------------------------------


def validate_new_account(*, username: str, password: str) -> dict[str, list[str]]:
    """Field errors for a new login account (username free and valid, password strong)."""
    errors: dict[str, list[str]] = {}
    username = (username or "").strip()
    if not username:
        errors["username"] = [_("This field is required.")]
    else:
        try:
            User.username_validator(username)
        except ValidationError as exc:
            errors["username"] = list(exc.messages)
        if "username" not in errors and User.objects.filter(username__iexact=username).exists():
            errors["username"] = [_("This username is already taken.")]
    try:
        validate_password(password or "", user=User(username=username))
    except ValidationError as exc:
        errors["password"] = list(exc.messages)
    return errors


@transaction.atomic
def create_officer(*, actor: User, username: str, password: str, union: Union) -> Officer:
    """A new officer account for the actor's union or one below it.

    Officers get `is_staff` so they can use the (scoped) admin.
    """
    if not is_officer(actor):
        raise PermissionDenied(_("Only union officers may create officer accounts."))
    _require_manages(actor, union)
    errors = validate_new_account(username=username, password=password)
    if errors:
        raise ValidationError(errors)
    try:
        with transaction.atomic():
            user = User.objects.create_user(
                username=username.strip(), password=password, is_staff=True
            )
    except IntegrityError:
        raise ValidationError({"username": [_("This username is already taken.")]}) from None
    return Officer.objects.create(user=user, union=union)


@transaction.atomic
def appoint_officer(*, actor: User, user: User, union: Union) -> Officer:
    """Make an existing account an officer of a union in the actor's subtree (the admin)."""
    _require_manages(actor, union)
    if Officer.objects.filter(user=user).exists():
        raise ValidationError({"user": [_("This account is already an officer.")]})
    if not user.is_staff:
        user.is_staff = True
        user.save(update_fields=["is_staff"])
    return Officer.objects.create(user=user, union=union)


@transaction.atomic
def move_officer(*, actor: User, officer: Officer, union: Union) -> Officer:
    """An officer moves to another union: the actor must manage both."""
    _require_manages(actor, officer.union)
    _require_manages(actor, union)
    officer.union = union
    officer.save(update_fields=["union"])
    return officer


@transaction.atomic
def delete_officer(*, actor: User, officer: Officer) -> None:
    """Remove an officer role (the login account stays, without staff access)."""
    _require_manages(actor, officer.union)
    if officer.user_id == actor.pk:
        raise PermissionDenied(_("You cannot remove your own officer role."))
    user = officer.user
    officer.delete()
    if not user.is_superuser:
        user.is_staff = False
        user.save(update_fields=["is_staff"])
