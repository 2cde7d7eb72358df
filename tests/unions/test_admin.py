"""The officers' admin: a new officer is chosen among the workers of the officer's subtree."""

import pytest

from tests.factories import WorkerFactory
from tests.workers.test_admin import admin_client

pytestmark = pytest.mark.django_db


def officer_choices(user) -> str:
    return admin_client(user).get("/en/admin/unions/officer/add/").content.decode()


def test_an_officer_picks_new_officers_among_their_subtrees_workers(world, officer_a, officer_c):
    WorkerFactory(employer=world["employer_c"], user__username="outsider")
    page = officer_choices(officer_a)
    assert ">worker<" in page  # of union B, below A
    assert ">outsider<" not in page
    assert ">officer_b<" not in page  # already an officer
    page = officer_choices(officer_c)
    assert ">outsider<" in page and ">worker<" not in page
