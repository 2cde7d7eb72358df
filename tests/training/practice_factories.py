"""Questions for the practice tests (the bank helper's factories may replace these)."""

from __future__ import annotations

from training.models import Question, QuestionVersion


def make_question(
    union,
    *,
    kind="single",
    answer=("B",),
    stem="焊接时应佩戴什么?",
    options=None,
    occupation="焊工",
    topic="安全",
    skill_grade=None,
    explanation="佩戴防护面罩。",
    active=True,
) -> QuestionVersion:
    if options is None:
        options = (
            []
            if kind in ("true_false", "fill")
            else [{"key": k, "text": f"选项{k}"} for k in "ABCD"]
        )
    question = Question.objects.create(union=union, kind=kind, active=active)
    version = QuestionVersion.objects.create(
        question=question,
        stem=stem,
        options=options,
        answer=list(answer),
        explanation=explanation,
        occupation=occupation,
        topic=topic,
        skill_grade=skill_grade,
    )
    question.current = version
    question.save(update_fields=["current"])
    return version
