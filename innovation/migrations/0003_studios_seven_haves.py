"""The seven-haves standard (七有标准) for every union: a shared standard (no owning union)."""

from django.db import migrations

CRITERIA = [
    ("model-worker-leads", "有劳模领衔", "由劳动模范、工匠或高技能人才领衔。"),
    ("innovation-team", "有创新团队", "有相对稳定的创新团队。"),
    ("venue", "有活动场地", "有固定的活动场地。"),
    ("equipment", "有设施设备", "有开展创新活动所需的设施设备。"),
    ("rules", "有工作制度", "有健全的工作制度和计划。"),
    ("funding", "有经费保障", "有稳定的经费保障。"),
    ("results", "有创新成果", "有创新成果并推广应用。"),
]


def seed(apps, schema_editor):
    Standard = apps.get_model("innovation", "RatingStandard")
    Criterion = apps.get_model("innovation", "RatingCriterion")
    standard, _ = Standard.objects.get_or_create(
        code="seven-haves",
        defaults={
            "name": "职工创新工作室“七有”标准",
            "description": "有劳模领衔、有创新团队、有活动场地、有设施设备、有工作制度、"
            "有经费保障、有创新成果。",
        },
    )
    for order, (code, title, guidance) in enumerate(CRITERIA, start=1):
        Criterion.objects.get_or_create(
            standard=standard,
            code=code,
            defaults={"order": order, "title": title, "guidance": guidance},
        )


def unseed(apps, schema_editor):
    apps.get_model("innovation", "RatingStandard").objects.filter(
        code="seven-haves", ratings__isnull=True
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("innovation", "0002_studios")]

    operations = [migrations.RunPython(seed, unseed)]
