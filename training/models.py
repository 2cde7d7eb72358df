"""Online practice (网上练兵) and online theory tests.

A question keeps its identity (`Question`) while its wording and key change by versions
(`QuestionVersion`): practice answers and test items point at the version they were given, so
editing a question never changes how a finished test was graded. A regrade after a correction
moves a test's items to the corrected version explicitly (services, audited).

Answer keys (`QuestionVersion.answer`) stay on the server until an attempt is submitted.
"""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from contests.models import Event, Registration
from core.models import User
from core.scope import RestrictQuerySet
from judging.models import Criterion
from unions.models import Union
from workers.models import SkillGrade, Worker


class QuestionKind(models.TextChoices):
    SINGLE = "single", _("single choice")
    MULTIPLE = "multiple", _("multiple choice")
    TRUE_FALSE = "true_false", _("true or false")
    FILL = "fill", _("fill in the blank")


class Question(models.Model):
    """A question of a union's bank, shared down its subtree; its text lives in versions."""

    union = models.ForeignKey(
        Union, on_delete=models.PROTECT, related_name="questions", verbose_name=_("union")
    )
    kind = models.CharField(_("question type"), max_length=12, choices=QuestionKind)
    current = models.OneToOneField(
        "QuestionVersion",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("current version"),
    )
    active = models.BooleanField(_("in use"), default=True)
    created_by = models.ForeignKey(
        User, null=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("created by")
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = RestrictQuerySet.as_manager()

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["id"]


class QuestionVersion(models.Model):
    """One wording of a question. `options` is a list of {"key": "A", "text": …} (choice kinds;
    true/false has none); `answer` is a list of option keys (single: one, multiple: several),
    [true] or [false] for true/false, and the accepted strings for fill-in."""

    question = models.ForeignKey(
        Question, on_delete=models.CASCADE, related_name="versions", verbose_name=_("question")
    )
    number = models.PositiveIntegerField(_("version"), default=1)
    stem = models.TextField(_("question text"), max_length=4000)
    options = models.JSONField(_("options"), default=list, blank=True)
    answer = models.JSONField(_("answer"), default=list)
    explanation = models.TextField(_("explanation"), max_length=4000, blank=True)
    difficulty = models.PositiveSmallIntegerField(
        _("difficulty"), default=3, validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    occupation = models.CharField(_("occupation"), max_length=100, blank=True, db_index=True)
    skill_grade = models.PositiveSmallIntegerField(
        _("skill grade"), choices=SkillGrade, null=True, blank=True
    )
    topic = models.CharField(pgettext_lazy("question", "topic"), max_length=100, blank=True)
    created_by = models.ForeignKey(
        User, null=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("created by")
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("question version")
        verbose_name_plural = _("question versions")
        ordering = ["question_id", "number"]
        constraints = [
            models.UniqueConstraint(fields=["question", "number"], name="question_version_unique")
        ]


class PracticeAnswer(models.Model):
    """One answer given in practice (immediate feedback; feeds the participation counts)."""

    worker = models.ForeignKey(
        Worker, on_delete=models.CASCADE, related_name="practice_answers", verbose_name=_("worker")
    )
    version = models.ForeignKey(
        QuestionVersion, on_delete=models.CASCADE, related_name="+", verbose_name=_("question")
    )
    given = models.JSONField(_("answer given"), default=list)
    correct = models.BooleanField(_("correct"))
    answered_at = models.DateTimeField(_("answered at"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("practice answer")
        verbose_name_plural = _("practice answers")
        indexes = [models.Index(fields=["worker", "answered_at"], name="practice_worker_time")]


class WrongAnswer(models.Model):
    """The wrong-answer notebook (错题本): a question stays until answered right again."""

    worker = models.ForeignKey(
        Worker, on_delete=models.CASCADE, related_name="wrong_answers", verbose_name=_("worker")
    )
    question = models.ForeignKey(
        Question, on_delete=models.CASCADE, related_name="+", verbose_name=_("question")
    )
    added_at = models.DateTimeField(_("added at"), auto_now_add=True)
    times_wrong = models.PositiveIntegerField(_("times answered wrong"), default=1)

    class Meta:
        verbose_name = _("wrong-answer notebook entry")
        verbose_name_plural = _("wrong-answer notebook")
        constraints = [
            models.UniqueConstraint(fields=["worker", "question"], name="one_wrong_entry")
        ]


class OnlineTestQuerySet(RestrictQuerySet):
    scope_path = "event__contest__host_union__path"


class OnlineTest(models.Model):
    """An online theory test of an event: its score fills one measurement criterion."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        READY = "ready", _("ready")
        GRADED = "graded", _("graded")

    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="online_tests", verbose_name=_("event")
    )
    criterion = models.ForeignKey(
        Criterion, on_delete=models.PROTECT, related_name="+", verbose_name=_("criterion")
    )
    title = models.CharField(_("title"), max_length=200)
    opens_at = models.DateTimeField(_("opens at"))
    closes_at = models.DateTimeField(_("closes at"))
    minutes = models.PositiveSmallIntegerField(
        _("time limit (minutes)"), validators=[MinValueValidator(1), MaxValueValidator(600)]
    )
    attempts_allowed = models.PositiveSmallIntegerField(
        _("attempts allowed"), default=1, validators=[MinValueValidator(1), MaxValueValidator(10)]
    )
    shuffle_questions = models.BooleanField(_("shuffle questions"), default=True)
    shuffle_options = models.BooleanField(_("shuffle options"), default=True)
    status = models.CharField(_("status"), max_length=8, choices=Status, default=Status.DRAFT)
    graded_at = models.DateTimeField(_("graded at"), null=True, blank=True)
    created_by = models.ForeignKey(
        User, null=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("created by")
    )

    objects = OnlineTestQuerySet.as_manager()

    class Meta:
        verbose_name = _("online test")
        verbose_name_plural = _("online tests")
        ordering = ["opens_at", "id"]


class TestSection(models.Model):
    """How many questions of which category a test draws, and their points each."""

    test = models.ForeignKey(
        OnlineTest, on_delete=models.CASCADE, related_name="sections", verbose_name=_("test")
    )
    occupation = models.CharField(_("occupation"), max_length=100, blank=True)
    skill_grade = models.PositiveSmallIntegerField(
        _("skill grade"), choices=SkillGrade, null=True, blank=True
    )
    topic = models.CharField(pgettext_lazy("question", "topic"), max_length=100, blank=True)
    kind = models.CharField(_("question type"), max_length=12, choices=QuestionKind, blank=True)
    count = models.PositiveSmallIntegerField(
        _("questions"), validators=[MinValueValidator(1), MaxValueValidator(500)]
    )
    points = models.DecimalField(
        _("points each"),
        max_digits=6,
        decimal_places=2,
        validators=[MinValueValidator(0), MaxValueValidator(1000)],
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("test section")
        verbose_name_plural = _("test sections")
        ordering = ["test_id", "position", "id"]


class Attempt(models.Model):
    """One sitting of a test by an approved entrant; the deadline is the server's."""

    class State(models.TextChoices):
        STARTED = "started", _("in progress")
        SUBMITTED = "submitted", _("submitted")
        EXPIRED = "expired", _("ended at the deadline")

    test = models.ForeignKey(
        OnlineTest, on_delete=models.CASCADE, related_name="attempts", verbose_name=_("test")
    )
    registration = models.ForeignKey(
        Registration, on_delete=models.CASCADE, related_name="+", verbose_name=_("registration")
    )
    number = models.PositiveSmallIntegerField(_("attempt"), default=1)
    started_at = models.DateTimeField(_("started at"), auto_now_add=True)
    deadline = models.DateTimeField(_("deadline"))
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    state = models.CharField(_("state"), max_length=10, choices=State, default=State.STARTED)
    score = models.DecimalField(_("score"), max_digits=8, decimal_places=2, null=True, blank=True)

    class Meta:
        verbose_name = _("attempt")
        verbose_name_plural = _("attempts")
        constraints = [
            models.UniqueConstraint(
                fields=["test", "registration", "number"], name="one_attempt_number"
            )
        ]


class AttemptItem(models.Model):
    """A question as one attempt shows it: its version, its place and its option order."""

    # No index of its own: one_item_per_position (attempt, position) serves every lookup by
    # attempt, and one index fewer is one write fewer per save that cannot be HOT.
    attempt = models.ForeignKey(
        Attempt,
        on_delete=models.CASCADE,
        related_name="items",
        verbose_name=_("attempt"),
        db_index=False,
    )
    position = models.PositiveSmallIntegerField(_("position"))
    version = models.ForeignKey(
        QuestionVersion, on_delete=models.PROTECT, related_name="+", verbose_name=_("question")
    )
    option_order = models.JSONField(_("option order"), default=list, blank=True)
    points = models.DecimalField(_("points"), max_digits=6, decimal_places=2)
    given = models.JSONField(_("answer given"), null=True, blank=True)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    score = models.DecimalField(_("score"), max_digits=6, decimal_places=2, null=True, blank=True)

    class Meta:
        verbose_name = _("attempt item")
        verbose_name_plural = _("attempt items")
        ordering = ["attempt_id", "position"]
        constraints = [
            models.UniqueConstraint(fields=["attempt", "position"], name="one_item_per_position")
        ]


# --- exams: the audit of a regrade ---------------------------------------------------------


class Regrade(models.Model):
    """A test's items of one question moved to a corrected version, and why (audit)."""

    test = models.ForeignKey(
        OnlineTest, on_delete=models.CASCADE, related_name="regrades", verbose_name=_("test")
    )
    question = models.ForeignKey(
        Question, on_delete=models.CASCADE, related_name="+", verbose_name=_("question")
    )
    old_version = models.ForeignKey(
        QuestionVersion, on_delete=models.PROTECT, related_name="+", verbose_name=_("old version")
    )
    new_version = models.ForeignKey(
        QuestionVersion, on_delete=models.PROTECT, related_name="+", verbose_name=_("new version")
    )
    items = models.PositiveIntegerField(_("items moved"), default=0)
    actor = models.ForeignKey(
        User, null=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("actor")
    )
    reason = models.CharField(_("reason"), max_length=500)
    at = models.DateTimeField(_("at"), auto_now_add=True)

    class Meta:
        verbose_name = _("regrade")
        verbose_name_plural = _("regrades")
        ordering = ["id"]


# --- practice (练兵): the question a worker is on, so reopening the page resumes ---------------


class PracticeSession(models.Model):
    """The question a worker is practising now and the category they chose: reopening the page
    (or the app) shows the same question until it is answered."""

    worker = models.OneToOneField(
        Worker, on_delete=models.CASCADE, related_name="practice_session", verbose_name=_("worker")
    )
    occupation = models.CharField(_("occupation"), max_length=100, blank=True)
    skill_grade = models.PositiveSmallIntegerField(
        _("skill grade"), choices=SkillGrade, null=True, blank=True
    )
    topic = models.CharField(pgettext_lazy("question", "topic"), max_length=100, blank=True)
    review = models.BooleanField(_("reviewing the wrong-answer notebook"), default=False)
    version = models.ForeignKey(
        QuestionVersion,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("current question"),
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("practice session")
        verbose_name_plural = _("practice sessions")


# --- bank imports: an uploaded file waiting for (or done with) its import task ------------


class QuestionImportQuerySet(RestrictQuerySet):
    scope_path = "union__path"


class QuestionImport(models.Model):
    """An uploaded question file (spreadsheet or Moodle XML) and its import task. The file is
    kept in the database so whichever worker process takes the task can read it (dropped once
    imported); `task` holds state, progress and the per-row report."""

    task = models.OneToOneField(
        "core.TaskRecord", on_delete=models.CASCADE, related_name="question_import"
    )
    union = models.ForeignKey(
        Union, on_delete=models.PROTECT, related_name="+", verbose_name=_("union")
    )
    filename = models.CharField(_("file name"), max_length=255)
    data = models.BinaryField()
    skip_invalid = models.BooleanField(_("import the good rows, skip bad ones"), default=False)
    created_by = models.ForeignKey(
        User, null=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("created by")
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = QuestionImportQuerySet.as_manager()

    class Meta:
        verbose_name = _("question import")
        verbose_name_plural = _("question imports")
        ordering = ["-created_at"]
