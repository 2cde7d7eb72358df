"""Demo step part (see training/demo.py): a finished online theory test.

The event is the 航天杯 electronic-equipment assembly contest (still open for entries, so
nothing about it is computed yet): its scheme's theory criterion T (理论知识, a measurement)
has no marks there. Its approved entrants sit a 10-question test; the window is then moved
into the past and the test graded, so each entrant's score, scaled to T's maximum, is their
T mark (0 for an entrant who did not sit), written through judging (a system judge named
after the test, a MarkLog entry each).

The questions come from the bank helper's demo bank when it has enough for the occupation;
otherwise this step adds a handful of its own to the host union's bank (said in the output).
Idempotent: a test of that title on the event means the step has run.
"""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from django.db.models import F
from django.utils import timezone

from contests.models import Event, Registration
from core.models import User
from judging.models import Criterion
from training.models import Attempt, OnlineTest, Question, QuestionVersion
from training.services import attempts, exams, grading
from unions.models import Officer

EVENT = "电子设备装接工"
TITLE = "电子设备装接工理论知识考试"
OCCUPATION = "电子设备装接工"

QUESTIONS = [
    ("single", "手工焊接电子元件时，常用焊锡丝的熔点约为多少？",
     ["183 ℃", "120 ℃", "250 ℃", "300 ℃"], ["A"]),
    ("single", "防静电腕带的作用是？", ["泄放人体静电", "保暖", "计时", "绝缘"], ["A"]),
    ("single", "色环电阻“棕黑红”表示的阻值是？", ["1 kΩ", "10 Ω", "100 Ω", "10 kΩ"], ["A"]),
    ("single", "贴片元件 0805 表示的尺寸是？",
     ["0.08×0.05 英寸", "8×5 毫米", "0.8×0.5 毫米", "80×50 密耳"], ["A"]),
    ("multiple", "下列哪些是虚焊的常见原因？",
     ["焊盘氧化", "烙铁温度不足", "焊接时间过短", "使用助焊剂"], ["A", "B", "C"]),
    ("multiple", "静电敏感器件的防护措施包括？",
     ["佩戴防静电腕带", "使用防静电包装", "在地毯上操作", "工作台接地"], ["A", "B", "D"]),
    ("true_false", "电解电容安装时不需要区分正负极。", [], [False]),
    ("true_false", "焊点应光亮、圆滑、无拉尖。", [], [True]),
    ("fill", "印制电路板的英文缩写是＿＿。", [], ["PCB"]),
    ("fill", "电烙铁按加热方式可分为内热式和＿＿式。", [], ["外热", "外热式"]),
]  # fmt: skip


def _officer(event: Event) -> User | None:
    union = event.contest.host_union
    paths = [p for p in union.path.split("/") if p]
    above = ["/" + "/".join(paths[: i + 1]) + "/" for i in range(len(paths))]
    officer = Officer.objects.filter(union__path__in=above).order_by("-union__path").first()
    if officer is not None:
        return officer.user
    return User.objects.filter(is_superuser=True).order_by("id").first()


def _bank(event: Event) -> int:
    """The demo's own questions in the host union's bank, once; how many were added."""
    union = event.contest.host_union
    added = 0
    for kind, stem, texts, answer in QUESTIONS:
        if QuestionVersion.objects.filter(question__union=union, stem=stem).exists():
            continue
        question = Question.objects.create(union=union, kind=kind)
        options = [{"key": k, "text": t} for k, t in zip("ABCD", texts, strict=False)]
        version = QuestionVersion.objects.create(
            question=question,
            stem=stem,
            options=options,
            answer=answer,
            explanation="演示题目解析。",
            occupation=OCCUPATION,
        )
        question.current = version
        question.save(update_fields=["current"])
        added += 1
    return added


