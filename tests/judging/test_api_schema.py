import pytest
from drf_spectacular.generators import SchemaGenerator

CONTRACT = {
    "/api/v1/judges/": {"get", "post"},
    "/api/v1/events/{id}/judges/": {"get", "post"},
    "/api/v1/events/{id}/scheme/": {"get", "put"},
    "/api/v1/marks/": {"get", "post"},
    "/api/v1/marks/{id}/": {"get", "patch"},
    "/api/v1/events/{id}/marks/submit/": {"post"},
    "/api/v1/events/{id}/marks/confirm/": {"post"},
    "/api/v1/events/{id}/marks/unlock/": {"post"},
    "/api/v1/registrations/{id}/penalties/": {"get", "post"},
    "/api/v1/events/{id}/judging-status/": {"get"},
}


@pytest.mark.django_db
def test_the_api_contract_is_in_the_openapi_schema():
    paths = SchemaGenerator().get_schema(request=None, public=True)["paths"]
    for path, methods in CONTRACT.items():
        assert path in paths, path
        assert methods <= set(paths[path]), (path, set(paths[path]))
    scheme = paths["/api/v1/events/{id}/scheme/"]["put"]["requestBody"]["content"]
    ref = scheme["application/json"]["schema"]["$ref"]
    assert ref.endswith("SchemeRequest")
