"""Writes of posts: write and edit (officers and correspondents), submit, return with a
reason, publish now or from a time (scheduled), withdraw; add and remove images.

Every write checks permission first (showcase.access), runs in one transaction with the post
row locked, and leaves a PostLog row: who, what, the status before and after, the reason and
what changed. Bodies are cleaned with nh3 (showcase.sanitise) before they are stored.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from contests.models import Achievement, Contest, ContestSeries
from core.access import check, manages_union, require
from core.models import User
from innovation.models import InnovationResult
from scoring import hot
from showcase import images as image_processing
from showcase.access import edits_post, is_correspondent, reviews_post
from showcase.models import Post, PostAction, PostImage, PostKind, PostLog, PostStatus
from showcase.sanitise import BODY_MAX, clean_html, plain_text
from showcase.selectors import feed_cache
from unions.models import Employer, Union

TITLE_MAX = 200
REASON_MAX = 2000
IMAGES_MAX = 9
SCHEDULE_MAX_DAYS = 366
CONTENT_FIELDS = (
    "kind", "title", "body", "employer", "series", "contest", "achievement", "innovation_result",
)  # fmt: skip


def _log(post: Post, actor: User, action: str, old: str, *, reason: str = "", details=None):
    PostLog.objects.create(
        post=post,
        actor=actor,
        action=action,
        old_status=old,
        new_status=post.status,
        reason=reason,
        details=details or {},
    )


def clean_post(
    *,
    kind: str,
    title: str,
    body: str,
    employer: Employer | None = None,
    series: ContestSeries | None = None,
    contest: Contest | None = None,
    achievement: Achievement | None = None,
    innovation_result: InnovationResult | None = None,
) -> dict[str, Any]:
    """The post's content fields cleaned, or ValidationError({field: [messages]})."""
    errors: dict[str, list[str]] = {}
    if kind not in PostKind.values:
        errors.setdefault("kind", []).append(_("Unknown kind of post."))
    title = " ".join(str(title or "").split())
    if not title:
        errors.setdefault("title", []).append(_("This field is required."))
    elif len(title) > TITLE_MAX:
        errors.setdefault("title", []).append(_("At most %(n)d characters.") % {"n": TITLE_MAX})
    body = str(body or "")
    if len(body) > BODY_MAX:
        errors.setdefault("body", []).append(_("At most %(n)d characters.") % {"n": BODY_MAX})
        body = ""
    body = clean_html(body)
    if not errors.get("body") and not plain_text(body):
        errors.setdefault("body", []).append(_("This field is required."))
    if kind == PostKind.ACHIEVEMENT:
        if achievement is None and innovation_result is None:
            errors.setdefault("achievement", []).append(
                _("A contest-achievement post shows an achievement entry or an innovation result.")
            )
    elif achievement is not None or innovation_result is not None:
        errors.setdefault("achievement", []).append(
            _("Only a contest-achievement post links an achievement or an innovation result.")
        )
    if contest is not None:
        if series is None:
            series = contest.series
        elif contest.series_id != series.pk:
            errors.setdefault("contest", []).append(_("The contest is not of this series."))
    if errors:
        raise ValidationError(errors)
    return {
        "kind": kind,
        "title": title,
        "body": body,
        "employer": employer,
        "series": series,
        "contest": contest,
        "achievement": achievement,
        "innovation_result": innovation_result,
    }


def _owner_union(actor: User, employer: Employer | None, union: Union | None) -> Union:
    """The union that reviews the post: the unit's union, else the officer's chosen union."""
    if employer is not None:
        if manages_union(actor, employer.union) or is_correspondent(actor, employer):
            return employer.union
        require(False, is_correspondent.denial)
    require(union is not None and manages_union(actor, union), reviews_post.denial)
    return union


