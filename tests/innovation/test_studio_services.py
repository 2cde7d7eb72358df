import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from innovation.models import AuditEntry
from innovation.services import studios as services
from tests.factories import EmployerFactory, OfficerFactory, UnionFactory, WorkerFactory
from tests.innovation.factories_studios import StudioFactory, StudioMemberFactory

pytestmark = pytest.mark.django_db


def _register(officer, union, **extra):
    employer = extra.pop("employer", None) or EmployerFactory(union=union)
    leader = extra.pop("leader", None) or WorkerFactory(employer=employer)
    return services.register_studio(
        actor=officer.user,
        union=union,
        name=extra.pop("name", "王强劳模创新工作室"),
        employer=employer,
        leader=leader,
        field="燃气管网",
        founded_on=dt.date(2019, 5, 1),
        leader_titles="全国劳动模范",
        reason="新建",
        **extra,
    )


def test_register_makes_the_leader_first_member_and_audits():
    officer = OfficerFactory()
    studio = _register(officer, officer.union)
    member = studio.members.get()
    assert member.worker_id == studio.leader_id and member.role == services.LEADER_ROLE
    entry = AuditEntry.objects.get(action="studio.register")
    assert entry.actor == officer.user and entry.new["name"] == studio.name
    assert entry.reason == "新建" and entry.old is None
    assert studio.level is None


def test_officer_of_another_union_cannot_register():
    officer = OfficerFactory()
    with pytest.raises(PermissionDenied):
        _register(officer, UnionFactory())


def test_leader_of_another_unit_is_a_field_error():
    officer = OfficerFactory()
    other = WorkerFactory(employer=EmployerFactory(union=officer.union))
    with pytest.raises(ValidationError) as exc:
        _register(officer, officer.union, leader=other)
    assert "leader" in exc.value.error_dict


def test_same_name_twice_in_a_unit_is_refused():
    officer = OfficerFactory()
    employer = EmployerFactory(union=officer.union)
    _register(officer, officer.union, employer=employer)
    with pytest.raises(ValidationError) as exc:
        _register(officer, officer.union, employer=employer)
    assert "name" in exc.value.error_dict


def test_edit_records_old_and_new():
    studio = StudioFactory()
    officer = OfficerFactory(union=studio.union)
    services.edit_studio(actor=officer.user, studio=studio, field="焊接", reason="更正")
    entry = AuditEntry.objects.get(action="studio.edit")
    assert entry.old == {"field": "燃气管网"} and entry.new == {"field": "焊接"}


def test_add_member_and_refuse_twice():
    studio = StudioFactory()
    officer = OfficerFactory(union=studio.union)
    worker = WorkerFactory(employer=studio.employer)
    services.add_member(actor=officer.user, studio=studio, worker=worker, role="骨干")
    with pytest.raises(ValidationError):
        services.add_member(actor=officer.user, studio=studio, worker=worker, role="骨干")
    assert studio.members.filter(worker=worker).exists()


def test_leader_cannot_be_removed_as_member():
    studio = StudioFactory()
    officer = OfficerFactory(union=studio.union)
    member = StudioMemberFactory(studio=studio, worker=studio.leader)
    with pytest.raises(ValidationError):
        services.remove_member(actor=officer.user, member=member)


def test_level_is_the_highest_grant_so_far():
    studio = StudioFactory()
    union = studio.union
    services.grant_level(
        actor=None, studio=studio, level="city", union=union, granted_on=dt.date(2020, 1, 1)
    )
    services.grant_level(
        actor=None, studio=studio, level="enterprise", union=union, granted_on=dt.date(2021, 1, 1)
    )
    studio.refresh_from_db()
    assert studio.level == "city"
    assert studio.level_grants.count() == 2


def test_a_name_with_control_characters_is_a_field_error():
    officer = OfficerFactory()
    with pytest.raises(ValidationError) as raised:
        _register(officer, officer.union, name="王强\x00工作室")
    assert "name" in raised.value.message_dict