def _answer(rng: random.Random, level: float, kind: str, version: QuestionVersion):
    if rng.random() < level:
        return version.answer if kind != "fill" else version.answer[:1]
    keys = [o["key"] for o in version.options or []]
    if kind == "true_false":
        return [not version.answer[0]]
    if kind == "fill":
        return ["不知道"]
    if kind == "multiple" and rng.random() < 0.5:
        return version.answer[:1]  # fewer options, none wrong: half the points
    wrong = [k for k in keys if k not in version.answer]
    return [rng.choice(wrong)] if wrong else None


def load(*, out, options) -> None:
    event = (
        Event.objects.filter(name=EVENT, contest__name__contains="航天杯", scheme__isnull=False)
        .select_related("contest__host_union")
        .first()
    )
    if event is None:
        out.write("   online test: no 航天杯 电子设备装接工 event (run console.demo first)")
        return
    if OnlineTest.objects.filter(event=event, title=TITLE).exists():
        out.write(f"   online test: {TITLE} already there")
        return
    criterion = Criterion.objects.filter(
        event=event, kind=Criterion.Kind.MEASUREMENT, code="T"
    ).first()
    actor = _officer(event)
    if criterion is None or actor is None:
        out.write("   online test: the event has no theory criterion or no officer")
        return
    if criterion.marks.exists():
        out.write("   online test: the theory criterion already has marks; left alone")
        return
    added = _bank(event)
    if added:
        out.write(f"   online test: {added} questions added to the host union's bank")
    now = timezone.now()
    test = exams.create_test(
        actor=actor,
        event=event,
        criterion=criterion,
        title=TITLE,
        opens_at=now - dt.timedelta(minutes=5),
        closes_at=now + dt.timedelta(hours=2),
        minutes=30,
        attempts_allowed=1,
        shuffle_questions=True,
        shuffle_options=True,
        sections=[
            {"kind": "single", "occupation": OCCUPATION, "count": 4, "points": "10"},
            {"kind": "multiple", "occupation": OCCUPATION, "count": 2, "points": "10"},
            {"kind": "true_false", "occupation": OCCUPATION, "count": 2, "points": "10"},
            {"kind": "fill", "occupation": OCCUPATION, "count": 2, "points": "10"},
        ],
    )
    test = exams.make_ready(actor=actor, test=test)
    rng = random.Random("demo-online-test")
    entries = Registration.objects.filter(
        event=event, status=Registration.Status.APPROVED
    ).order_by("bib")
    sat = 0
    for n, registration in enumerate(entries):
        member = registration.members.filter(active=True).select_related("worker").first()
        if member is None or n % 7 == 6:  # one in seven never sits it
            continue
        attempt = attempts.start_attempt(worker=member.worker, test=test)
        level = min(max(rng.gauss(0.75, 0.12), 0.3), 1.0)
        for item in attempt.items.select_related("version__question"):
            given = _answer(rng, level, item.version.question.kind, item.version)
            attempts.save_answer(
                worker=member.worker, attempt=attempt, position=item.position, given=given
            )
        if n % 5 != 4:  # one in five runs past the deadline instead of handing in
            attempts.submit_attempt(worker=member.worker, attempt=attempt)
        sat += 1
    # The sitting took place two days ago: move the window and the attempts back.
    back = (test.closes_at - now) + dt.timedelta(days=2)
    OnlineTest.objects.filter(pk=test.pk).update(
        opens_at=F("opens_at") - back, closes_at=F("closes_at") - back
    )
    Attempt.objects.filter(test=test).update(
        started_at=F("started_at") - back,
        deadline=F("deadline") - back,
        submitted_at=F("submitted_at") - back,
    )
    result = grading.grade_test(test_id=test.pk)
    best = max(
        (a.score for a in Attempt.objects.filter(test=test) if a.score is not None),
        default=Decimal(0),
    )
    out.write(
        f"   online test: {TITLE}: {sat} sat, {result['marks']} T marks written"
        f" (best {best} of 100)"
    )