def _check_links(union: Union, fields: dict[str, Any]) -> None:
    """An achievement or innovation result shown by a post is one of the union's subtree; the
    contest is announced (not a draft: a draft is not public yet). Any public contest may be
    written about: a unit's workers enter other unions' contests across the series."""
    contest = fields["contest"]
    if contest is not None and contest.status == Contest.Status.DRAFT:
        raise ValidationError({"contest": _("This contest is not announced yet.")})
    achievement, result = fields["achievement"], fields["innovation_result"]
    if achievement is not None and not achievement.employer.union.path.startswith(union.path):
        raise ValidationError({"achievement": _("This achievement is not of your union.")})
    if result is not None and not result.studio.union.path.startswith(union.path):
        raise ValidationError({"innovation_result": _("This result is not of your union.")})


def create_post(*, actor: User, union: Union | None = None, **content) -> Post:
    """A draft post. A correspondent names their unit; an officer a unit or a union of theirs."""
    union = _owner_union(actor, content.get("employer"), union)
    fields = clean_post(**content)
    _check_links(union, fields)
    with transaction.atomic():
        post = Post.objects.create(
            union=union,
            region=(fields["employer"].region if fields["employer"] else union.region),
            author=actor,
            status=PostStatus.DRAFT,
            **fields,
        )
        _log(post, actor, PostAction.CREATE, "", details={"title": post.title})
    return post


def _locked(post: Post) -> Post:
    return (
        Post.objects.select_for_update(of=("self",))
        .select_related("union", "employer")
        .get(pk=post.pk)
    )


def _label(value) -> Any:
    return getattr(value, "pk", value)


def update_post(*, actor: User, post: Post, **content) -> Post:
    """Change the content of a draft, returned (or, for officers, submitted) post."""
    check(edits_post, actor, post)
    employer = content.get("employer", post.employer)
    if employer is not None and employer.pk != post.employer_id:
        _owner_union(actor, employer, None)
    fields = clean_post(**{name: content.get(name, getattr(post, name)) for name in CONTENT_FIELDS})
    _check_links(employer.union if employer else post.union, fields)
    with transaction.atomic():
        post = _locked(post)
        check(edits_post, actor, post)
        changes = {
            name: [str(_label(getattr(post, name))), str(_label(value))]
            for name, value in fields.items()
            if _label(getattr(post, name)) != _label(value)
        }
        if not changes:
            return post
        for name, value in fields.items():
            setattr(post, name, value)
        if "employer" in changes:
            post.union = employer.union if employer else post.union
            post.region = employer.region if employer else post.union.region
        post.save()
        if "body" in changes:
            changes["body"] = [len(changes["body"][0]), len(changes["body"][1])]  # lengths only
        _log(post, actor, PostAction.EDIT, post.status, details=changes)
    return post


def submit_post(*, actor: User, post: Post) -> Post:
    """A draft or returned post goes to the union's officers for review."""
    check(edits_post, actor, post)
    with transaction.atomic():
        post = _locked(post)
        check(edits_post, actor, post)
        if post.status not in (PostStatus.DRAFT, PostStatus.RETURNED):
            raise ValidationError(_("Only a draft or a returned post can be submitted."))
        old = post.status
        post.status = PostStatus.SUBMITTED
        post.submitted_at = timezone.now()
        post.save(update_fields=["status", "submitted_at", "updated_at"])
        _log(post, actor, PostAction.SUBMIT, old)
    return post


