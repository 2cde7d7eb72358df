"""The contest statistics report (the seed's Chongqing press release, from our own data).

Counts are aggregates over approved entries; awards come from published results only, so the
report never announces provisional results.
"""

import datetime as dt
from collections import Counter
from typing import Any

from django.db.models import Count
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext

from contests.models import Contest, Registration
from core import spreadsheets
from innovation.selectors import stats as innovation_stats
from public import selectors
from results.models import AwardRow, ResultRow, ResultSnapshot
from showcase.selectors import stats as showcase_stats
from training.selectors import stats as practice_stats
from unions.models import Employer, Region

AWARD_KINDS = ("advanced_collective", "gold_team", "gold_worker", "top_achievement")


def _award_count(kind: str, n: int) -> str:
    """A count of awards of one kind: each kind has its own measure word in Chinese."""
    if kind == "advanced_collective":
        return ngettext("%(n)s advanced collective", "%(n)s advanced collectives", n) % {"n": n}
    if kind == "gold_team":
        return ngettext("%(n)s gold team", "%(n)s gold teams", n) % {"n": n}
    if kind == "gold_worker":
        return ngettext("%(n)s gold worker", "%(n)s gold workers", n) % {"n": n}
    if kind == "top_achievement":
        return ngettext(
            "%(n)s top-ten innovation achievement", "%(n)s top-ten innovation achievements", n
        ) % {"n": n}
    # A prize tier of an event: its name comes from the event's scoring scheme.
    return ngettext("%(tier)s: %(n)s winner", "%(tier)s: %(n)s winners", n) % {
        "tier": kind,
        "n": n,
    }


def _join(parts: list[str]) -> str:
    return pgettext("list separator", ", ").join(parts)


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
            "label_zh": _chinese(k.label),
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
    names = {
        r.code: selectors.in_language(r)
        for r in Region.objects.filter(code__in=list(province)).only("code", "name", "name_en")
    }
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
            "label_zh": _chinese(AwardRow.Kind(kind).label),
            "count": award_counts.get(kind, 0),
        }
        for kind in AWARD_KINDS
    ]
    public_ids = list(
        ResultSnapshot.objects.filter(event__contest=contest, is_public=True).values_list(
            "pk", flat=True
        )
    )
    prize_counts = dict(
        # public snapshot ids first: one index range each, whatever the statistics say
        ResultRow.objects.filter(snapshot_id__in=public_ids)
        .exclude(tier="")
        .values_list("tier")
        .annotate(n=Count("id"))
        .order_by()
    )
    # The schemes' order (一等奖, 二等奖, 三等奖), never the names' order.
    order = [t for t in selectors.tier_order(public_ids) if t in prize_counts]
    order += sorted(set(prize_counts) - set(order))
    awards += [{"tier": t, "label": t, "label_zh": t, "count": prize_counts[t]} for t in order]
    report = {
        "contest": {
            "id": contest.pk,
            "name": contest.name,
            "host_union": selectors.in_language(contest.host_union),
            "series": contest.series.name,
            "status": contest.status,
        },
        "units": {"total": units_total, "by_kind": units},
        "workers": counts["workers"],
        "entries": counts["entries"],
        "entries_by_kind": counts["entries_by_kind"],
        "entries_by_region": regions,
        "entries_by_division": divisions,
        "entries_by_event": events,
        "awards": awards,
    }
    report["practice"] = practice_figures(contest)
    report["innovation"] = innovation_figures(contest)
    report["showcase"] = showcase_stats.contest_figures(contest)  # the online showcase block
    report["press_release"] = press_release(report)
    return report


def practice_figures(contest: Contest) -> dict[str, int]:
    """Online practice (网上练兵) in the host union's subtree over the contest's period: from
    registration opening to the end of the contest day (or to now, without one)."""
    until = None
    if contest.contest_date:
        next_day = contest.contest_date + dt.timedelta(days=1)
        until = timezone.make_aware(dt.datetime.combine(next_day, dt.time()))
    figures = practice_stats.totals(
        contest.host_union, since=contest.registration_opens, until=until
    )
    return {"people": figures["people"], "answers": figures["answers"]}


def innovation_figures(contest: Contest) -> dict[str, Any]:
    """Worker innovation (职工创新) in the host union's subtree, up to the end of the contest
    day (or to now, without one): studios by level, topics, projects, results, patents,
    benefit, and the paragraph to paste."""
    until = contest.contest_date + dt.timedelta(days=1) if contest.contest_date else None
    figures = innovation_stats.figures(contest.host_union, until=until)
    return {
        "studios": figures.studios,
        "studios_by_level": [
            {"level": x.level, "label": x.label, "count": x.count} for x in figures.studios_by_level
        ],
        "topics": figures.topics,
        "projects": figures.projects,
        "results": figures.results,
        "applied": figures.applied,
        "patents": figures.patents,
        "benefit_yuan": str(figures.benefit_yuan),
        "press_release": innovation_stats.press_paragraph(
            figures, union_name=selectors.in_language(contest.host_union)
        ),
    }


def _chinese(label) -> str:
    """The label in Chinese whatever the reader's language (the API's `label_zh` field)."""
    with translation.override("zh-hans"):
        return str(label)


