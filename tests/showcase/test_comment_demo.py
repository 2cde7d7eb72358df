"""The comments demo step: nothing without posts; with posts a word list, approved comments
counted on their posts, one held, one pending, one reported; idempotent."""

import io

import pytest

from showcase import demo_comments
from showcase.models import Comment, CommentStatus, ModerationLog, SensitiveWord
from showcase.selectors.comments import recount
from tests.factories import OfficerFactory, WorkerFactory
from tests.showcase.factories_comments import PostFactory, fresh_word_filter  # noqa: F401

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fresh_word_filter")]


def test_without_posts_nothing_is_made_and_it_says_so(union_tree):
    out = io.StringIO()
    demo_comments.load(out=out, options={})
    assert not Comment.objects.exists() and not SensitiveWord.objects.exists()
    assert "no published showcase posts" in out.getvalue()


def test_comments_words_and_each_queue_once(union_tree, django_capture_on_commit_callbacks):
    a, b, _c = union_tree
    OfficerFactory(union=a)
    posts = [PostFactory(union=b) for _ in range(3)]
    for _ in range(6):
        WorkerFactory(employer__union=b)
    with django_capture_on_commit_callbacks(execute=True):
        demo_comments.load(out=io.StringIO(), options={})
    assert set(SensitiveWord.objects.filter(union=a).values_list("word", flat=True)) == set(
        demo_comments.WORDS
    )
    for post in posts:
        post.refresh_from_db()
        assert post.comment_count == recount(post) >= 2
    held = Comment.objects.get(status=CommentStatus.HELD)
    assert held.matches and held.matches[0][2] == "代考"
    assert Comment.objects.filter(status=CommentStatus.PENDING).count() == 1
    reported = Comment.objects.get(open_reports=2)
    assert reported.status == CommentStatus.APPROVED
    assert ModerationLog.objects.filter(action="approve").exists()
    counts = (Comment.objects.count(), SensitiveWord.objects.count())
    with django_capture_on_commit_callbacks(execute=True):
        demo_comments.load(out=io.StringIO(), options={})
    assert (Comment.objects.count(), SensitiveWord.objects.count()) == counts
