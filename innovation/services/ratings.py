"""Writes of ratings: appoint reviewers, open a rating, the studio's self-assessment with
evidence, submit, review (criterion by criterion) and the grant of a level.

The flow: an officer of the rating union opens a rating (standard, level sought, year) →
the studio's leader (or an officer) fills each criterion with a statement, a link and files
→ submits → a reviewer rules each criterion met or not. All met: the level is granted (dated,
by the rating union). One not met: no level, the rating goes back to the studio to revise
and submit again. Every review is kept; a rating of another year is another rating.
"""

from __future__ import annotations

import datetime as dt
import os
import uuid
from collections.abc import Mapping
from urllib.parse import urlsplit

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from core.access import check, manages_union, require
from core.models import User
from innovation.access import assesses_rating, covers, manages_studio, may_review
from innovation.models.ratings import (
    MAX_EVIDENCE_FILES,
    EvidenceFile,
    Rating,
    RatingStandard,
    RatingStatus,
    Review,
    Reviewer,
    ReviewItem,
    SelfAssessment,
)
from innovation.models.studios import Studio, StudioLevel
from innovation.services.audit import record
from innovation.services.studios import grant_level
from innovation.services.work import bounded_text, clean_picture
from unions.models import Union

STATEMENT_MAX = 4000
COMMENT_MAX = 1000
LINK_MAX = 500
MAX_EVIDENCE_BYTES = 10 * 1024 * 1024
# Allowed evidence: extension → (content type, the file's first bytes).
EVIDENCE_TYPES = {
    ".pdf": ("application/pdf", (b"%PDF-",)),
    ".png": ("image/png", (b"\x89PNG\r\n\x1a\n",)),
    ".jpg": ("image/jpeg", (b"\xff\xd8\xff",)),
    ".jpeg": ("image/jpeg", (b"\xff\xd8\xff",)),
    ".docx": (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        (b"PK\x03\x04",),
    ),
    ".xlsx": (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        (b"PK\x03\x04",),
    ),
}
EDITABLE_STATUSES = (RatingStatus.OPEN, RatingStatus.REVISE)


def usable_standards(union: Union):
    """The active standards a union may rate by: the shared ones and those of its union or a
    union above it."""
    ancestors = [union.path[: i + 1] for i, c in enumerate(union.path) if c == "/" and i]
    return (
        RatingStandard.objects.filter(active=True)
        .filter(Q(union__isnull=True) | Q(union__path__in=ancestors))
        .order_by("id")
    )


def _reviewer_user(username: str, password: str) -> User:
    username = (username or "").strip()
    if not username or len(username) > 150:
        raise ValidationError({"username": _("Give a user name of at most 150 characters.")})
    user = User.objects.filter(username=username).first()
    if user is not None:
        return user
    if not password:
        raise ValidationError({"password": _("A new user needs an initial password.")})
    try:
        validate_password(password)
    except ValidationError as exc:
        raise ValidationError({"password": exc.messages}) from None
    return User.objects.create_user(username=username, password=password)


@transaction.atomic
def appoint_reviewer(
    *,
    actor: User,
    union: Union,
    name: str,
    user: User | None = None,
    username: str = "",
    password: str = "",
    expertise: str = "",
    reason: str = "",
) -> Reviewer:
    """Name a user a reviewer (评审专家) of `union`'s ratings (and of the unions below it):
    `user`, or the user called `username`, created with `password` when there is none."""
    require(manages_union(actor, union), _("Only officers of this union may appoint reviewers."))
    if user is None:
        user = _reviewer_user(username, password)
    name = bounded_text(name, field="name", limit=50)
    expertise = bounded_text(expertise, field="expertise", limit=100)
    if not name:
        raise ValidationError({"name": _("This field is required.")})
    reviewer, created = Reviewer.objects.get_or_create(
        user=user,
        union=union,
        defaults={"name": name, "expertise": expertise, "appointed_by": actor},
    )
    old = None if created else {"name": reviewer.name, "active": reviewer.active}
    if not created:
        reviewer.name, reviewer.expertise, reviewer.active = name, expertise, True
        reviewer.save(update_fields=["name", "expertise", "active"])
    record(
        actor=actor,
        union=union,
        action="reviewer.appoint",
        subject=name,
        old=old,
        new={"user": user.pk, "name": name, "expertise": expertise, "active": True},
        reason=reason,
    )
    return reviewer


