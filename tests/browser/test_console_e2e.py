"""A whole contest in the browser, web pages only (issue 11, "Done when").

An officer sets up a series, a contest and an individual event with a scheme and award
tiers, creates the judge accounts and the panel, imports workers from an XLSX file and opens
registration; four workers sign up and enter; the officer approves them in bulk and moves
the contest to judging; three judges mark and submit; the officer unlocks one judge's
mark, which is re-marked and resubmitted, and the chief judge confirms; the officer
computes, checks the preview against the rules (computed here with the pure `scoring`
package from the marks the judges typed), publishes; a worker objects, the officer upholds
it with a corrected mark (recompute and republish in one flow); the contest awards are
published; once the notice period is over the officer downloads the certificates and the
award list.

The test creates only the starting world itself: the union tree with its work units and
the officer's account. Imported workers have no login (an import records workers, it makes
no accounts), so the entrants are workers who sign up on /signup/.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

import pytest
from django.db import connections
from django.db.models import F
from django.utils import timezone, translation
from openpyxl import Workbook, load_workbook

from core.validators import make_id_number
from results.models import AwardRow, AwardSnapshot, ResultSnapshot
from scoring import AwardTier, CriterionSpec, EntryInput, compute_event
from scoring.records import PRESET_POINTS
from tests.factories import EmployerFactory, OfficerFactory, UnionFactory

ARTIFACTS = Path(__file__).resolve().parent.parent / "artifacts"
PASSWORD = "Str0ng-pass!"
DESK = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
FACTORY, ELECTRONICS = "上海航天设备制造总厂", "上海航天电子有限公司"

# The scheme typed into the editor: theory marked by one judge, practice by two (mean).
CRITERIA = [
    CriterionSpec("T", Decimal(30), Decimal(100), "mean", 1),
    CriterionSpec("P", Decimal(70), Decimal(10), "mean", 2, Decimal(2)),
]
TIERS = [AwardTier("一等奖", count=1), AwardTier("二等奖", count=1), AwardTier("三等奖", count=1)]
TIE_BREAK = ("P",)
# Judges: username, name, criteria marked; the first is the chief judge.
JUDGES = [
    ("judge_zhao", "赵国华", "T"),
    ("judge_qian", "钱立新", "P"),
    ("judge_sun", "孙海燕", "P"),
]
# Entrants: username, name, work unit, and the marks each judge gives (in JUDGES order).
WORKERS = [
    ("zhangwei", "张伟", FACTORY, ("90", "7", "8")),  # 钱立新 typed 7 for 8: unlocked, re-marked
    ("lina", "李娜", ELECTRONICS, ("80", "9", "8.5")),
    ("wangqiang", "王强", FACTORY, ("70", "7", "7")),
    ("liuyang", "刘洋", ELECTRONICS, ("60", "6", "6.5")),
]
REMARK = ("judge_qian", "张伟", "8")
OBJECTION = ("张伟", "T", "100")  # 理论试卷复核：应为100分


@dataclass
class Contest:
    """What the flow learns from the pages as it goes (ids from URLs, bibs from the queue)."""

    url: str
    contest: int = 0
    event: int = 0
    bibs: dict[str, int] = field(default_factory=dict)
    # name -> criterion code -> judge's username -> the mark, as typed in the pages
    marks: dict[str, dict[str, dict[str, str]]] = field(default_factory=dict)
    shots: int = 0


def expected(state: Contest) -> list[tuple[str, str, str, str]]:
    """(rank, name, total, tier) in rank order, by the scoring rules from the marks typed."""
    names = {bib: name for name, bib in state.bibs.items()}
    entries = [
        EntryInput(bib, {code: [Decimal(v) for v in by.values()] for code, by in marks.items()})
        for bib, marks in ((state.bibs[n], m) for n, m in state.marks.items())
    ]
    results = compute_event(CRITERIA, entries, tie_break=TIE_BREAK, tiers=TIERS)
    return [(str(r.rank), names[r.entry_id], f"{r.total:.2f}", r.tier or "") for r in results]


def shoot(page, state: Contest, name: str) -> None:
    """The page at desk and phone width; at 390 px the page itself never scrolls sideways."""
    state.shots += 1
    for label, size in (("desktop", DESK), ("390", PHONE)):
        page.set_viewport_size(size)
        path = ARTIFACTS / f"console-e2e-{state.shots:02d}-{name}-{label}.png"
        page.screenshot(path=str(path), full_page=True)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"{name} is {width}px wide at 390px"
    page.set_viewport_size(DESK)


def log_in(page, state: Contest, username: str, then: str) -> None:
    """Sign in as someone else in this page's browser context (its cookies cleared)."""
    page.context.clear_cookies()
    page.goto(f"{state.url}/accounts/login/?next={then}")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("form button[type=submit]")
    page.wait_for_url(f"**{then}")


