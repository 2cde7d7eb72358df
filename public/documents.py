"""Officer exports (results and award lists as .xlsx / CSV) and award certificates (PDF).

Exports carry full names: they are for officers of the host union only (the views check).
Certificates embed a CJK TrueType font: reportlab cannot embed CFF/OpenType outlines, so we
use Debian's fonts-droid-fallback (DroidSansFallbackFull.ttf), installed by .ci/run; the path
can be overridden with the GJ_CJK_FONT environment variable.
"""

import csv
import io
import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured
from openpyxl import Workbook

from contests.models import Contest, Event
from public import selectors
from results.models import AwardRow, ResultRow

RESULT_COLUMNS = [
    ("position", "序号"),
    ("rank", "名次"),
    ("bib", "参赛号"),
    ("display_name", "姓名"),
    ("employer_name", "单位"),
    ("employer_kind", "单位类型"),
    ("region_name", "地区"),
    ("total", "总分"),
    ("standardised", "标准分"),
    ("tier", "奖项"),
]
AWARD_COLUMNS = [
    ("kind", "奖项类别"),
    ("rank", "名次"),
    ("display_name", "获奖者"),
    ("employer_name", "单位"),
    ("score", "成绩"),
    ("reason", "获奖理由"),
]
FONT_CANDIDATES = [
    "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf",
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
]


def result_rows(event: Event) -> Iterator[list]:
    snap = selectors.public_snapshot(event.pk)
    qs = ResultRow.objects.none() if snap is None else ResultRow.objects.filter(snapshot=snap)
    for row in (
        qs.order_by("position")
        .values_list(*[c for c, _ in RESULT_COLUMNS])
        .iterator(chunk_size=5000)
    ):
        yield list(row)


def award_rows(contest: Contest) -> Iterator[list]:
    snap = selectors.public_awards(contest.pk)
    if snap is None:
        return
    labels = dict(AwardRow.Kind.choices)
    for row in AwardRow.objects.filter(snapshot=snap):
        yield [
            str(labels.get(row.kind, row.kind)),
            *(row.reason_text if c == "reason" else getattr(row, c) for c, _ in AWARD_COLUMNS[1:]),
        ]


def to_csv(header: list[str], rows: Iterable[list]) -> bytes:
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(header)
    w.writerows(rows)
    return ("\ufeff" + buf.getvalue()).encode()  # BOM: Excel opens UTF-8 Chinese correctly


def to_xlsx(title: str, header: list[str], rows: Iterable[list]) -> bytes:
    wb = Workbook(write_only=True)
    ws = wb.create_sheet(title[:31])
    ws.append(header)
    for row in rows:
        ws.append([float(v) if hasattr(v, "as_tuple") else v for v in row])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def cjk_font_path() -> str:
    for path in [os.environ.get("GJ_CJK_FONT", ""), *FONT_CANDIDATES]:
        if path and Path(path).is_file():
            return path
    raise ImproperlyConfigured(
        "No CJK TrueType font: install Debian's fonts-droid-fallback (see .ci/run)"
    )


def _register_font() -> str:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    name = "GJCJK"
    if name not in pdfmetrics.getRegisteredFontNames():
        path = cjk_font_path()
        kwargs = {"subfontIndex": 0} if path.endswith(".ttc") else {}
        pdfmetrics.registerFont(TTFont(name, path, **kwargs))
    return name


def _runs(text: str, cjk: str) -> list[tuple[str, str]]:
    """Split text into (font, run): the CJK font has no Latin digits or letters, so ASCII
    runs are set in Helvetica (one of the PDF standard fonts, no embedding needed)."""
    runs: list[tuple[str, str]] = []
    for ch in text:
        font = "Helvetica" if ord(ch) < 128 else cjk
        if runs and runs[-1][0] == font:
            runs[-1] = (font, runs[-1][1] + ch)
        else:
            runs.append((font, ch))
    return runs


def _draw(pdf, x: float, y: float, text: str, cjk: str, size: float, align: str = "left"):
    from reportlab.pdfbase.pdfmetrics import stringWidth

    runs = _runs(text, cjk)
    width = sum(stringWidth(run, font, size) for font, run in runs)
    x = {"left": x, "center": x - width / 2, "right": x - width}[align]
    for font, run in runs:
        pdf.setFont(font, size)
        pdf.drawString(x, y, run)
        x += stringWidth(run, font, size)


def certificate_entries(contest: Contest) -> list[dict]:
    """Every winner: contest awards and prize tiers of each event's published results."""
    out = []
    snap = selectors.public_awards(contest.pk)
    if snap is not None:
        for a in AwardRow.objects.filter(snapshot=snap).order_by("kind", "rank", "id"):
            out.append(
                {
                    "name": a.display_name,
                    "award": str(a.get_kind_display()),
                    "detail": a.reason_text,
                    "employer": a.employer_name,
                }
            )
    for event in contest.events.order_by("id"):
        s = selectors.public_snapshot(event.pk)
        if s is None:
            continue
        for r in selectors.tiered_rows(s.pk).order_by("position"):
            out.append(
                {
                    "name": r.display_name,
                    "award": r.tier,
                    "detail": f"{event.name} 第{r.rank}名",
                    "employer": r.employer_name,
                }
            )
    return out


def certificates_pdf(contest: Contest, entries: list[dict], progress=None) -> bytes:
    """One A4 landscape page per winner, Chinese text in the embedded CJK font."""
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.pdfgen import canvas

    font = _register_font()
    buf = io.BytesIO()
    width, height = landscape(A4)
    pdf = canvas.Canvas(buf, pagesize=(width, height))
    pdf.setTitle(f"{contest.name} 获奖证书")
    for i, e in enumerate(entries):
        pdf.setStrokeColorRGB(0.7, 0.1, 0.1)
        pdf.setLineWidth(6)
        pdf.rect(30, 30, width - 60, height - 60)
        pdf.setFillColorRGB(0.7, 0.1, 0.1)
        _draw(pdf, width / 2, height - 130, "获奖证书", font, 44, "center")
        pdf.setFillColorRGB(0, 0, 0)
        _draw(pdf, 110, height - 210, f"{e['name']}（{e['employer']}）：", font, 22)
        _draw(pdf, 140, height - 260, f"在{contest.name}中荣获", font, 22)
        _draw(pdf, width / 2, height - 330, e["award"], font, 30, "center")
        _draw(pdf, width / 2, height - 370, e["detail"][:60], font, 16, "center")
        _draw(pdf, 110, height - 410, "特发此证，以资鼓励。", font, 16)
        _draw(pdf, width - 110, 120, contest.host_union.name, font, 20, "right")
        pdf.showPage()
        if progress:
            progress(i + 1)
    pdf.save()
    return buf.getvalue()
