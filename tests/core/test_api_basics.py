"""Token login, the OpenAPI schema and docs, and a superuser made by createsuperuser."""

import pytest
from django.core.management import call_command

from core.models import User
from unions.models import Region, Union

pytestmark = pytest.mark.django_db


def test_token_login_returns_a_token_that_authenticates(api, officer_a):
    officer_a.set_password("Str0ng-pass!")
    officer_a.save()
    response = api.post(
        "/api/v1/auth/token/", {"username": "officer_a", "password": "Str0ng-pass!"}
    )
    assert response.status_code == 200
    api.credentials(HTTP_AUTHORIZATION=f"Token {response.data['token']}")
    assert api.get("/api/v1/workers/").status_code == 200


def test_wrong_password_gets_400_and_no_token(api, officer_a):
    response = api.post("/api/v1/auth/token/", {"username": "officer_a", "password": "nope"})
    assert response.status_code == 400
    assert "token" not in response.data


def test_openapi_schema_and_docs_are_served(api):
    schema = api.get("/api/schema/", {"format": "json"})
    assert schema.status_code == 200
    paths = schema.json()["paths"]
    for path in ["/api/v1/auth/register/", "/api/v1/workers/import/", "/api/v1/unions/"]:
        assert path in paths
    assert api.get("/api/docs/").status_code == 200


def test_superuser_from_createsuperuser_noinput_can_use_the_api(api, monkeypatch):
    monkeypatch.setenv("DJANGO_SUPERUSER_USERNAME", "boss")
    monkeypatch.setenv("DJANGO_SUPERUSER_PASSWORD", "Boss-pass-2019!")
    monkeypatch.setenv("DJANGO_SUPERUSER_EMAIL", "boss@example.org")
    call_command("createsuperuser", "--noinput", verbosity=0)
    assert User.objects.get(username="boss").is_superuser
    token = api.post(
        "/api/v1/auth/token/", {"username": "boss", "password": "Boss-pass-2019!"}
    ).data["token"]
    api.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    shanghai = Region.objects.get(code="310000")
    response = api.post("/api/v1/unions/", {"code": "NEW", "name": "新工会", "region": shanghai.pk})
    assert response.status_code == 201, response.data
    assert Union.objects.get(code="NEW").parent is None


def test_api_docs_load_their_assets_from_this_site_not_a_cdn(api):
    body = api.get("/api/docs/").content.decode()
    assert "drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js" in body
    assert "cdn" not in body.lower()