def return_post(*, actor: User, post: Post, reason: str) -> Post:
    """A submitted post goes back to its author, with the reason they will read."""
    check(reviews_post, actor, post)
    reason = str(reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Say why the post is returned.")})
    if len(reason) > REASON_MAX:
        raise ValidationError({"reason": _("At most %(n)d characters.") % {"n": REASON_MAX}})
    with transaction.atomic():
        post = _locked(post)
        if post.status != PostStatus.SUBMITTED:
            raise ValidationError(_("Only a submitted post can be returned."))
        post.status = PostStatus.RETURNED
        post.return_reason = reason
        post.reviewed_by = actor
        post.save(update_fields=["status", "return_reason", "reviewed_by", "updated_at"])
        _log(post, actor, PostAction.RETURN, PostStatus.SUBMITTED, reason=reason)
    return post


def publish_post(*, actor: User, post: Post, publish_at: dt.datetime | None = None) -> Post:
    """Publish a submitted post (or an officer's own draft) now, or from `publish_at` on: the
    post is in every public list from that time, in the hot order by its score from then."""
    check(reviews_post, actor, post)
    now = timezone.now()
    if publish_at is not None:
        if timezone.is_naive(publish_at):
            raise ValidationError({"publish_at": _("Give a time with its time zone.")})
        if publish_at > now + dt.timedelta(days=SCHEDULE_MAX_DAYS):
            raise ValidationError({"publish_at": _("At most a year ahead.")})
        publish_at = max(publish_at, now)
    with transaction.atomic():
        post = _locked(post)
        allowed = (PostStatus.SUBMITTED, PostStatus.DRAFT, PostStatus.RETURNED)
        if post.status not in allowed:
            raise ValidationError(_("This post cannot be published now."))
        if post.status != PostStatus.SUBMITTED and post.author_id != actor.pk:
            raise ValidationError(_("A correspondent's post is published once submitted."))
        old = post.status
        post.status = PostStatus.PUBLISHED
        post.publish_at = publish_at
        post.published_at = publish_at or now
        post.reviewed_by = actor
        post.return_reason = ""
        post.hot_base = hot.time_part(post.published_at)
        post.hot_score = hot.like_part(post.like_count) + post.hot_base
        post.save(
            update_fields=[
                "status", "publish_at", "published_at", "reviewed_by", "return_reason",
                "hot_score", "hot_base", "updated_at",
            ]
        )  # fmt: skip
        details = {"publish_at": publish_at.isoformat()} if publish_at else {}
        _log(post, actor, PostAction.PUBLISH, old, details=details)
        transaction.on_commit(feed_cache.invalidate)
    return post


def withdraw_post(*, actor: User, post: Post, reason: str) -> Post:
    """Take a published (or scheduled) post off the public pages, with the reason."""
    check(reviews_post, actor, post)
    reason = str(reason or "").strip()[:REASON_MAX]
    if not reason:
        raise ValidationError({"reason": _("Say why the post is withdrawn.")})
    with transaction.atomic():
        post = _locked(post)
        if post.status != PostStatus.PUBLISHED:
            raise ValidationError(_("Only a published post can be withdrawn."))
        post.status = PostStatus.WITHDRAWN
        post.save(update_fields=["status", "updated_at"])
        _log(post, actor, PostAction.WITHDRAW, PostStatus.PUBLISHED, reason=reason)
        transaction.on_commit(feed_cache.invalidate)
    return post


def add_image(*, actor: User, post: Post, upload) -> PostImage:
    """Resize, strip and store an image of a post its editor may change."""
    check(edits_post, actor, post)
    if post.images.count() >= IMAGES_MAX:
        raise ValidationError({"image": _("At most %(n)d images a post.") % {"n": IMAGES_MAX}})
    processed = image_processing.process(upload)
    name = default_storage.save(
        f"showcase/{post.pk}/{uuid.uuid4().hex}.jpg", ContentFile(processed.content)
    )
    try:
        with transaction.atomic():
            post = _locked(post)
            check(edits_post, actor, post)
            position = post.images.count()
            image = PostImage.objects.create(
                post=post,
                name=name,
                width=processed.width,
                height=processed.height,
                size=len(processed.content),
                position=position,
            )
            _log(post, actor, PostAction.EDIT, post.status, details={"image_added": image.pk})
    except Exception:
        default_storage.delete(name)
        raise
    return image


def remove_image(*, actor: User, image: PostImage) -> None:
    check(edits_post, actor, image.post)
    with transaction.atomic():
        post = _locked(image.post)
        check(edits_post, actor, post)
        name = image.name
        _log(post, actor, PostAction.EDIT, post.status, details={"image_removed": image.pk})
        image.delete()
        transaction.on_commit(lambda: default_storage.delete(name))