def click_and_load(page, selector: str) -> None:
    with page.expect_navigation():
        page.click(selector)


def success(page) -> str:
    """The page's success messages ("" when there is none)."""
    return " ".join(page.locator(".messages li.success").all_inner_texts())


def task_done(page) -> None:
    """A console job (htmx progress) has finished well."""
    page.wait_for_url("**?task=*")
    page.wait_for_selector(".task-progress .badge.ok")


@pytest.fixture
def world(db):
    """The starting world: 上海市总工会 › 上海航天工会 with two work units, and its officer."""
    city = UnionFactory(code="SH", name="上海市总工会")
    space = UnionFactory(code="SH-HT", name="上海航天工会", parent=city)
    for name in (FACTORY, ELECTRONICS):
        EmployerFactory(union=space, name=name)
    OfficerFactory(union=city, user__username="officer_sh")


@pytest.fixture
def chromium_and_orm(chromium, settings, tmp_path):
    """The browser; exported files and certificates in a folder of the test's own. The ORM
    calls this test makes while Playwright's loop runs get a connection of their own
    context: closed here, or PostgreSQL could not drop the test database."""
    settings.MEDIA_ROOT = tmp_path
    yield chromium
    connections.close_all()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("world")
def test_a_whole_contest_through_the_web_pages(live_server, chromium_and_orm, tmp_path):
    ARTIFACTS.mkdir(exist_ok=True)
    browser = chromium_and_orm
    state = Contest(url=live_server.url)
    # The officer in one browser context; the workers and judges in turn in another.
    officer, visitor = (browser.new_context(viewport=DESK).new_page() for _ in range(2))
    log_in(officer, state, "officer_sh", "/manage/")
    shoot(officer, state, "dashboard-empty")

    set_up(officer, state)
    import_workers(officer, state, tmp_path)
    create_judges(officer, state)
    officer.goto(f"{state.url}/manage/contests/{state.contest}/")
    click_and_load(officer, "#status-step")  # 开始报名
    assert success(officer)
    shoot(officer, state, "contest-open")

    for username, name, employer, _marks in WORKERS:
        sign_up_and_enter(visitor, state, username, name, employer)
    approve(officer, state)
    officer.goto(f"{state.url}/manage/contests/{state.contest}/")
    for _step in ("close registration", "start judging"):
        click_and_load(officer, "#status-step")
        assert success(officer)

    for index, (username, _name, code) in enumerate(JUDGES):
        log_in(visitor, state, username, "/judge/")
        click_and_load(visitor, f"a[href$='/judge/events/{state.event}/']")
        given = {name: marks[index] for _u, name, _e, marks in WORKERS}
        mark(visitor, state, username, code, given)
        if index == 0:
            shoot(visitor, state, "judge-sheet")
    unlock_and_remark(officer, visitor, state)

    results(officer, state)
    objection(officer, visitor, state)
    awards(officer, state)
    documents(officer, state)
    officer.goto(f"{state.url}/manage/")
    assert officer.locator("#stage-final .contest-card").count() == 1
    shoot(officer, state, "dashboard-final")


