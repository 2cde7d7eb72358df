"""The OpenAPI schema tells the truth about errors and authentication.

`AutoSchema` (the DRF default schema class, settings.REST_FRAMEWORK) adds to every operation
what drf-spectacular cannot see from the serializers:

- the error answers the framework gives: 400 (a request body or query the rules reject),
  401 and 403 (credentials missing or not enough), 404 (the object a path names does not
  exist or is hidden from the caller), 429 (a throttled view), each with its body;
- `security: []` on operations anyone may call (`PUBLIC` in the view's `permission_policy`,
  or DRF's `AllowAny`): no credentials needed. Credentials sent anyway are still honoured
  (an officer listing events sees their drafts).

File downloads declare their own content types with `extend_schema` (see public.api.views).
"""

from __future__ import annotations

from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.openapi import AutoSchema as SpectacularAutoSchema
from drf_spectacular.plumbing import ResolvedComponent, build_bearer_security_scheme_object
from rest_framework.permissions import AllowAny

from core.permissions import PUBLIC

WRITE_METHODS = {"POST", "PUT", "PATCH", "DELETE"}

_DETAIL = {
    "type": "object",
    "description": "`detail`: why the request was refused, in the caller's language.",
    "properties": {"detail": {"type": "string"}},
    "required": ["detail"],
}
_VALIDATION = {
    "type": "object",
    "description": (
        "Field name → list of messages (`non_field_errors` for the request as a whole); "
        "a nested field's messages are nested the same way."
    ),
    "additionalProperties": {},
}
_ERRORS = {
    "400": ("Bad request: the messages say which field and why.", "ValidationErrors", _VALIDATION),
    "401": ("No credentials, or invalid ones.", "ErrorDetail", _DETAIL),
    "403": ("The caller may not do this.", "ErrorDetail", _DETAIL),
    "404": ("No such object, or one hidden from the caller.", "ErrorDetail", _DETAIL),
    "409": ("Still in use: other records refer to it.", "ErrorDetail", _DETAIL),
    "429": ("Too many requests: retry after `Retry-After` seconds.", "ErrorDetail", _DETAIL),
}


class AutoSchema(SpectacularAutoSchema):
    def get_operation(self, path, path_regex, path_prefix, method, registry):
        operation = super().get_operation(path, path_regex, path_prefix, method, registry)
        if operation is None:
            return None
        public = self.is_public()
        if public:
            operation["security"] = []
        has_query = any(p.get("in") == "query" for p in operation.get("parameters", []))
        codes = []
        if self.method in WRITE_METHODS or has_query:
            codes.append("400")
        if not public:
            codes += ["401", "403"]
        params = {p.get("name") for p in operation.get("parameters", [])}
        if "{" in path or "page" in params:  # an object, or a page past the end
            codes.append("404")
        if self.method == "DELETE":  # other rows still refer to it (core.api.errors)
            codes.append("409")
        if self.view.get_throttles():
            codes.append("429")
        responses = operation.setdefault("responses", {})
        for code in codes:
            if code not in responses:
                responses[code] = self._error_response(code)
        return operation

    def is_public(self) -> bool:
        """Anyone may call this operation, without credentials."""
        if any(isinstance(p, AllowAny) for p in self.view.get_permissions()):
            return True
        policy = getattr(self.view, "permission_policy", None)
        if not policy:
            return False
        action = getattr(self.view, "action", None) or self.method.lower()
        return policy.get(action, policy.get("*")) is PUBLIC

    def _error_response(self, code: str) -> dict:
        description, name, schema = _ERRORS[code]
        component = ResolvedComponent(
            name=name, type=ResolvedComponent.SCHEMA, object=name, schema=schema
        )
        self.registry.register_on_missing(component)
        return {
            "description": description,
            "content": {"application/json": {"schema": component.ref}},
        }


# Response-only components that are one branch of a `oneOf` whose other branch carries more
# fields: closed, so a full object matches only its own branch (a judge's bib-only entry vs an
# officer's full entry, both answers of PATCH /registrations/{id}/).
CLOSED_COMPONENTS = ("BibOnlyRegistration",)


def close_components(result, generator, request, public):
    """drf-spectacular postprocessing hook: see CLOSED_COMPONENTS."""
    schemas = result.get("components", {}).get("schemas", {})
    for name in CLOSED_COMPONENTS:
        if name in schemas:
            schemas[name]["additionalProperties"] = False
    return result


class _SameTokenScheme(OpenApiAuthenticationExtension):
    """The remembered-token classes (core.api.authentication) read the same `Authorization:
    Token <key>` header as core.tokens.ExpiringTokenAuthentication ("tokenAuth"); the schema
    names each class's scheme apart, as drf-spectacular needs one class per name."""

    match_subclasses = False

    def get_security_definition(self, auto_schema):
        scheme = build_bearer_security_scheme_object(
            header_name="Authorization", token_prefix="Token"
        )
        return {**scheme, "description": "The API token of tokenAuth (POST /api/v1/auth/token/)."}


class RememberedTokenScheme(_SameTokenScheme):
    target_class = "core.api.authentication.RememberedTokenAuthentication"
    name = "rememberedTokenAuth"


class DeferredTokenScheme(_SameTokenScheme):
    target_class = "core.api.authentication.DeferredTokenAuthentication"
    name = "deferredTokenAuth"
