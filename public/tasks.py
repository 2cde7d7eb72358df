"""Long jobs of the public layer on Celery: certificates, document exports, upholding an
objection (correct, recompute, republish).

Idempotent: each rewrites the same file from the same data or is refused the second time;
state and progress are kept in the TaskRecord by the base class (core.taskbase).
Files are written through Django's storage API (settings.STORAGES["default"]: the file
system, or object storage shared by every host), never to a local path.
"""

from collections.abc import Iterable, Iterator

from celery import shared_task
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import translation

from contests.models import Contest, Event
from core import spreadsheets
from core.access import check, manages_contest
from core.taskbase import TrackedTask
from public import certificates, documents, services
from public.models import Objection
from results.selectors import full_name_test

PROGRESS_EVERY = 200  # certificates between two progress writes
ROWS_EVERY = 2000  # exported rows between two progress writes


def certificates_name(contest_id: int) -> str:
    """The contest's certificate book in the default storage."""
    return f"certificates/contest-{contest_id}.pdf"


def _write(name: str, body: bytes) -> None:
    """Replace the stored file `name` with `body` (storage names never get a suffix)."""
    if default_storage.exists(name):
        default_storage.delete(name)
    saved = default_storage.save(name, ContentFile(body))
    if saved != name:  # a concurrent writer got there first: ours is the same data
        default_storage.delete(saved)


@shared_task(name="public.generate_certificates", base=TrackedTask, bind=True)
def generate_certificates(
    self, contest_id: int, user_id: int | None = None, task_record_id: str | None = None
) -> dict:
    """Issue the contest's certificates (once its results are final; nothing new when
    nothing changed), then write them all into one PDF."""
    contest = Contest.objects.select_related("host_union").get(pk=contest_id)
    actor = get_user_model().objects.filter(pk=user_id).first() if user_id else None
    issued = certificates.issue_certificates(contest, actor=actor)
    certs = list(certificates.contest_certificates(contest))
    self.progress(0, len(certs))

    def progress(n: int) -> None:
        if n % PROGRESS_EVERY == 0 or n == len(certs):
            self.progress(n)

    body = certificates.certificates_pdf(contest, certs, progress)
    _write(certificates_name(contest_id), body)
    return {"pages": len(certs), "bytes": len(body), **issued}


@shared_task(name="public.issue_final_certificates", base=TrackedTask)
def issue_final_certificates(task_record_id: str | None = None) -> dict:
    """Scheduled (settings.CELERY_BEAT_SCHEDULE): issue the certificates of every published
    contest whose results have become final since the last run."""
    issued = contests = 0
    for contest in Contest.objects.filter(status__in=[Contest.Status.PUBLISHED]):
        if certificates.is_final(contest):
            issued += certificates.issue_certificates(contest)["issued"]
            contests += 1
    return {"contests": contests, "issued": issued}


def exports_dir(user_id: int) -> str:
    """Each officer's exports apart: which names a file shows in full depends on who asked."""
    return f"exports/user-{user_id}"


def export_name(contest_id: int, document: str, file_format: str, event_id: int | None) -> str:
    event = f"-event-{event_id}" if event_id else ""
    return f"contest-{contest_id}-{document}{event}.{file_format}"


@shared_task(name="public.export_document", base=TrackedTask, bind=True)
def export_document(
    self,
    user_id: int,
    contest_id: int,
    document: str,
    file_format: str,
    language: str,
    event_id: int | None = None,
    task_record_id: str | None = None,
) -> dict:
    """Write one document (public.documents.EXPORTS) as .xlsx or .csv into the user's
    exports, in their language, with the names they may see; progress counts rows."""
    user = get_user_model().objects.get(pk=user_id)
    contest = Contest.objects.select_related("host_union").get(pk=contest_id)
    check(manages_contest, user, contest)
    event = Event.objects.filter(pk=event_id).first() if event_id else None
    with translation.override(language):
        table = documents.export_table(
            contest, document, event=event, shows_full=full_name_test(user)
        )
        self.progress(0, table.count)
        rows = _counted(table.rows, self.progress)
        if file_format == "csv":
            body = spreadsheets.to_csv(table.header, rows)
        else:
            body = spreadsheets.to_xlsx(table.title, table.header, rows)
    name = export_name(contest_id, document, file_format, event_id)
    _write(f"{exports_dir(user_id)}/{name}", body)
    return {"file": name, "bytes": len(body)}


def _counted(rows: Iterable[list], progress) -> Iterator[list]:
    n = 0
    for n, row in enumerate(rows, 1):
        if n % ROWS_EVERY == 0:
            progress(n)
        yield row
    progress(n)


@shared_task(name="public.uphold_objection", base=TrackedTask)
def uphold_objection(
    user_id: int,
    objection_id: int,
    answer: str,
    marks: list[dict],
    override_reason: str = "",
    task_record_id: str | None = None,
) -> dict:
    """Uphold an objection in the background (public.services.uphold_objection: correct the
    marks, recompute and republish the event in one transaction): the computation of a
    large event takes seconds. A refusal is recorded as the task's errors."""
    user = get_user_model().objects.get(pk=user_id)
    objection = services.uphold_objection(
        actor=user,
        objection=Objection.objects.get(pk=objection_id),
        answer=answer,
        marks=marks,
        override_reason=override_reason,
    )
    return {"objection": objection.pk, "event": objection.event_id}