def set_up(page, state: Contest) -> None:
    """A series, a contest (registration open now, one notice day) and its event."""
    page.goto(f"{state.url}/manage/series/new/")
    page.fill("#id_name", "上海市职工职业技能大赛")
    page.fill("#id_year", str(timezone.localdate().year))
    page.select_option("#id_organisers", label="上海市总工会")
    click_and_load(page, "form.setup-form button[type=submit]")

    now = timezone.localtime()
    page.goto(f"{state.url}/manage/contests/new/")
    page.fill("#id_name", "上海航天职工数控技能竞赛")
    # series are named with their year in choosers (two of one name are told apart)
    page.select_option("#id_series", label=f"上海市职工职业技能大赛 ({timezone.localdate().year})")
    page.select_option("#id_host_union", label="上海航天工会")
    page.fill("#id_registration_opens", f"{now - dt.timedelta(hours=1):%Y-%m-%dT%H:%M}")
    page.fill("#id_registration_closes", f"{now + dt.timedelta(days=7):%Y-%m-%dT%H:%M}")
    page.fill("#id_contest_date", f"{now + dt.timedelta(days=10):%Y-%m-%d}")
    page.fill("#id_notice_days", "1")
    click_and_load(page, "form.setup-form button[type=submit]")
    state.contest = int(re.search(r"/contests/(\d+)/$", page.url)[1])

    page.click(f"a[href$='/manage/contests/{state.contest}/events/new/']")
    page.fill("#id_name", "数控车工")
    page.select_option("#id_kind", "individual")
    page.select_option("#id_eligible_unions", label="上海航天工会")
    page.fill("#id_min_age", "18")
    page.fill("#id_max_age", "60")
    shoot(page, state, "event-form")
    click_and_load(page, "form.setup-form button[type=submit]")
    state.event = int(re.search(r"/events/(\d+)/$", page.url)[1])
    scheme(page, state)


def scheme(page, state: Contest) -> None:
    """Criteria typed row by row (the second added by htmx), a tie-break, three tiers."""
    page.goto(f"{state.url}/manage/events/{state.event}/scheme/")
    for row, c in enumerate(CRITERIA):
        if row:
            page.click("button[name=add][value=criteria]")
            page.wait_for_selector(f"#id_criteria-{row}-code")
        prefix = f"#id_criteria-{row}-"
        page.fill(prefix + "code", c.code)
        page.fill(prefix + "name", {"T": "理论知识", "P": "实际操作"}[c.code])
        page.fill(prefix + "weight", str(c.weight))
        page.fill(prefix + "max_mark", str(c.max_mark))
        page.select_option(prefix + "kind", "measurement" if c.code == "T" else "judgement")
        page.select_option(prefix + "aggregation", c.aggregation)
        page.fill(prefix + "judges_required", str(c.judges_required))
        page.fill(prefix + "divergence_limit", str(c.divergence_limit or ""))
        page.fill(prefix + "step", "0.5" if c.code == "P" else "")
    page.fill("#id_tie_break", ", ".join(TIE_BREAK))
    for row, tier in enumerate(TIERS):
        if row:
            page.click("button[name=add][value=tiers]")
            page.wait_for_selector(f"#id_tiers-{row}-name")
        page.fill(f"#id_tiers-{row}-name", tier.name)
        page.select_option(f"#id_tiers-{row}-size_kind", "count")
        page.fill(f"#id_tiers-{row}-size", str(tier.count))
    click_and_load(page, "button[name=save]")
    assert success(page)
    shoot(page, state, "scheme")


def workers_file(path: Path) -> Path:
    """Three workers of the factory's roster, as an officer's spreadsheet would list them."""
    book = Workbook()
    sheet = book.active
    sheet.append(["姓名", "身份证号", "手机号", "单位", "职业（工种）", "技能等级"])
    for n, name in enumerate(["陈志强", "周丽", "吴军"], 1):
        sheet.append([name, make_id_number("310115", dt.date(1985, 3, n), n), "", FACTORY, "车工", "中级工"])  # fmt: skip
    book.save(path)
    return path