def _entry_counts(by_kind: dict[str, int]) -> list[str]:
    """Entries per kind of event, each with its own measure (人次, 队, 项)."""
    words = {
        "individual": lambda n: ngettext(
            "%(n)s entry in individual events", "%(n)s entries in individual events", n
        ),
        "team": lambda n: ngettext("%(n)s team in team events", "%(n)s teams in team events", n),
        "achievement": lambda n: ngettext(
            "%(n)s innovation achievement", "%(n)s innovation achievements", n
        ),
    }
    return [words[k](n) % {"n": n} for k, n in by_kind.items() if n and k in words]


def press_release(r: dict[str, Any]) -> str:
    """A paragraph in the style of the seed's Chongqing report, ready to paste."""
    c = r["contest"]
    if not r["entries"]:
        return _("%(contest)s is hosted by %(union)s; no entries have been approved yet.") % {
            "contest": c["name"],
            "union": c["host_union"],
        }
    units = r["units"]["total"]
    text = ngettext(
        "%(contest)s was hosted by %(union)s; %(n)s work unit took part",
        "%(contest)s was hosted by %(union)s; %(n)s work units took part",
        units,
    ) % {"contest": c["name"], "union": c["host_union"], "n": units}
    kinds = [
        _("%(kind)s: %(n)s (%(share)s%%)")
        % {"kind": u["label"], "n": u["count"], "share": u["share"]}
        for u in r["units"]["by_kind"]
        if u["count"]
    ]
    if kinds:
        text += _(", among them %(kinds)s") % {"kinds": _join(kinds)}
    text += ngettext("; %(n)s worker competed", "; %(n)s workers competed", r["workers"]) % {
        "n": r["workers"]
    }
    # Workers count people (team members included), entries count registrations: say
    # what each entry is, so the two figures agree (2091 workers: 1800 individual entries
    # and 149 teams).
    text += _(" (%(entries)s)") % {"entries": _join(_entry_counts(r["entries_by_kind"]))}
    if r["entries_by_region"]:
        regions = _join([x["region"] for x in r["entries_by_region"][:4]])
        text += _(", from work units in %(regions)s") % {"regions": regions}
    text = _("%(sentence)s.") % {"sentence": text}
    won = [_award_count(a["tier"], a["count"]) for a in r["awards"] if a["count"]]
    if won:
        text = _("%(text)s After judging, the awards were: %(awards)s.") % {
            "text": text,
            "awards": _join(won),
        }
    practice = r.get("practice") or {}
    if practice.get("answers"):
        text = ngettext(
            "%(text)s In online practice, %(people)s worker gave %(answers)s answers.",
            "%(text)s In online practice, %(people)s workers gave %(answers)s answers.",
            practice["people"],
        ) % {"text": text, **practice}
    showcase = r.get("showcase") or {}
    if showcase.get("posts"):
        text = _("%(text)s %(showcase)s") % {"text": text, "showcase": showcase_sentence(showcase)}
    return text


def showcase_sentence(figures: dict[str, Any]) -> str:
    """The online showcase in the words of the seed's Chongqing report: posts by kind, likes,
    comments ("发布新闻动态1789条、典型宣传590条…点赞量达70多万人次，发表评论7600多条")."""
    kinds = [
        _("%(kind)s: %(n)s") % {"kind": k["label"], "n": k["count"]}
        for k in figures["posts_by_kind"]
        if k["count"]
    ]
    return _(
        "The online showcase published %(posts)s (%(kinds)s), which received %(likes)s likes"
        " and %(comments)s comments."
    ) % {
        "posts": ngettext("%(n)s post", "%(n)s posts", figures["posts"]) % {"n": figures["posts"]},
        "kinds": _join(kinds),
        "likes": figures["likes"],
        "comments": figures["comments"],
    }


def report_xlsx(r: dict[str, Any]) -> bytes:
    share = _("Share (%)")
    overview = [
        [_("Contest"), r["contest"]["name"]],
        [_("Host union"), r["contest"]["host_union"]],
        [_("Units"), r["units"]["total"]],
        [_("Workers"), r["workers"]],
        [_("Entries"), r["entries"]],
        [_("Showcase posts"), r["showcase"]["posts"]],
        [_("Likes"), r["showcase"]["likes"]],
        [_("Comments"), r["showcase"]["comments"]],
        [],
        [_("Press release"), r["press_release"]],
    ]
    kinds = [[_("Work unit kind"), _("Units"), share]]
    kinds += [[u["label"], u["count"], u["share"]] for u in r["units"]["by_kind"]]
    places = [[_("Region"), _("Entries"), share]]
    places += [[x["region"], x["entries"], x["share"]] for x in r["entries_by_region"]]
    places += [[], [_("Division"), _("Entries")]]
    places += [[x["division"], x["entries"]] for x in r["entries_by_division"]]
    places += [[], [_("Event"), _("Entries")]]
    places += [[x["event"], x["entries"]] for x in r["entries_by_event"]]
    awards = [[_("Award"), _("Count")]] + [[a["label"], a["count"]] for a in r["awards"]]
    return spreadsheets.write_xlsx(
        [
            (_("Overview"), overview),
            (_("Work unit kinds"), kinds),
            (_("Regions and divisions"), places),
            (_("Awards"), awards),
        ]
    )