@transaction.atomic
def set_reviewer_active(*, actor: User, reviewer: Reviewer, active: bool, reason: str = "") -> None:
    require(manages_union(actor, reviewer.union), _("This reviewer is outside your union."))
    if reviewer.active == active:
        return
    record(
        actor=actor,
        union=reviewer.union,
        action="reviewer.active",
        subject=reviewer.name,
        old={"active": reviewer.active},
        new={"active": active},
        reason=reason,
    )
    reviewer.active = active
    reviewer.save(update_fields=["active"])


@transaction.atomic
def open_rating(
    *,
    actor: User,
    studio: Studio,
    standard: RatingStandard,
    level_sought: str,
    year: int,
    union: Union | None = None,
    reason: str = "",
) -> Rating:
    """Open a rating of the studio: the rating union (the studio's or one above it) rates it
    against `standard` for `level_sought` in `year`; every criterion gets an empty
    self-assessment."""
    union = union or studio.union
    require(manages_union(actor, union), _("Only officers of the rating union may open a rating."))
    errors: dict[str, list[str]] = {}
    if not covers(union, studio.union):
        errors["union"] = [_("The rating union must be the studio's union or one above it.")]
    if level_sought not in StudioLevel.values:
        errors["level_sought"] = [_("Unknown level.")]
    if not isinstance(year, int) or not 2000 <= year <= timezone.localdate().year + 1:
        errors["year"] = [_("Give a year between 2000 and next year.")]
    if not errors.get("union") and not usable_standards(union).filter(pk=standard.pk).exists():
        errors["standard"] = [_("This standard is not in use for this union.")]
    if (
        not errors
        and Rating.objects.filter(
            studio=studio, standard=standard, year=year, level_sought=level_sought
        ).exists()
    ):
        errors["year"] = [_("The studio already has this rating for this year.")]
    if errors:
        raise ValidationError(errors)
    rating = Rating.objects.create(
        studio=studio,
        standard=standard,
        union=union,
        level_sought=level_sought,
        year=year,
        opened_by=actor,
    )
    SelfAssessment.objects.bulk_create(
        SelfAssessment(rating=rating, criterion=criterion) for criterion in standard.criteria.all()
    )
    record(
        actor=actor,
        union=union,
        studio=studio,
        action="rating.open",
        subject=str(rating),
        new={"standard": standard, "union": union, "level_sought": level_sought, "year": year},
        reason=reason,
    )
    return rating


def _locked(rating_id: int) -> Rating:
    """The rating as it stands now, locked until the write commits (a review cannot cross
    a change of the self-assessment)."""
    return (
        Rating.objects.select_for_update()
        .select_related("studio", "union", "standard")
        .get(pk=rating_id)
    )


def _editable(rating: Rating) -> None:
    if rating.status not in EDITABLE_STATUSES:
        raise ValidationError(_("This rating is not open for the studio's changes."))


def clean_link(value: str) -> str:
    link = bounded_text(value, field="link", limit=LINK_MAX)
    if not link:
        return ""
    parts = urlsplit(link)
    if parts.scheme not in ("http", "https") or not parts.netloc or any(c.isspace() for c in link):
        raise ValidationError({"link": _("Give a web address starting with http:// or https://.")})
    return link


@transaction.atomic
def save_assessment(
    *, actor: User, assessment: SelfAssessment, statement: str, link: str = ""
) -> SelfAssessment:
    rating = _locked(assessment.rating_id)
    check(assesses_rating, actor, rating)
    _editable(rating)
    statement = bounded_text(statement, field="statement", limit=STATEMENT_MAX, multiline=True)
    link = clean_link(link)
    old = {"statement": assessment.statement, "link": assessment.link}
    if old == {"statement": statement, "link": link}:
        return assessment
    assessment.statement, assessment.link, assessment.updated_by = statement, link, actor
    assessment.save(update_fields=["statement", "link", "updated_by", "updated_at"])
    record(
        actor=actor,
        union=rating.union,
        studio=rating.studio,
        action="assessment.save",
        subject=f"{rating} / {assessment.criterion.title}",
        old=old,
        new={"statement": statement, "link": link},
    )
    return assessment