def import_workers(page, state: Contest, tmp_path: Path) -> None:
    page.goto(f"{state.url}/manage/workers/import/")
    page.set_input_files("#id_file", str(workers_file(tmp_path / "航天职工名单.xlsx")))
    page.select_option("#id_union", label="上海航天工会")
    click_and_load(page, "#import-form button[type=submit]")
    page.wait_for_selector(".import-outcome.ok")  # htmx polls the job until it is done
    assert page.locator(".summary .stat").all_inner_texts() == ["3", "3", "0", "0"]
    shoot(page, state, "import-report")


def create_judges(page, state: Contest) -> None:
    """Three judge accounts (passwords typed), then the panel with its chief judge."""
    for username, name, _code in JUDGES:
        page.goto(f"{state.url}/manage/judges/")
        page.fill("form.new-judge #id_username", username)
        page.fill("form.new-judge #id_name", name)
        page.fill("form.new-judge #id_password", PASSWORD)
        click_and_load(page, "form.new-judge button[type=submit]")
        assert name in success(page)
    shoot(page, state, "judges")
    page.goto(f"{state.url}/manage/events/{state.event}/panel/")
    for index, (_username, name, code) in enumerate(JUDGES):
        option = page.locator("#id_judge option", has_text=name).get_attribute("value")
        page.select_option("#id_judge", option)
        page.set_checked("#id_chief", index == 0)
        page.check(f"form.assign input[name=criteria][value={code}]")
        click_and_load(page, "form.assign button[type=submit]")
        assert name in success(page)
    assert page.locator("table.panel .badge.gold").count() == 1
    shoot(page, state, "panel")


