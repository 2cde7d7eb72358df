"""Comment services: writing for review, the word filter's hold, reports and their weights,
officers' decisions, and `Post.comment_count` equal to the approved comments throughout."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from showcase.models import (
    Comment,
    CommentReport,
    CommentStatus,
    ModerationAction,
    ModerationLog,
    PostStatus,
    ReportOutcome,
)
from showcase.selectors.comments import approved_comments, approved_count, recount
from showcase.services import comments as services
from showcase.services.moderation import moderate
from tests.factories import OfficerFactory, UserFactory
from tests.showcase.factories_comments import (
    CommentFactory,
    PostFactory,
    approved_comment,
    fresh_word_filter,  # noqa: F401
)
from tests.showcase.factories_comments import word as add_word

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fresh_word_filter")]


@pytest.fixture
def post(union_tree):
    return PostFactory(union=union_tree[1])


@pytest.fixture
def member():
    return UserFactory(username="member")


def _count(post):
    post.refresh_from_db()
    assert post.comment_count == recount(post)
    return post.comment_count


def test_a_new_comment_awaits_review_and_is_not_shown(post, member):
    comment = services.post_comment(author=member, post=post, body="  向劳模学习！ ")
    assert comment.status == CommentStatus.PENDING
    assert comment.body == "向劳模学习！"
    assert list(approved_comments(post)) == []
    assert _count(post) == 0


def test_a_comment_with_a_listed_word_is_held_with_its_spans(post, member, union_tree):
    add_word(union_tree[0], "赌博")
    comment = services.post_comment(author=member, post=post, body="有人在车间赌 博")
    assert comment.status == CommentStatus.HELD
    assert comment.matches == [[5, 8, "赌博"]]


def test_a_word_of_another_union_does_not_hold(post, member, union_tree):
    add_word(union_tree[2], "赌博")
    comment = services.post_comment(author=member, post=post, body="赌博")
    assert comment.status == CommentStatus.PENDING


def test_an_empty_comment_is_refused(post, member):
    with pytest.raises(ValidationError) as caught:
        services.post_comment(author=member, post=post, body="   ")
    assert "body" in caught.value.message_dict


def test_a_too_long_comment_is_refused(post, member):
    with pytest.raises(ValidationError):
        services.post_comment(author=member, post=post, body="长" * 501)


def test_control_characters_are_refused(post, member):
    with pytest.raises(ValidationError):
        services.post_comment(author=member, post=post, body="好\x07")


def test_an_anonymous_user_cannot_comment(post):
    with pytest.raises(PermissionDenied):
        services.post_comment(author=AnonymousUser(), post=post, body="好")


def test_a_draft_post_takes_no_comment(union_tree, member):
    draft = PostFactory(union=union_tree[1], status=PostStatus.DRAFT, published_at=None)
    with pytest.raises(PermissionDenied):
        services.post_comment(author=member, post=draft, body="好")


def test_approval_shows_the_comment_and_counts_it(post, member, officer_a):
    comment = services.post_comment(author=member, post=post, body="好样的")
    assert moderate(actor=officer_a, comment_ids=[comment.pk], action="approve") == 1
    assert list(approved_comments(post)) == [comment]
    assert _count(post) == 1


def test_approving_twice_counts_once(post, member, officer_a):
    comment = services.post_comment(author=member, post=post, body="好样的")
    moderate(actor=officer_a, comment_ids=[comment.pk], action="approve")
    assert moderate(actor=officer_a, comment_ids=[comment.pk], action="approve") == 0
    assert _count(post) == 1


def test_rejecting_an_approved_comment_uncounts_it(post, officer_a):
    comment = approved_comment(post)
    moderate(actor=officer_a, comment_ids=[comment.pk], action="reject", reason="离题")
    assert _count(post) == 0
    log = ModerationLog.objects.get(comment=comment)
    assert (log.actor, log.action, log.old, log.new, log.reason) == (
        officer_a,
        ModerationAction.REJECT,
        CommentStatus.APPROVED,
        CommentStatus.REJECTED,
        "离题",
    )


def test_bulk_moderation_changes_every_comment_and_counts_per_post(union_tree, officer_a):
    first, second = PostFactory(union=union_tree[0]), PostFactory(union=union_tree[1])
    comments = [CommentFactory(post=first), CommentFactory(post=first), CommentFactory(post=second)]
    assert moderate(actor=officer_a, comment_ids=[c.pk for c in comments], action="approve") == 3
    assert (_count(first), _count(second)) == (2, 1)
    assert ModerationLog.objects.filter(action="approve").count() == 3


def test_an_officer_of_another_union_cannot_moderate(post):
    outsider = OfficerFactory(union__code="X").user
    comment = CommentFactory(post=post)
    with pytest.raises(PermissionDenied):
        moderate(actor=outsider, comment_ids=[comment.pk], action="approve")
    comment.refresh_from_db()
    assert comment.status == CommentStatus.PENDING


def test_one_foreign_comment_refuses_the_whole_batch(post, union_tree):
    officer_b = OfficerFactory(union=union_tree[1]).user
    mine = CommentFactory(post=post)
    foreign = CommentFactory(post=PostFactory(union=union_tree[0]))
    with pytest.raises(PermissionDenied):
        moderate(actor=officer_b, comment_ids=[mine.pk, foreign.pk], action="approve")
    mine.refresh_from_db()
    assert mine.status == CommentStatus.PENDING
    assert _count(post) == 0


def test_an_unknown_action_is_refused(post, officer_a):
    comment = CommentFactory(post=post)
    with pytest.raises(ValidationError):
        moderate(actor=officer_a, comment_ids=[comment.pk], action="delete")


def test_a_newcomer_weighs_a_half():
    assert services.reporter_weight(UserFactory()) == 0.5


def test_the_weight_follows_upheld_and_dismissed_reports(post):
    reporter = UserFactory()
    for outcome in ["upheld", "upheld", "upheld", "dismissed"]:
        CommentReport.objects.create(
            comment=CommentFactory(post=post), reporter=reporter, weight=0.5, outcome=outcome
        )
    # (3 + 1) / (3 + 1 + 2)
    assert services.reporter_weight(reporter) == pytest.approx(4 / 6)


def test_open_reports_do_not_change_the_weight(post):
    reporter = UserFactory()
    CommentReport.objects.create(comment=CommentFactory(post=post), reporter=reporter, weight=0.5)
    assert services.reporter_weight(reporter) == 0.5


def test_a_member_reports_a_comment_once(post, member):
    comment = approved_comment(post)
    services.report_comment(reporter=member, comment=comment, reason="spam")
    with pytest.raises(ValidationError):
        services.report_comment(reporter=member, comment=comment)
    assert comment.reports.count() == 1


def test_an_author_cannot_report_their_own_comment(post, member):
    comment = approved_comment(post, author=member)
    with pytest.raises(PermissionDenied):
        services.report_comment(reporter=member, comment=comment)


def test_an_unapproved_comment_cannot_be_reported(post, member):
    with pytest.raises(PermissionDenied):
        services.report_comment(reporter=member, comment=CommentFactory(post=post))


def test_an_unknown_reason_is_refused(post, member):
    with pytest.raises(ValidationError):
        services.report_comment(reporter=member, comment=approved_comment(post), reason="x")


def test_two_newcomers_do_not_hide_a_comment_and_three_do(post):
    comment = approved_comment(post)
    for _ in range(2):
        services.report_comment(reporter=UserFactory(), comment=comment)
    comment.refresh_from_db()
    assert comment.status == CommentStatus.APPROVED
    assert _count(post) == 1
    services.report_comment(reporter=UserFactory(), comment=comment)
    comment.refresh_from_db()
    assert (comment.status, comment.hidden_by_reports) == (CommentStatus.HIDDEN, True)
    assert comment.report_weight == pytest.approx(1.5)
    assert _count(post) == 0
    assert ModerationLog.objects.get(comment=comment).action == ModerationAction.AUTO_HIDE


def test_two_reporters_with_good_judgement_hide_a_comment(post):
    trusted = []
    for _ in range(2):
        reporter = UserFactory()
        for _i in range(4):
            CommentReport.objects.create(
                comment=CommentFactory(post=post), reporter=reporter, weight=0.5, outcome="upheld"
            )
        trusted.append(reporter)  # weight (4+1)/(4+2) = 0.83
    comment = approved_comment(post)
    for reporter in trusted:
        services.report_comment(reporter=reporter, comment=comment)
    comment.refresh_from_db()
    assert comment.status == CommentStatus.HIDDEN


def test_dismissing_reports_restores_a_hidden_comment_and_lowers_the_reporters(post, officer_a):
    comment = approved_comment(post)
    reporters = [UserFactory() for _ in range(3)]
    for reporter in reporters:
        services.report_comment(reporter=reporter, comment=comment)
    moderate(actor=officer_a, comment_ids=[comment.pk], action="dismiss")
    comment.refresh_from_db()
    assert (comment.status, comment.open_reports, comment.report_weight) == ("approved", 0, 0)
    assert _count(post) == 1
    assert set(comment.reports.values_list("outcome", flat=True)) == {ReportOutcome.DISMISSED}
    assert services.reporter_weight(reporters[0]) == pytest.approx(1 / 3)


def test_hiding_a_reported_comment_upholds_the_reports(post, officer_a):
    comment = approved_comment(post)
    reporter = UserFactory()
    services.report_comment(reporter=reporter, comment=comment)
    moderate(actor=officer_a, comment_ids=[comment.pk], action="hide")
    comment.refresh_from_db()
    assert comment.status == CommentStatus.HIDDEN
    assert _count(post) == 0
    assert services.reporter_weight(reporter) == pytest.approx(2 / 3)


def test_dismissing_reports_of_an_officer_hidden_comment_keeps_it_hidden(post, officer_a):
    comment = approved_comment(post)
    moderate(actor=officer_a, comment_ids=[comment.pk], action="hide")
    report = CommentReport.objects.create(comment=comment, reporter=UserFactory(), weight=1)
    Comment.objects.filter(pk=comment.pk).update(open_reports=1, report_weight=1)
    moderate(actor=officer_a, comment_ids=[comment.pk], action="dismiss")
    comment.refresh_from_db()
    report.refresh_from_db()
    assert comment.status == CommentStatus.HIDDEN
    assert report.outcome == ReportOutcome.DISMISSED


def test_approved_count_covers_the_union_subtree_and_period(union_tree):
    a, b, c = union_tree
    approved_comment(PostFactory(union=a))
    approved_comment(PostFactory(union=b))
    approved_comment(PostFactory(union=c))
    CommentFactory(post=PostFactory(union=b))  # pending: not counted
    assert approved_count(a) == 2
    assert approved_count(b) == 1
    assert approved_count(a, until=timezone.now() - timezone.timedelta(days=1)) == 0
