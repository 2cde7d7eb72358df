"""The contest statistics report (the seed's Chongqing press release, from our own data).

Counts are aggregates over approved entries; awards come from published results only, so the
report never announces provisional results.
"""

import io
from collections import Counter
from typing import Any

from django.db.models import Count
from openpyxl import Workbook

from contests.models import Contest, Registration
from public import selectors
from results.models import AwardRow, ResultRow, ResultSnapshot
from unions.models import Employer, Region

KIND_ZH = {
    "non_public": "非公企业",
    "foreign": "外商投资企业",
    "state_owned": "国有企业",
    "public_institution": "机关、事业单位",
    "other": "其他单位",
}
AWARD_ZH = {
    "advanced_collective": ("先进集体", "个"),
    "gold_team": ("金牌班组", "个"),
    "gold_worker": ("金牌职工", "名"),
    "top_achievement": ("十佳职工创新成果", "项"),
}


def _share(n: int, total: int) -> float:
    return round(100.0 * n / total, 1) if total else 0.0


def contest_report(contest: Contest) -> dict[str, Any]:
    entries = Registration.objects.filter(contest=contest, status=Registration.Status.APPROVED)
    counts = selectors.contest_counts(contest.pk)
    units_total = counts["units"]
    by_kind = dict(
        Employer.objects.filter(pk__in=entries.values("employer_id"))
        .values_list("kind")
        .annotate(n=Count("id"))
    )
    units = [
        {
            "kind": k.value,
            "label": str(k.label),
            "label_zh": KIND_ZH[k.value],
            "count": by_kind.get(k.value, 0),
            "share": _share(by_kind.get(k.value, 0), units_total),
        }
        for k in Employer.Kind
    ]
    # Entries per province (the first code of the work unit's region path).
    per_path = entries.values_list("employer__region__path").annotate(n=Count("id"))
    province: Counter = Counter()
    for path, n in per_path:
        province[path.strip("/").split("/")[0] if path else ""] += n
    names = dict(Region.objects.filter(code__in=list(province)).values_list("code", "name"))
    regions = [
        {
            "region": names.get(code, code or "—"),
            "entries": n,
            "share": _share(n, counts["entries"]),
        }
        for code, n in province.most_common()
    ]
    events = [
        {"event": name, "entries": n}
        for name, n in entries.values_list("event__name")
        .annotate(n=Count("id"))
        .order_by("event_id")
    ]
    divisions = [
        {
            "division": contest.division.name if contest.division else "—",
            "entries": counts["entries"],
        }
    ]
    award_counts = dict(
        AwardRow.objects.filter(snapshot__contest=contest, snapshot__is_public=True)
        .values_list("kind")
        .annotate(n=Count("id"))
    )
    awards = [
        {
            "tier": kind,
            "label": str(AwardRow.Kind(kind).label),
            "label_zh": AWARD_ZH[kind][0],
            "count": award_counts.get(kind, 0),
        }
        for kind in AWARD_ZH
    ]
    prizes = (
        ResultRow.objects.filter(
            # public snapshot ids first: one index range each, whatever the statistics say
            snapshot_id__in=list(
                ResultSnapshot.objects.filter(event__contest=contest, is_public=True).values_list(
                    "pk", flat=True
                )
            )
        )
        .exclude(tier="")
        .values_list("tier")
        .annotate(n=Count("id"))
        .order_by("tier")
    )
    awards += [{"tier": t, "label": t, "label_zh": t, "count": n} for t, n in prizes]
    report = {
        "contest": {
            "id": contest.pk,
            "name": contest.name,
            "host_union": contest.host_union.name,
            "series": contest.series.name,
            "status": contest.status,
        },
        "units": {"total": units_total, "by_kind": units},
        "workers": counts["workers"],
        "entries": counts["entries"],
        "entries_by_region": regions,
        "entries_by_division": divisions,
        "entries_by_event": events,
        "awards": awards,
    }
    report["press_release"] = press_release(report)
    return report


def press_release(r: dict[str, Any]) -> str:
    """A paragraph in the style of the seed's Chongqing report, ready to paste."""
    c = r["contest"]
    kinds = "、".join(
        f"{u['label_zh']}{u['count']}家（占{u['share']}%）"
        for u in r["units"]["by_kind"]
        if u["count"]
    )
    text = f"{c['name']}由{c['host_union']}主办，共有{r['units']['total']}家单位参与"
    text += f"，其中{kinds}" if kinds else ""
    text += f"；{r['workers']}名职工参赛，累计报名{r['entries']}人次"
    if r["entries_by_region"]:
        text += "，参赛单位分布于" + "、".join(x["region"] for x in r["entries_by_region"][:4])
    text += "。"
    won = []
    for a in r["awards"]:
        if a["count"]:
            unit = AWARD_ZH[a["tier"]][1] if a["tier"] in AWARD_ZH else "名"
            won.append(f"{a['label_zh']}{a['count']}{unit}")
    if won:
        text += "经评审，共评选出" + "、".join(won) + "。"
    return text


def report_xlsx(r: dict[str, Any]) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = "概况"
    ws.append(["竞赛", r["contest"]["name"]])
    ws.append(["主办单位", r["contest"]["host_union"]])
    ws.append(["参与单位", r["units"]["total"]])
    ws.append(["参赛职工", r["workers"]])
    ws.append(["报名人次", r["entries"]])
    ws.append([])
    ws.append(["新闻稿", r["press_release"]])
    sheet = wb.create_sheet("单位类型")
    sheet.append(["单位类型", "数量", "占比(%)"])
    for u in r["units"]["by_kind"]:
        sheet.append([u["label_zh"], u["count"], u["share"]])
    sheet = wb.create_sheet("地区与赛区")
    sheet.append(["地区", "报名人次", "占比(%)"])
    for x in r["entries_by_region"]:
        sheet.append([x["region"], x["entries"], x["share"]])
    sheet.append([])
    sheet.append(["赛区", "报名人次"])
    for x in r["entries_by_division"]:
        sheet.append([x["division"], x["entries"]])
    sheet.append([])
    sheet.append(["项目", "报名人次"])
    for x in r["entries_by_event"]:
        sheet.append([x["event"], x["entries"]])
    sheet = wb.create_sheet("奖项")
    sheet.append(["奖项", "数量"])
    for a in r["awards"]:
        sheet.append([a["label_zh"], a["count"]])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