def sign_up_and_enter(page, state: Contest, username: str, name: str, employer: str) -> None:
    page.context.clear_cookies()
    serial = len(state.marks) + 1
    page.goto(f"{state.url}/signup/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.fill("#id_name", name)
    page.fill("#id_id_number", make_id_number("310104", dt.date(1990, serial, 9), serial))
    page.fill("#id_phone", f"1380013800{serial}")
    page.select_option("#id_employer", label=employer)
    page.fill("#id_occupation", "数控车工")
    page.select_option("#id_skill_grade", "3")
    if not state.marks:
        shoot(page, state, "signup")
    click_and_load(page, "form.card button[type=submit]")
    click_and_load(page, f"form[action$='/contests/events/{state.event}/enter/'] button")
    assert "/me/entries/" in page.url and page.locator("tbody tr").count() == 1
    if not state.marks:
        shoot(page, state, "my-entries")
    state.marks[name] = {}


def approve(page, state: Contest) -> None:
    """Every pending entry approved at once; the bibs are read off the queue."""
    page.goto(f"{state.url}/manage/registrations/?contest={state.contest}&status=pending")
    assert page.locator("table.queue tbody tr").count() == len(WORKERS)
    page.check("table.queue thead input[type=checkbox]")
    click_and_load(page, "#bulk button[value=approve]")
    assert success(page)
    page.goto(f"{state.url}/manage/registrations/?contest={state.contest}&status=approved")
    for row in page.locator("table.queue tbody tr").all():
        cells = row.locator("td").all_inner_texts()
        state.bibs[cells[3].strip()] = int(cells[2])
    assert sorted(state.bibs) == sorted(w[1] for w in WORKERS)
    shoot(page, state, "registrations")


def mark(page, state: Contest, judge: str, code: str, given: dict[str, str]) -> None:
    """A judge's sheet by bib (blind: no names), one entry saved at a time, then submitted."""
    for name, value in given.items():
        entry = f"#bib-{state.bibs[name]}"
        page.fill(f"{entry} input[name=c_{code}]", value)
        click_and_load(page, f"{entry} button[type=submit]")
        state.marks[name].setdefault(code, {})[judge] = value
    click_and_load(page, "form.submit-all button")
    assert success(page)


def unlock_and_remark(officer, judge, state: Contest) -> None:
    """The officer sees every sheet submitted, unlocks one judge's mark on one entry with a
    reason; the judge re-marks and resubmits; the chief judge confirms the panel's marks."""
    username, name, value = REMARK
    judge_name = next(j[1] for j in JUDGES if j[0] == username)
    officer.goto(f"{state.url}/manage/events/{state.event}/judging/")
    rows = officer.locator("table.progress-table").first.locator("tbody tr")
    assert rows.count() == len(JUDGES)
    for row in rows.all():
        assert f"{len(WORKERS)} / {len(WORKERS)}" in row.inner_text()
        assert row.locator(".badge.ok").count() == 1  # submitted
    row = officer.locator("table.progress-table tbody tr", has_text=judge_name)
    click_and_load(officer, f"#{row.get_attribute('id')} a[href$='#unlock']")
    officer.fill("#id_bib", str(state.bibs[name]))
    officer.select_option("#id_criterion", "P")
    officer.fill("#id_reason", "裁判误将8分录为7分，重新评分")
    officer.click("form.unlock-form button[type=submit]")
    officer.wait_for_selector("#judging-board .notice")  # htmx swapped the board in place
    shoot(officer, state, "judging-unlocked")

    log_in(judge, state, username, f"/judge/events/{state.event}/")
    entry = f"#bib-{state.bibs[name]}"
    judge.fill(f"{entry} input[name=c_P]", value)
    click_and_load(judge, f"{entry} button[type=submit]")
    click_and_load(judge, "form.submit-all button")
    state.marks[name]["P"][username] = value

    chief = judge
    log_in(chief, state, JUDGES[0][0], f"/judge/events/{state.event}/status/")
    click_and_load(chief, "form[action$='/confirm/'] button")
    assert success(chief)
    officer.goto(f"{state.url}/manage/events/{state.event}/judging/")
    for row in officer.locator("table.progress-table").first.locator("tbody tr").all():
        assert row.locator("td.num").inner_text() == f"{len(WORKERS)} / {len(WORKERS)}"


def leaderboard(page) -> list[tuple[str, str, str, str]]:
    """(rank, name, total, award) of each row of the provisional leaderboard."""
    rows = []
    for row in page.locator("table.leaderboard tbody tr").all():
        cells = [c.strip() for c in row.locator("td").all_inner_texts()]
        rows.append((cells[0], cells[2], cells[4], cells[-2]))
    return rows


def results(page, state: Contest) -> None:
    """Compute (live progress), check the preview against the rules, publish."""
    page.goto(f"{state.url}/manage/events/{state.event}/results/")
    click_and_load(page, "#compute")
    task_done(page)
    want = expected(state)
    assert [r[1] for r in want] == ["李娜", "张伟", "王强", "刘洋"]  # 85.25, 83, 70, 61.75
    assert leaderboard(page) == want
    shoot(page, state, "results-preview")
    click_and_load(page, "#publish")
    assert success(page)
    assert page.locator("#publication .badge.ok").count() == 1


def objection(officer, worker, state: Contest) -> None:
    """The worker objects in "my results"; the officer upholds it, corrects the mark, and
    one button recomputes and republishes; the worker sees the new place."""
    name, code, value = OBJECTION
    username = next(w[0] for w in WORKERS if w[1] == name)
    log_in(worker, state, username, "/me/results/")
    before = next(r for r in expected(state) if r[1] == name)
    cells = worker.locator("table.pub-table tbody tr td").all_inner_texts()
    assert [c.strip() for c in cells[2:5]] == [before[0], before[2], before[3]]
    worker.fill("form.pub-objection input[name=reason]", "理论试卷复核后应为100分，请更正")
    click_and_load(worker, "form.pub-objection button")
    assert success(worker)
    shoot(worker, state, "my-results-objection")

    officer.goto(f"{state.url}/manage/objections/?contest={state.contest}")
    assert officer.locator("ul.objections li").count() == 1
    shoot(officer, state, "objections")
    click_and_load(officer, "ul.objections li a.button")
    judge = next(j for j in JUDGES if j[2] == code)
    officer.get_by_label(f"理论知识 · {judge[1]}").fill(value)
    officer.fill("#id_answer", "经复核，理论成绩更正为100分")
    shoot(officer, state, "uphold")
    click_and_load(officer, "#uphold")
    assert success(officer)
    state.marks[name][code][judge[0]] = value

    after = next(r for r in expected(state) if r[1] == name)
    assert after[0] == "1"  # 86.00 now leads 李娜's 85.25
    worker.reload()
    cells = worker.locator("table.pub-table tbody tr td").all_inner_texts()
    assert [c.strip() for c in cells[2:5]] == [after[0], after[2], after[3]]
    shoot(worker, state, "my-results-upheld")
    officer.goto(f"{state.url}/manage/events/{state.event}/results/")
    assert leaderboard(officer) == expected(state)


def winners(state: Contest) -> tuple[str, list[str]]:
    """The gold worker (first place, one per event) and the advanced collectives (work
    units by the preset points of their tiers), from the results the rules give."""
    unit = {w[1]: w[2] for w in WORKERS}
    points = Counter()
    for _rank, name, _total, tier in expected(state):
        if tier:
            points[unit[name]] += PRESET_POINTS[tier]
    return expected(state)[0][1], [u for u, _p in points.most_common()]


def awards(page, state: Contest) -> None:
    page.goto(f"{state.url}/manage/contests/{state.contest}/awards/")
    click_and_load(page, "button[name=scope][value=awards]")
    task_done(page)
    gold, units = winners(state)
    tables = page.locator("table")
    assert gold in tables.nth(1).inner_text()  # after the events table: gold workers
    text = page.inner_text(".console-body")
    assert all(unit in text for unit in units)
    shoot(page, state, "awards")
    click_and_load(page, "#publish-form button")
    assert success(page)


def documents(page, state: Contest) -> None:
    """The notice period (one day, set on the contest form) is over: the test moves the
    clock by dating the publications two days back, as time would. Then the certificate
    book and the award list are written and downloaded."""
    for model, where in ((ResultSnapshot, "event__contest"), (AwardSnapshot, "contest")):
        model.objects.filter(is_public=True, **{where: state.contest}).update(
            published_at=F("published_at") - dt.timedelta(days=2)
        )
    page.goto(f"{state.url}/manage/contests/{state.contest}/documents/")
    click_and_load(page, "form[action$='/documents/certificates/'] button")
    task_done(page)
    gold, units = winners(state)
    listed = page.locator("ul.winners li").all_inner_texts()
    assert len(listed) == 1 + len(units) + len(TIERS)  # contest awards, then event tiers
    with page.expect_download() as download:
        page.click("form[action$='/certificates.pdf'] button")
    body = Path(download.value.path()).read_bytes()
    assert body.startswith(b"%PDF-")
    assert len(re.findall(rb"/Type /Page\b(?!s)", body)) == len(listed)

    page.select_option("#id_document", "awards")
    page.select_option("#id_file_format", "xlsx")
    click_and_load(page, "#export-form button[type=submit]")
    task_done(page)
    shoot(page, state, "documents")
    with page.expect_download() as download:
        page.click("ul.files a")
    body = Path(download.value.path()).read_bytes()
    assert body.startswith(b"PK")  # an .xlsx is a zip
    sheet = load_workbook(io.BytesIO(body)).active
    with translation.override("zh-hans"):  # the officer's language: labels, never codes
        gold_kind, unit_kind = (
            str(k.label) for k in (AwardRow.Kind.GOLD_WORKER, AwardRow.Kind.ADVANCED_COLLECTIVE)
        )
    want = [(gold_kind, 1, gold)] + [(unit_kind, n, unit) for n, unit in enumerate(units, 1)]
    rows = sheet.iter_rows(min_row=2, values_only=True)
    assert sorted(row[:3] for row in rows) == sorted(want)
