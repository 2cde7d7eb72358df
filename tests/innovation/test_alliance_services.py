import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from innovation.models import AuditEntry
from innovation.services import alliances as services
from tests.factories import OfficerFactory, UnionFactory
from tests.innovation.factories_studios import StudioFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def alliance():
    convener, other = UnionFactory(), UnionFactory()
    officer = OfficerFactory(union=convener)
    return services.found_alliance(
        actor=officer.user, slug="yrd", name="联盟", convener=convener, unions=[other]
    )


def test_found_includes_the_convener(alliance):
    assert alliance.unions.count() == 2
    assert AuditEntry.objects.filter(action="alliance.found").exists()


def test_stranger_cannot_found():
    with pytest.raises(PermissionDenied):
        services.found_alliance(
            actor=OfficerFactory().user, slug="x", name="x", convener=UnionFactory(), unions=[]
        )


def test_member_unions_officer_adds_own_studio(alliance):
    union = alliance.unions.exclude(pk=alliance.convener_id).get()
    studio = StudioFactory(union=UnionFactory(parent=union))
    officer = OfficerFactory(union=union)
    services.join_alliance(actor=officer.user, alliance=alliance, studio=studio)
    assert alliance.studios.filter(pk=studio.pk).exists()


def test_studio_of_a_non_member_union_is_refused(alliance):
    studio = StudioFactory()
    officer = OfficerFactory(union=studio.union)
    with pytest.raises(ValidationError):
        services.join_alliance(actor=officer.user, alliance=alliance, studio=studio)


def test_officer_cannot_add_another_unions_studio(alliance):
    studio = StudioFactory(union=alliance.convener)
    with pytest.raises(PermissionDenied):
        services.join_alliance(actor=OfficerFactory().user, alliance=alliance, studio=studio)


def test_leaving_is_audited_and_the_studio_stays(alliance):
    studio = StudioFactory(union=alliance.convener)
    officer = OfficerFactory(union=alliance.convener)
    membership = services.join_alliance(actor=officer.user, alliance=alliance, studio=studio)
    services.leave_alliance(actor=officer.user, membership=membership, reason="合并")
    assert not alliance.studios.exists()
    assert AuditEntry.objects.get(action="alliance.leave").reason == "合并"
