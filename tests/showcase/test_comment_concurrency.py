"""Officers and members at once, on PostgreSQL: approvals of the same comments by two
officers count each comment once, and simultaneous reports are each weighed once, so
`Post.comment_count` stays the number of approved comments."""

import threading

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection

from showcase.models import CommentStatus
from showcase.selectors.comments import recount
from showcase.services import comments as services
from showcase.services.moderation import moderate
from tests.factories import OfficerFactory, UserFactory
from tests.showcase.factories_comments import CommentFactory, PostFactory, approved_comment

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def run_threads(targets, *, refused=()):
    barrier = threading.Barrier(len(targets))
    errors = []

    def wrap(target):
        try:
            barrier.wait(timeout=30)
            target()
        except Exception as exc:  # collected and re-raised in the test thread
            if not isinstance(exc, tuple(refused)):
                errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=wrap, args=(t,)) for t in targets]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert not errors, errors


def test_two_officers_approving_the_same_comments_count_each_once(union_tree):
    a, b, _c = union_tree
    post = PostFactory(union=b)
    ids = [CommentFactory(post=post).pk for _ in range(20)]
    officers = [OfficerFactory(union=a).user, OfficerFactory(union=b).user]

    def approve(officer, order):
        return lambda: moderate(actor=officer, comment_ids=order, action="approve")

    run_threads([approve(officers[0], ids), approve(officers[1], list(reversed(ids)))])
    post.refresh_from_db()
    assert post.comment_count == recount(post) == 20


def test_simultaneous_reports_are_each_weighed_once_and_stop_at_the_threshold(union_tree):
    """Five newcomers at once: the first three (weight 1.5) hide it; the other two find it
    hidden and are refused."""
    post = PostFactory(union=union_tree[1])
    comment = approved_comment(post)
    reporters = [UserFactory() for _ in range(5)]

    def report(user):
        return lambda: services.report_comment(reporter=user, comment=comment)

    run_threads([report(u) for u in reporters], refused=(PermissionDenied,))
    comment.refresh_from_db()
    post.refresh_from_db()
    assert comment.open_reports == comment.reports.count() == 3
    assert comment.report_weight == pytest.approx(1.5)
    assert comment.status == CommentStatus.HIDDEN
    assert post.comment_count == recount(post) == 0
