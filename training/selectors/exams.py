"""Reads of online tests: the questions a section may draw, a taker's tests and items (never
the key before grading), an officer's live progress and item statistics."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from contests.models import Registration
from scoring import quiz
from training.models import Attempt, AttemptItem, OnlineTest, QuestionVersion, TestSection
from training.selectors.bank import questions_for


def section_pool(section: TestSection) -> QuerySet[QuestionVersion]:
    """The versions a section may draw: visible to the host union, filtered by category."""
    return questions_for(
        section.test.event.contest.host_union,
        occupation=section.occupation or None,
        skill_grade=section.skill_grade or None,
        topic=section.topic or None,
        kind=section.kind or None,
    )


def approved_registration(worker, event) -> Registration | None:
    if worker is None:
        return None
    return (
        Registration.objects.filter(
            event=event,
            status=Registration.Status.APPROVED,
            members__worker=worker,
            members__active=True,
        )
        .order_by("id")
        .first()
    )


def tests_for_worker(worker) -> QuerySet[OnlineTest]:
    """Ready or graded tests of events the worker is an approved entrant of."""
    if worker is None:
        return OnlineTest.objects.none()
    events = Registration.objects.filter(
        status=Registration.Status.APPROVED, members__worker=worker, members__active=True
    ).values("event_id")
    return (
        OnlineTest.objects.filter(event_id__in=events)
        .exclude(status=OnlineTest.Status.DRAFT)
        .select_related("event", "event__contest")
        .order_by("-opens_at", "id")
    )


def attempts_of(worker, test: OnlineTest) -> QuerySet[Attempt]:
    return Attempt.objects.filter(
        test=test, registration__members__worker=worker, registration__members__active=True
    ).order_by("number")


def is_open(test: OnlineTest, now=None) -> bool:
    now = now or timezone.now()
    return test.status == OnlineTest.Status.READY and test.opens_at <= now < test.closes_at


def has_ended(attempt: Attempt, now=None) -> bool:
    """Submitted, or past its deadline whatever the browser does."""
    now = now or timezone.now()
    return attempt.state != Attempt.State.STARTED or now >= attempt.deadline


def shown_state(attempt: Attempt, now=None) -> str:
    if attempt.state == Attempt.State.STARTED and has_ended(attempt, now):
        return Attempt.State.EXPIRED
    return attempt.state


def question_count(test: OnlineTest) -> int:
    return sum(s.count for s in test.sections.all())


def possible_points(test: OnlineTest) -> Decimal:
    return sum((s.count * s.points for s in test.sections.all()), Decimal(0))


def key_released(attempt: Attempt) -> bool:
    """The answer key is shown only once the attempt is over and its test graded."""
    return attempt.test.status == OnlineTest.Status.GRADED and attempt.state != (
        Attempt.State.STARTED
    )


def items_for_taker(attempt: Attempt) -> list[dict]:
    """The attempt's items as the taker sees them: stem, options in the attempt's order, the
    answer given. Key and explanation only once `key_released`."""
    release = key_released(attempt)
    rows = []
    for item in attempt.items.select_related("version", "version__question"):
        version = item.version
        by_key = {o.get("key"): o.get("text", "") for o in version.options or []}
        order = item.option_order or list(by_key)
        row = {
            "position": item.position,
            "kind": version.question.kind,
            "stem": version.stem,
            "options": [{"key": k, "text": by_key[k]} for k in order if k in by_key],
            "points": item.points,
            "given": item.given,
        }
        if release:
            row["answer"] = version.answer
            row["explanation"] = version.explanation
            row["score"] = item.score
        rows.append(row)
    return rows


def progress(test: OnlineTest, now=None) -> dict:
    """Live progress: entrants, started, submitted (or ended), still running, not started."""
    now = now or timezone.now()
    entrants = Registration.objects.filter(
        event_id=test.event_id, status=Registration.Status.APPROVED
    ).count()
    attempts = Attempt.objects.filter(test=test)
    started = attempts.values("registration_id").distinct().count()
    running = attempts.filter(state=Attempt.State.STARTED, deadline__gt=now).count()
    ended = attempts.exclude(state=Attempt.State.STARTED, deadline__gt=now)
    return {
        "entrants": entrants,
        "started": started,
        "running": running,
        "submitted": ended.filter(state=Attempt.State.SUBMITTED).count(),
        "expired": ended.exclude(state=Attempt.State.SUBMITTED).count(),
        "not_started": max(entrants - started, 0),
    }


def criterion_mark(earned: Decimal, possible: Decimal, criterion) -> Decimal:
    """A test score as the criterion's mark: scaled to its maximum (scoring.quiz.scale), to
    its step if it has one, within 0 and the maximum."""
    value = quiz.scale(earned, possible, criterion.max_mark)
    if criterion.step:
        steps = (value / criterion.step).quantize(Decimal(1), ROUND_HALF_UP)
        value = steps * criterion.step
    return min(max(value, Decimal(0)), criterion.max_mark).quantize(quiz.CENT)


def scores(test: OnlineTest) -> list[dict]:
    """Best score per registration (bib only: officers may see names elsewhere): its points
    and the criterion's mark they make (what grading wrote)."""
    best: dict[int, dict] = {}
    for a in Attempt.objects.filter(test=test, score__isnull=False).select_related("registration"):
        row = best.get(a.registration_id)
        if row is None or a.score > row["score"]:
            best[a.registration_id] = {
                "registration": a.registration_id,
                "bib": a.registration.bib,
                "score": a.score,
                "attempt": a.number,
            }
    possible = possible_points(test)
    for row in best.values():
        row["mark"] = criterion_mark(row["score"], possible, test.criterion)
    return sorted(best.values(), key=lambda r: (-r["score"], r["bib"] or 0))


