"""One audit for the innovation app: the studio part's `StudioAudit` becomes `AuditEntry`
(with the object written, `target`), the results part's `WorkLog` rows move into it, and the
`WorkLog` table is dropped."""

from django.db import migrations, models

BATCH = 1000


def _at_as_given(model):
    # The historical model's `at` is auto_now_add: keep each row's own time instead.
    model._meta.get_field("at").auto_now_add = False


def move_work_log(apps, schema_editor):
    WorkLog = apps.get_model("innovation", "WorkLog")
    AuditEntry = apps.get_model("innovation", "AuditEntry")
    Studio = apps.get_model("innovation", "Studio")
    Exhibition = apps.get_model("innovation", "Exhibition")
    Union = apps.get_model("unions", "Union")
    _at_as_given(AuditEntry)
    studio_union = dict(Studio.objects.values_list("pk", "union_id"))
    exhibition_union = dict(Exhibition.objects.values_list("pk", "union_id"))
    root = Union.objects.order_by("path").values_list("pk", flat=True).first()
    batch = []
    for row in WorkLog.objects.order_by("pk").iterator(chunk_size=BATCH):
        union_id = studio_union.get(row.studio_id)
        if union_id is None and row.target.startswith("exhibition:"):
            union_id = exhibition_union.get(int(row.target.partition(":")[2] or 0))
        union_id = union_id or root
        if union_id is None:
            continue
        batch.append(
            AuditEntry(
                union_id=union_id,
                studio_id=row.studio_id,
                actor_id=row.actor_id,
                action=row.action,
                target=row.target,
                old=row.old,
                new=row.new,
                reason=row.reason,
                at=row.at,
            )
        )
        if len(batch) >= BATCH:
            AuditEntry.objects.bulk_create(batch)
            batch = []
    AuditEntry.objects.bulk_create(batch)


def move_back(apps, schema_editor):
    WorkLog = apps.get_model("innovation", "WorkLog")
    AuditEntry = apps.get_model("innovation", "AuditEntry")
    WorkLog._meta.get_field("at").auto_now_add = False
    rows = AuditEntry.objects.exclude(target="").exclude(actor=None).order_by("pk")
    WorkLog.objects.bulk_create(
        WorkLog(
            studio_id=row.studio_id,
            actor_id=row.actor_id,
            action=row.action,
            target=row.target,
            old=row.old,
            new=row.new,
            reason=row.reason,
            at=row.at,
        )
        for row in rows.iterator(chunk_size=BATCH)
    )
    rows.delete()


class Migration(migrations.Migration):
    dependencies = [
        ("innovation", "0004_results"),
        ("unions", "0003_verbose_names_in_chinese"),
    ]

    operations = [
        migrations.RenameModel(old_name="StudioAudit", new_name="AuditEntry"),
        migrations.AlterModelOptions(
            name="auditentry",
            options={
                "ordering": ["-at", "-id"],
                "verbose_name": "innovation audit entry",
                "verbose_name_plural": "innovation audit entries",
            },
        ),
        migrations.AddField(
            model_name="auditentry",
            name="target",
            field=models.CharField(blank=True, max_length=60, verbose_name="object"),
        ),
        migrations.AddIndex(
            model_name="auditentry",
            index=models.Index(fields=["target", "-at"], name="innovation_audit_target"),
        ),
        migrations.RunPython(move_work_log, move_back),
        migrations.DeleteModel(name="WorkLog"),
    ]
