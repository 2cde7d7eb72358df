"""Every database gets the Yangtze River Delta regions as reference data."""

from django.db import migrations

# Frozen copy of the reference list at the time of this migration: a later edit of
# unions/reference.py must come with its own migration, not rewrite history.
REGIONS = [
    ("310000", "上海市", "Shanghai", "province", None),
    ("310101", "黄浦区", "Huangpu", "district", "310000"),
    ("310104", "徐汇区", "Xuhui", "district", "310000"),
    ("310112", "闵行区", "Minhang", "district", "310000"),
    ("310114", "嘉定区", "Jiading", "district", "310000"),
    ("310115", "浦东新区", "Pudong", "district", "310000"),
    ("310117", "松江区", "Songjiang", "district", "310000"),
    ("310118", "青浦区", "Qingpu", "district", "310000"),
    ("320000", "江苏省", "Jiangsu", "province", None),
    ("320100", "南京市", "Nanjing", "city", "320000"),
    ("320200", "无锡市", "Wuxi", "city", "320000"),
    ("320400", "常州市", "Changzhou", "city", "320000"),
    ("320500", "苏州市", "Suzhou", "city", "320000"),
    ("320509", "吴江区", "Wujiang", "district", "320500"),
    ("320583", "昆山市", "Kunshan", "district", "320500"),
    ("320600", "南通市", "Nantong", "city", "320000"),
    ("330000", "浙江省", "Zhejiang", "province", None),
    ("330100", "杭州市", "Hangzhou", "city", "330000"),
    ("330200", "宁波市", "Ningbo", "city", "330000"),
    ("330400", "嘉兴市", "Jiaxing", "city", "330000"),
    ("330421", "嘉善县", "Jiashan", "district", "330400"),
    ("330500", "湖州市", "Huzhou", "city", "330000"),
    ("330700", "金华市", "Jinhua", "city", "330000"),
    ("340000", "安徽省", "Anhui", "province", None),
    ("340100", "合肥市", "Hefei", "city", "340000"),
    ("340200", "芜湖市", "Wuhu", "city", "340000"),
    ("340500", "马鞍山市", "Ma'anshan", "city", "340000"),
    ("341800", "宣城市", "Xuancheng", "city", "340000"),
]


def load(apps, schema_editor):
    Region = apps.get_model("unions", "Region")
    by_code = {}
    for code, name, name_en, level, parent_code in REGIONS:
        parent = by_code.get(parent_code)
        path = f"{parent.path if parent else '/'}{code}/"
        by_code[code], _ = Region.objects.update_or_create(
            code=code,
            defaults={"name": name, "name_en": name_en, "level": level, "parent": parent, "path": path},
        )


class Migration(migrations.Migration):
    dependencies = [("unions", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
