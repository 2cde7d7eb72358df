"""Writing, submitting, returning, publishing and withdrawing posts (showcase.services.posts)."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from scoring import hot
from showcase.models import PostAction, PostLog, PostStatus
from showcase.services import correspondents, posts
from tests.factories import (
    ContestFactory,
    EmployerFactory,
    OfficerFactory,
    UnionFactory,
    UserFactory,
)
from tests.showcase.factories import CorrespondentFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def unit():
    return EmployerFactory()


@pytest.fixture
def officer(unit):
    return OfficerFactory(union=unit.union).user


@pytest.fixture
def correspondent(unit):
    return CorrespondentFactory(employer=unit).user


def draft(actor, unit, **extra):
    fields = {"kind": "news", "title": "班组比武", "body": "<p>今天比武</p>", "employer": unit}
    return posts.create_post(actor=actor, **{**fields, **extra})


def test_a_correspondent_writes_a_draft_for_their_unit_reviewed_by_its_union(correspondent, unit):
    post = draft(correspondent, unit)
    assert post.status == PostStatus.DRAFT
    assert post.union == unit.union
    assert post.region == unit.region
    assert PostLog.objects.get(post=post).action == PostAction.CREATE


def test_a_member_who_is_not_a_correspondent_cannot_write(unit):
    with pytest.raises(PermissionDenied):
        draft(UserFactory(), unit)


def test_a_correspondent_cannot_write_for_another_unit(correspondent):
    with pytest.raises(PermissionDenied):
        draft(correspondent, EmployerFactory())


def test_a_revoked_correspondent_can_no_longer_write(correspondent, officer, unit):
    appointment = correspondent.correspondents.get()
    correspondents.revoke(actor=officer, correspondent=appointment)
    with pytest.raises(PermissionDenied):
        draft(correspondent, unit)


def test_an_officer_writes_for_a_union_of_theirs_without_a_unit(officer, unit):
    post = posts.create_post(
        actor=officer, union=unit.union, kind="news", title="通知", body="<p>x</p>"
    )
    assert post.employer is None and post.region == unit.union.region


def test_the_body_is_sanitised_before_it_is_stored(correspondent, unit):
    post = draft(
        correspondent,
        unit,
        body='<p onclick="x()">好<script>alert(1)</script></p>'
        '<a href="javascript:alert(1)">链接</a>',
    )
    assert "script" not in post.body and "javascript:" not in post.body
    assert "onclick" not in post.body and "好" in post.body


def test_an_empty_body_after_cleaning_is_refused(correspondent, unit):
    with pytest.raises(ValidationError) as exc:
        draft(correspondent, unit, body="<script>alert(1)</script>")
    assert "body" in exc.value.error_dict


def test_an_achievement_post_needs_an_achievement_or_innovation_result(correspondent, unit):
    with pytest.raises(ValidationError) as exc:
        draft(correspondent, unit, kind="achievement")
    assert "achievement" in exc.value.error_dict


def test_submit_return_resubmit_publish_is_logged_with_the_reason(correspondent, officer, unit):
    post = draft(correspondent, unit)
    posts.submit_post(actor=correspondent, post=post)
    post = posts.return_post(actor=officer, post=post, reason="请补充图片")
    assert post.status == PostStatus.RETURNED and post.return_reason == "请补充图片"
    posts.update_post(actor=correspondent, post=post, title="班组比武（补图）")
    posts.submit_post(actor=correspondent, post=post)
    post = posts.publish_post(actor=officer, post=post)
    assert post.status == PostStatus.PUBLISHED and post.published_at is not None
    assert post.hot_score == pytest.approx(hot.score(0, post.published_at))
    actions = list(PostLog.objects.filter(post=post).values_list("action", flat=True))
    assert actions == ["create", "submit", "return", "edit", "submit", "publish"]
    returned = PostLog.objects.get(post=post, action="return")
    assert returned.reason == "请补充图片" and returned.old_status == "submitted"
    edit = PostLog.objects.get(post=post, action="edit")
    assert edit.details["title"] == ["班组比武", "班组比武（补图）"]


def test_returning_needs_a_reason(correspondent, officer, unit):
    post = posts.submit_post(actor=correspondent, post=draft(correspondent, unit))
    with pytest.raises(ValidationError):
        posts.return_post(actor=officer, post=post, reason="  ")


def test_an_officer_of_another_union_cannot_review(correspondent, unit):
    post = posts.submit_post(actor=correspondent, post=draft(correspondent, unit))
    stranger = OfficerFactory().user
    with pytest.raises(PermissionDenied):
        posts.publish_post(actor=stranger, post=post)


def test_a_correspondent_cannot_publish_their_own_post(correspondent, unit):
    post = posts.submit_post(actor=correspondent, post=draft(correspondent, unit))
    with pytest.raises(PermissionDenied):
        posts.publish_post(actor=correspondent, post=post)


def test_a_correspondents_draft_is_not_published_before_it_is_submitted(
    correspondent, officer, unit
):
    post = draft(correspondent, unit)
    with pytest.raises(ValidationError):
        posts.publish_post(actor=officer, post=post)


def test_a_submitted_post_cannot_be_edited_by_its_correspondent(correspondent, unit):
    post = posts.submit_post(actor=correspondent, post=draft(correspondent, unit))
    with pytest.raises(PermissionDenied):
        posts.update_post(actor=correspondent, post=post, title="改")


def test_scheduled_publishing_sets_the_publication_time(correspondent, officer, unit):
    post = posts.submit_post(actor=correspondent, post=draft(correspondent, unit))
    when = timezone.now() + dt.timedelta(days=2)
    post = posts.publish_post(actor=officer, post=post, publish_at=when)
    assert post.published_at == when and post.publish_at == when
    assert PostLog.objects.get(post=post, action="publish").details["publish_at"]


def test_a_schedule_more_than_a_year_ahead_is_refused(correspondent, officer, unit):
    post = posts.submit_post(actor=correspondent, post=draft(correspondent, unit))
    with pytest.raises(ValidationError):
        posts.publish_post(
            actor=officer, post=post, publish_at=timezone.now() + dt.timedelta(days=400)
        )


def test_withdrawing_needs_a_published_post_and_a_reason(correspondent, officer, unit):
    post = posts.submit_post(actor=correspondent, post=draft(correspondent, unit))
    post = posts.publish_post(actor=officer, post=post)
    post = posts.withdraw_post(actor=officer, post=post, reason="信息有误")
    assert post.status == PostStatus.WITHDRAWN
    with pytest.raises(ValidationError):
        posts.withdraw_post(actor=officer, post=post, reason="再撤")


def test_appointing_the_same_correspondent_twice_is_refused(officer, unit, correspondent):
    with pytest.raises(ValidationError):
        correspondents.appoint(actor=officer, user=correspondent, employer=unit)


def test_an_officer_of_another_union_cannot_appoint(unit):
    with pytest.raises(PermissionDenied):
        correspondents.appoint(actor=OfficerFactory().user, user=UserFactory(), employer=unit)


def test_a_post_cannot_name_a_draft_contest():
    unit = EmployerFactory()
    officer = OfficerFactory(union=unit.union).user
    draft = ContestFactory(status="draft", host_union=unit.union)
    with pytest.raises(ValidationError) as exc:
        posts.create_post(
            actor=officer, kind="news", title="标题", body="正文", employer=unit, contest=draft
        )
    assert "contest" in exc.value.message_dict


def test_a_post_names_a_contest_hosted_above_its_union():
    province = UnionFactory()
    unit = EmployerFactory(union=UnionFactory(parent=province))
    officer = OfficerFactory(union=unit.union).user
    above = ContestFactory(status="open", host_union=province)
    post = posts.create_post(
        actor=officer, kind="news", title="标题", body="正文", employer=unit, contest=above
    )
    assert post.contest == above and post.series == above.series