def check_evidence_size(size: int) -> None:
    if size > MAX_EVIDENCE_BYTES:
        raise ValidationError(
            {"file": _("At most %(n)d MB a file.") % {"n": MAX_EVIDENCE_BYTES // (1024 * 1024)}}
        )


def clean_evidence(filename: str, data: bytes) -> tuple[str, str, bytes]:
    """(the file name to show, its content type, the bytes to keep), or a ValidationError on
    `file`. Pictures are kept as the app keeps every picture (work.clean_picture: a JPEG
    without EXIF); documents as sent, once their first bytes match their type."""
    name = os.path.basename((filename or "").replace("\\", "/")).strip()[:200] or "evidence"
    ext = os.path.splitext(name)[1].lower()
    if ext not in EVIDENCE_TYPES:
        raise ValidationError({"file": _("Evidence files are PDF, PNG, JPEG, DOCX or XLSX.")})
    if not data:
        raise ValidationError({"file": _("The file is empty.")})
    check_evidence_size(len(data))
    content_type, magics = EVIDENCE_TYPES[ext]
    if not data.startswith(magics):
        raise ValidationError({"file": _("The file's content does not match its type.")})
    if content_type.startswith("image/"):
        data = clean_picture(data, field="file")
        name = f"{os.path.splitext(name)[0][:195]}.jpg"
        content_type = "image/jpeg"
    return name, content_type, data


@transaction.atomic
def add_evidence(
    *, actor: User, assessment: SelfAssessment, filename: str, data: bytes
) -> EvidenceFile:
    rating = _locked(assessment.rating_id)
    check(assesses_rating, actor, rating)
    _editable(rating)
    name, content_type, data = clean_evidence(filename, data)
    if assessment.files.count() >= MAX_EVIDENCE_FILES:
        raise ValidationError(
            {"file": _("At most %(n)d files a criterion.") % {"n": MAX_EVIDENCE_FILES}}
        )
    ext = os.path.splitext(name)[1].lower()
    stored = default_storage.save(
        f"innovation/evidence/{rating.pk}/{uuid.uuid4().hex}{ext}", ContentFile(data)
    )
    # The file is written before its row: should the transaction fail, the file goes too.
    try:
        evidence = EvidenceFile.objects.create(
            assessment=assessment,
            filename=name,
            stored_name=stored,
            content_type=content_type,
            size=len(data),
            uploaded_by=actor,
        )
    except Exception:
        default_storage.delete(stored)
        raise
    record(
        actor=actor,
        union=rating.union,
        studio=rating.studio,
        action="evidence.add",
        subject=f"{rating} / {assessment.criterion.title}",
        new={"file": name, "size": len(data)},
    )
    return evidence


@transaction.atomic
def remove_evidence(*, actor: User, evidence: EvidenceFile) -> None:
    rating = _locked(evidence.assessment.rating_id)
    check(assesses_rating, actor, rating)
    _editable(rating)
    record(
        actor=actor,
        union=rating.union,
        studio=rating.studio,
        action="evidence.remove",
        subject=f"{rating} / {evidence.assessment.criterion.title}",
        old={"file": evidence.filename, "size": evidence.size},
    )
    stored = evidence.stored_name
    evidence.delete()
    transaction.on_commit(lambda: default_storage.delete(stored))


@transaction.atomic
def submit_rating(*, actor: User, rating: Rating) -> Rating:
    """Hand the self-assessment to the reviewers: every criterion needs a statement."""
    rating = _locked(rating.pk)
    check(assesses_rating, actor, rating)
    _editable(rating)
    empty = [
        a.criterion.title for a in rating.assessments.select_related("criterion") if not a.statement
    ]
    if empty:
        raise ValidationError(
            _("Describe every criterion before submitting: %(names)s.")
            % {"names": "、".join(empty)}
        )
    old = rating.status
    rating.status, rating.submitted_at = RatingStatus.SUBMITTED, timezone.now()
    rating.save(update_fields=["status", "submitted_at"])
    record(
        actor=actor,
        union=rating.union,
        studio=rating.studio,
        action="rating.submit",
        subject=str(rating),
        old={"status": old},
        new={"status": rating.status},
    )
    return rating


@transaction.atomic
def review_rating(
    *,
    actor: User,
    rating: Rating,
    verdicts: Mapping[int, tuple[bool, str]],
    comments: str = "",
    granted_on: dt.date | None = None,
) -> Review:
    """Rule every criterion of the standard met or not (`verdicts`: criterion id → (met,
    comment)). All met: the level sought is granted on `granted_on` (today) by the rating
    union. Any not met: no level; the rating returns to the studio to revise."""
    rating = _locked(rating.pk)
    check(may_review, actor, rating)
    if rating.status != RatingStatus.SUBMITTED:
        raise ValidationError(_("Only a submitted rating can be reviewed."))
    criteria = list(rating.standard.criteria.all())
    missing = [c.title for c in criteria if c.pk not in verdicts]
    if missing:
        raise ValidationError(
            {"verdicts": _("Rule on every criterion: %(names)s.") % {"names": "、".join(missing)}}
        )
    comments = bounded_text(comments, field="comments", limit=STATEMENT_MAX, multiline=True)
    items = []
    for criterion in criteria:
        met, comment = verdicts[criterion.pk]
        items.append(
            (criterion, bool(met), bounded_text(comment, field="verdicts", limit=COMMENT_MAX))
        )
    all_met = all(met for _c, met, _t in items)
    reviewer_post = next(
        (
            post
            for post in actor.studio_reviewer_posts.filter(active=True).select_related("union")
            if covers(post.union, rating.union)
        ),
        None,
    )
    review = Review.objects.create(
        rating=rating,
        reviewer=actor,
        reviewer_name=reviewer_post.name if reviewer_post else actor.get_username(),
        all_met=all_met,
        comments=comments,
    )
    ReviewItem.objects.bulk_create(
        ReviewItem(review=review, criterion=c, met=met, comment=text) for c, met, text in items
    )
    old = rating.status
    rating.status = RatingStatus.GRANTED if all_met else RatingStatus.REVISE
    rating.save(update_fields=["status"])
    record(
        actor=actor,
        union=rating.union,
        studio=rating.studio,
        action="rating.review",
        subject=str(rating),
        old={"status": old},
        new={
            "status": rating.status,
            "unmet": [c.title for c, met, _t in items if not met],
            "comments": comments,
        },
    )
    if all_met:
        grant_level(
            actor=actor,
            studio=rating.studio,
            level=rating.level_sought,
            union=rating.union,
            granted_on=granted_on or timezone.localdate(),
            rating=rating,
            reason=_("Every criterion of %(standard)s met.") % {"standard": rating.standard.name},
        )
    return review


@transaction.atomic
def close_rating(*, actor: User, rating: Rating, reason: str) -> None:
    """Withdraw a rating that will not be completed (the history stays)."""
    check(manages_studio, actor, rating.studio)
    require(manages_union(actor, rating.union), _("Only officers of the rating union may do this."))
    if rating.status == RatingStatus.GRANTED:
        raise ValidationError(_("A granted rating stays as it is."))
    reason = bounded_text(reason, field="reason", limit=500, multiline=True)
    if not reason:
        raise ValidationError({"reason": _("Give a reason.")})
    record(
        actor=actor,
        union=rating.union,
        studio=rating.studio,
        action="rating.close",
        subject=str(rating),
        old={"status": rating.status},
        new={"status": RatingStatus.CLOSED},
        reason=reason,
    )
    rating.status = RatingStatus.CLOSED
    rating.save(update_fields=["status"])
