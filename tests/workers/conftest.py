"""The permission-matrix world of tests/unions, shared here."""

from tests.unions.conftest import ROLES, as_role, world  # noqa: F401
