"""Certificates and verification lookups in the admin: read-only; certificates scoped to
the officer's subtree (the contest's host union) like the other results admins, with masked
names only; lookups listed for superusers only."""

import pytest
from django.test import Client

from public import certificates
from results.models import Certificate, CertificateLookup
from tests.factories import OfficerFactory, UnionFactory
from tests.public import test_certificates

final = test_certificates.final  # published results whose notice period is over

CERTS = "/en/admin/results/certificate/"
LOOKUPS = "/en/admin/results/certificatelookup/"


@pytest.fixture
def cert(final):
    certificates.issue_certificates(final["contest"])
    return Certificate.objects.filter(revoked_at__isnull=True).order_by("id").first()


def _staff(user) -> Client:
    user.is_staff = True
    user.save()
    client = Client()
    client.force_login(user)
    return client


def test_an_officer_of_the_host_union_lists_its_certificates(cert, final):
    client = _staff(OfficerFactory(union=final["host"]).user)
    page = client.get(CERTS)
    assert page.status_code == 200
    assert cert.display_number in page.content.decode()


def test_an_officer_outside_the_host_union_sees_none_of_them(cert):
    client = _staff(OfficerFactory(union=UnionFactory(code="ZJ2")).user)
    page = client.get(CERTS)
    assert cert.display_number not in page.content.decode()
    assert client.get(f"{CERTS}{cert.pk}/change/").status_code in (302, 404)


def test_the_certificate_admin_shows_no_full_name(cert, final):
    client = _staff(OfficerFactory(union=final["host"]).user)
    assert cert.holder_name != cert.masked_name
    for url in (CERTS, f"{CERTS}{cert.pk}/change/"):
        body = client.get(url).content.decode()
        assert cert.masked_name in body and cert.holder_name not in body


def test_a_certificate_cannot_be_changed_in_the_admin(cert, superuser):
    client = Client()
    client.force_login(superuser)
    client.post(f"{CERTS}{cert.pk}/change/", {"award": "一等奖", "revoked_because": ""})
    assert client.get(f"{CERTS}add/").status_code == 403
    assert Certificate.objects.get(pk=cert.pk).award == cert.award


def test_lookups_are_listed_for_superusers(cert, superuser, client):
    client.get(f"/verify/{cert.number}/")
    assert CertificateLookup.objects.count() == 1
    client.force_login(superuser)
    page = client.get(LOOKUPS)
    assert page.status_code == 200 and cert.number in page.content.decode()


def test_lookups_are_not_listed_for_officers(cert, final):
    client = _staff(OfficerFactory(union=final["host"]).user)
    assert client.get(LOOKUPS).status_code == 403
