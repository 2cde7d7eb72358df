"""Reads for workers and teams.

Officers see the workers and teams of their union subtree (the API viewsets' querysets, cut
by the restricted viewset base); a worker sees their own record and the teams they lead.
Lists join what their serializers print (no N+1).

A worker's full ID number is shown to an officer of the worker's union subtree checking
identity, and only through `reveal_id_number`, which records each display. A search by a
full ID number (`find_by_id_number`) confirms that number as surely as showing it: it
answers only inside the searcher's subtree and records each worker it finds.
"""

from django.db.models import Prefetch, Q, QuerySet
from django.utils.translation import gettext_lazy as _

from core.access import manages_union, require
from core.models import User
from core.scope import ALL, officer_path
from core.validators import normalise_id_number
from workers.models import IdNumberDisclosure, Team, Worker

NOT_YOUR_WORKER = _("Only officers of the worker's union may see the ID number.")


def worker_for_user(*, user: User) -> Worker | None:
    if not (user and user.is_authenticated):
        return None
    return Worker.objects.select_related("employer").filter(user=user).first()


def _members():
    # The API prints member ids only; loading whole worker rows would be waste.
    return Prefetch("members", queryset=Worker.objects.only("id"))


def teams_with_members() -> QuerySet[Team]:
    """Every team, with its member ids: a base to restrict, never a list to show as is."""
    return Team.objects.prefetch_related(_members())


def team_list_readable(*, user: User) -> QuerySet[Team]:
    """Teams to read: the officer's subtree, plus any team the user leads as a worker."""
    prefix = officer_path(user)
    qs = teams_with_members()
    if prefix == ALL:
        return qs
    if not (user and user.is_authenticated):
        return qs.none()
    scope = Q(leader__user=user)
    if prefix is not None:
        scope |= Q(employer__union__path__startswith=prefix)
    return qs.filter(scope)


def reveal_id_number(*, viewer: User, worker: Worker) -> str:
    """The worker's full ID number, for an officer checking identity, recorded as seen.

    A read that writes: each call is one display and leaves one `IdNumberDisclosure` row
    (who, when, which worker), so no page can show the number without the trace. Officers
    of the worker's union subtree and superusers only; the check comes before the record.
    """
    require(manages_union(viewer, worker.employer.union), NOT_YOUR_WORKER)
    IdNumberDisclosure.objects.create(worker=worker, viewer=viewer)
    return worker.id_number


def id_number_disclosures(*, worker: Worker) -> QuerySet[IdNumberDisclosure]:
    """Who saw the worker's full ID number and when, the latest first."""
    return IdNumberDisclosure.objects.filter(worker=worker).select_related("viewer")


def find_by_id_number(*, viewer: User, workers: QuerySet[Worker], number: str) -> QuerySet[Worker]:
    """The workers of `workers` (already cut to what the viewer may list) with exactly this
    ID number, each find recorded as a display of the full number to the viewer.

    Only a viewer who may see the full number searches by it: a worker outside the
    viewer's union subtree is never found (an empty answer, the same as for a number
    nobody has), so the search confirms nothing beyond what reveal_id_number would show.
    """
    found = [
        worker
        for worker in workers.filter(id_number=normalise_id_number(number)).select_related(
            "employer__union"
        )
        if manages_union(viewer, worker.employer.union)
    ]
    IdNumberDisclosure.objects.bulk_create(
        IdNumberDisclosure(worker=worker, viewer=viewer) for worker in found
    )
    return workers.filter(pk__in=[worker.pk for worker in found])