GROUP = Decimal("0.27")
LOW_FACILITY = Decimal("0.20")
HIGH_FACILITY = Decimal("0.95")
LOW_DISCRIMINATION = Decimal("0.20")


def item_statistics(test: OnlineTest) -> list[dict]:
    """Per question: facility (share of takers right in full) and discrimination (facility in
    the upper 27 % of attempts by score minus that in the lower 27 %), with a flag for
    questions too hard, too easy or not separating strong from weak takers."""
    graded = list(
        Attempt.objects.filter(test=test, score__isnull=False)
        .order_by("-score", "id")
        .values_list("id", flat=True)
    )
    n = len(graded)
    size = max(int((GROUP * n).to_integral_value()), 1) if n else 0
    upper, lower = set(graded[:size]), set(graded[-size:]) if size else set()
    stats: dict[int, dict] = {}
    items = AttemptItem.objects.filter(attempt_id__in=graded).values_list(
        "attempt_id", "version__question_id", "version_id", "version__stem", "points", "score"
    )
    for attempt_id, question_id, version_id, stem, points, score in items.iterator():
        row = stats.setdefault(
            question_id,
            {
                "question": question_id,
                "version": version_id,
                "stem": stem,
                "n": 0,
                "right": 0,
                "up_n": 0,
                "up_right": 0,
                "low_n": 0,
                "low_right": 0,
            },
        )
        right = score is not None and points and score >= points
        row["n"] += 1
        row["right"] += bool(right)
        if attempt_id in upper:
            row["up_n"] += 1
            row["up_right"] += bool(right)
        if attempt_id in lower:
            row["low_n"] += 1
            row["low_right"] += bool(right)
    out = []
    for row in stats.values():
        facility = Decimal(row["right"]) / row["n"] if row["n"] else Decimal(0)
        up = Decimal(row["up_right"]) / row["up_n"] if row["up_n"] else Decimal(0)
        low = Decimal(row["low_right"]) / row["low_n"] if row["low_n"] else Decimal(0)
        discrimination = up - low
        flags = []
        if facility < LOW_FACILITY:
            flags.append("hard")
        if facility > HIGH_FACILITY:
            flags.append("easy")
        if n >= 4 and discrimination < LOW_DISCRIMINATION:
            flags.append("weak")
        out.append(
            {
                "question": row["question"],
                "version": row["version"],
                "stem": row["stem"],
                "answers": row["n"],
                "facility": facility.quantize(Decimal("0.01")),
                "discrimination": discrimination.quantize(Decimal("0.01")),
                "flags": flags,
            }
        )
    out.sort(key=lambda r: (not r["flags"], r["discrimination"], r["question"]))
    return out


def counts_by_test(tests) -> dict[int, int]:
    return dict(
        Attempt.objects.filter(test__in=tests)
        .values("test_id")
        .annotate(n=Count("id", filter=Q(state=Attempt.State.SUBMITTED)))
        .values_list("test_id", "n")
    )
