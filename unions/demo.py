"""Demo step: the seed's union tree, demo officers and work units of every kind."""

import random

from django.db import transaction

from core.models import User
from unions.models import Employer, Officer, Region, Union
from unions.reference import UNIONS

DEMO_PASSWORD = "gongjiang-demo"

# Work-unit name stems per kind: the Chongqing press release counts units by these kinds.
_STEMS = {
    Employer.Kind.STATE_OWNED: ["燃气集团", "能源公司", "电力公司", "城建集团", "航天机电"],
    Employer.Kind.NON_PUBLIC: ["精密机械", "智能装备", "管道工程", "燃气设备", "新材料"],
    Employer.Kind.FOREIGN: ["中德燃气技术", "中日精工", "中美能源服务"],
    Employer.Kind.PUBLIC_INSTITUTION: ["城市燃气管理所", "职业技术学院", "市政服务中心"],
}
_KIND_WEIGHTS = {
    Employer.Kind.STATE_OWNED: 36,
    Employer.Kind.NON_PUBLIC: 25,
    Employer.Kind.FOREIGN: 6,
    Employer.Kind.PUBLIC_INSTITUTION: 33,
}


@transaction.atomic
def load(*, out, options) -> None:
    regions = {r.code: r for r in Region.objects.all()}
    unions: dict[str, Union] = {}
    for code, name, name_en, kind, parent_code, region_code in UNIONS:
        parent = unions.get(parent_code)
        unions[code], _ = Union.objects.update_or_create(
            code=code,
            defaults={
                "name": name,
                "name_en": name_en,
                "kind": kind,
                "parent": parent,
                "region": regions[region_code],
                "path": Union.path_for(code, parent),
            },
        )
    out.write(f"   {len(unions)} unions")

    admin, created = User.objects.get_or_create(
        username="admin", defaults={"is_superuser": True, "is_staff": True}
    )
    if created:
        admin.set_password(DEMO_PASSWORD)
        admin.save()
    for username, code in [("officer_sh", "SH"), ("officer_ht", "SH-HT"), ("officer_js", "JS")]:
        user, created = User.objects.get_or_create(username=username, defaults={"is_staff": True})
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save()
            Officer.objects.create(user=user, union=unions[code])

    if Employer.objects.exists():
        return
    rng = random.Random(options.get("seed", 2019))
    kinds = list(_KIND_WEIGHTS)
    weights = list(_KIND_WEIGHTS.values())
    employers = []
    for union in unions.values():
        if union.kind == Union.Kind.PROVINCIAL:
            continue
        for i in range(4):
            kind = rng.choices(kinds, weights)[0]
            place = union.region.name.removesuffix("市").removesuffix("区").removesuffix("县")
            stem = _STEMS[kind][(i + len(employers)) % len(_STEMS[kind])]
            employers.append(
                Employer(name=f"{place}{stem}", kind=kind, region=union.region, union=union)
            )
    # Names may repeat within a union: suffix a number where they do.
    seen: dict[tuple[int, str], int] = {}
    for e in employers:
        key = (id(e.union), e.name)
        seen[key] = seen.get(key, 0) + 1
        if seen[key] > 1:
            e.name = f"{e.name}{seen[key]}"
    Employer.objects.bulk_create(employers)
    out.write(f"   {len(employers)} work units")
