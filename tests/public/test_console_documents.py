"""Documents for the officer console: registrations export, labels instead of codes, names
by the reader's subtree, the certificate rules, and the export and uphold jobs."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import default_storage
from django.utils import translation

from core.models import TaskRecord
from core.services import start_task
from public import certificates, documents, services, tasks
from public.models import Objection
from results.models import ResultSnapshot
from results.selectors import full_name_test
from tests.factories import EmployerFactory, OfficerFactory, RegistrationFactory, UnionFactory
from tests.public.factories import long_ago

pytestmark = pytest.mark.django_db


@pytest.fixture
def host_officer(published):
    return OfficerFactory(union=published["host"]).user


def test_result_rows_show_the_work_unit_kind_as_its_label(published):
    with translation.override("zh-hans"):
        kinds = {row[5] for row in documents.result_rows(published["events"][0])}
    assert kinds <= {"国有企业", "外商投资企业", "非公企业"} and kinds


def test_result_rows_mask_names_outside_the_readers_subtree(published, host_officer):
    shows_full = full_name_test(host_officer)  # the host union's workers, not Jiangsu's
    event = published["events"][0]
    names = [row[3] for row in documents.result_rows(event, shows_full)]
    host = published["host"].path
    expected = [
        r.display_name if r.union_path.startswith(host) else r.masked_name
        for r in published["rows"]
        if r.snapshot.event_id == event.pk
    ]
    assert names == expected and names != [r.display_name for r in published["rows"][:9]]


def test_award_rows_mask_names_outside_the_readers_subtree(published):
    nobody = OfficerFactory(union=UnionFactory(code="AH")).user
    rows = list(documents.award_rows(published["contest"], full_name_test(nobody)))
    winners = {r.display_name for r in published["rows"]}
    assert rows and not {row[2] for row in rows} & winners


def test_registration_rows_write_labels_and_local_time(db):
    employer = EmployerFactory(kind="foreign")
    entry = RegistrationFactory(worker__employer=employer, worker__name="孙小梅", disqualified=True)
    with translation.override("zh-hans"):
        (row,) = documents.registration_rows(entry.contest)
    assert row[0] == entry.bib and row[3] == "孙小梅"
    assert (row[2], row[5], row[8], row[9]) == ("个人赛", "外商投资企业", "高级工", "已通过")
    assert row[10] and len(row[12]) == 16  # "YYYY-MM-DD HH:MM"


def test_registration_rows_mask_names_outside_the_readers_subtree(db):
    entry = RegistrationFactory(worker__name="孙小梅")
    (row,) = documents.registration_rows(entry.contest, lambda path: False)
    assert row[3] == "孙*梅"


def test_export_table_refuses_an_unknown_document(published):
    with pytest.raises(ValidationError) as refused:
        documents.export_table(published["contest"], "workers")
    assert "document" in refused.value.message_dict
    with pytest.raises(ValidationError):  # results, but of no event
        documents.export_table(published["contest"], "results", event=None)


def test_certificates_need_final_results(published):
    with pytest.raises(ValidationError) as refused:
        certificates.issue_certificates(published["contest"])
    assert "contest" in refused.value.message_dict


def test_one_winners_certificate(published):
    ResultSnapshot.objects.filter(event__contest=published["contest"]).update(
        published_at=long_ago(30)
    )
    certificates.issue_certificates(published["contest"])
    cert = certificates.contest_certificates(published["contest"]).first()
    assert certificates.certificate_pdf(cert).startswith(b"%PDF")


def test_export_task_writes_the_file_with_progress(
    published, host_officer, settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.MEDIA_ROOT = tmp_path
    contest, event = published["contest"], published["events"][0]
    with django_capture_on_commit_callbacks(execute=True):
        record = start_task(
            name="public.export_document",
            owner=host_officer,
            task=tasks.export_document,
            args=(host_officer.pk, contest.pk, "results", "csv", "zh-hans", event.pk),
        )
    record.refresh_from_db()
    assert (record.state, record.progress, record.total) == ("SUCCESS", 9, 9)
    name = f"{tasks.exports_dir(host_officer.pk)}/{record.result['file']}"
    with default_storage.open(name) as f:
        assert f.read().decode("utf-8-sig").startswith("序号,名次,参赛号,姓名")


def test_export_task_refuses_an_officer_outside_the_host_union(published, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    outsider = OfficerFactory(union=UnionFactory(code="AH")).user
    with pytest.raises(PermissionDenied):
        tasks.export_document.run(outsider.pk, published["contest"].pk, "awards", "csv", "en")
    assert not default_storage.exists(tasks.exports_dir(outsider.pk))


@pytest.fixture
def objection(published):
    row = published["rows"][0]
    return services.file_objection(
        actor=row.registration.worker.user, registration=row.registration, reason="分数有误"
    )


def test_uphold_task_records_a_refusal_as_errors(
    objection, host_officer, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        record = start_task(
            name="public.uphold_objection",
            owner=host_officer,
            task=tasks.uphold_objection,
            args=(host_officer.pk, objection.pk, "更正", [{"mark": 0, "value": "1"}]),
        )
    record.refresh_from_db()
    assert record.state == TaskRecord.State.FAILURE and "marks" in record.result["errors"]
    objection.refresh_from_db()
    assert objection.status == Objection.Status.OPEN


@pytest.fixture
def overridden(db, django_capture_on_commit_callbacks):
    """An event published with an override: its only entry lacks a second mark."""
    from results import services as results_services
    from tests.factories import ContestFactory, EventFactory
    from tests.results.factories import EntryFactory, JudgeFactory, give_marks, make_scheme

    host = UnionFactory(code="HOST")
    officer = OfficerFactory(union=host).user
    event = EventFactory(contest=ContestFactory(host_union=host, status="judging"))
    _, crits = make_scheme(event, criteria=(("T", 100, 100, "mean", 2),))
    entry = EntryFactory(event=event)
    give_marks(entry, crits, {"T": [70]}, [JudgeFactory(union=host)])
    with django_capture_on_commit_callbacks(execute=True):
        results_services.compute_event(event_id=event.pk)
        results_services.publish_event(actor=officer, event=event, override_reason="缺考")
    objection = services.file_objection(
        actor=entry.worker.user, registration=entry, reason="分数有误"
    )
    return officer, objection


def test_upholding_republishes_with_the_officers_override(overridden):
    officer, objection = overridden
    mark = objection.registration.marks.get()
    with pytest.raises(ValidationError) as refused:
        services.uphold_objection(
            actor=officer,
            objection=objection,
            answer="更正",
            marks=[{"mark": mark.pk, "value": "75"}],
        )
    assert "override_reason" in refused.value.message_dict
    services.uphold_objection(
        actor=officer,
        objection=objection,
        answer="更正",
        marks=[{"mark": mark.pk, "value": "75"}],
        override_reason="第二位裁判缺席",
    )
    public = ResultSnapshot.objects.get(is_public=True)
    assert (public.version, public.override_reason) == (2, "第二位裁判缺席")
    assert mark.__class__.objects.get(pk=mark.pk).value == Decimal("75")
