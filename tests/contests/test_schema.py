"""The contests API is described in the OpenAPI schema, actions and PATCH included."""

import pytest

pytestmark = pytest.mark.django_db


def test_schema_lists_contest_endpoints(api):
    response = api.get("/api/schema/", {"format": "json"})
    assert response.status_code == 200
    paths = response.json()["paths"]
    for path in [
        "/api/v1/series/",
        "/api/v1/divisions/",
        "/api/v1/contests/{id}/",
        "/api/v1/events/{id}/",
        "/api/v1/registrations/{id}/approve/",
        "/api/v1/registrations/{id}/reject/",
        "/api/v1/registrations/{id}/withdraw/",
    ]:
        assert path in paths, path
    registration = paths["/api/v1/registrations/{id}/"]
    assert "patch" in registration and "put" not in registration
    body = registration["patch"]["requestBody"]["content"]["application/json"]["schema"]
    assert body["$ref"].endswith("CompletionRequest")
