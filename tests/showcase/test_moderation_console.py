"""Console: the moderation queue (tabs, marked words, bulk actions, subtree only), the word
list page and the moderation log."""

import pytest
from django.test import Client

from showcase.models import Comment, CommentStatus, ModerationLog, SensitiveWord
from tests.factories import OfficerFactory, UserFactory
from tests.showcase.factories_comments import (
    CommentFactory,
    PostFactory,
    approved_comment,
    fresh_word_filter,  # noqa: F401
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fresh_word_filter")]
QUEUE = "/en/manage/showcase/moderation/"
WORDS = "/en/manage/showcase/moderation/words/"


@pytest.fixture
def officer_client(officer_a):
    c = Client()
    c.force_login(officer_a)
    return c


@pytest.fixture
def post(union_tree):
    return PostFactory(union=union_tree[1])


def test_the_held_tab_marks_the_matched_words(officer_client, post):
    CommentFactory(
        post=post, body="去<赌博>吧", status=CommentStatus.HELD, matches=[[2, 4, "赌博"]]
    )
    page = officer_client.get(QUEUE + "?queue=held").content.decode()
    assert "<mark>赌博</mark>" in page
    assert "&lt;" in page  # the rest escaped


def test_the_queue_shows_only_the_officer_subtree(post, union_tree):
    CommentFactory(post=post, body="本工会的评论")
    CommentFactory(post=PostFactory(union=union_tree[2]), body="别的工会的评论")
    c = Client()
    c.force_login(OfficerFactory(union=union_tree[1]).user)
    page = c.get(QUEUE + "?queue=pending").content.decode()
    assert "本工会的评论" in page
    assert "别的工会的评论" not in page


def test_the_reported_tab_lists_reported_comments(officer_client, post):
    approved_comment(post, body="被举报的评论", open_reports=1, report_weight=0.5)
    approved_comment(post, body="无人举报的评论")
    page = officer_client.get(QUEUE + "?queue=reported").content.decode()
    assert "被举报的评论" in page and "无人举报的评论" not in page


def test_bulk_approval_approves_the_ticked_comments(officer_client, post):
    ticked = [CommentFactory(post=post), CommentFactory(post=post)]
    left = CommentFactory(post=post)
    response = officer_client.post(
        QUEUE + "?queue=pending",
        {"comments": [c.pk for c in ticked], "action": "approve", "reason": "内容积极"},
    )
    assert response.status_code == 302
    assert set(Comment.objects.filter(status="approved")) == set(ticked)
    left.refresh_from_db()
    assert left.status == CommentStatus.PENDING
    post.refresh_from_db()
    assert post.comment_count == 2
    assert set(ModerationLog.objects.values_list("reason", flat=True)) == {"内容积极"}


def test_nothing_ticked_is_a_message(officer_client, post):
    response = officer_client.post(QUEUE, {"action": "approve"})
    assert response.status_code == 400
    assert "Choose at least one comment." in response.content.decode()


def test_an_unknown_action_is_a_message(officer_client, post):
    comment = CommentFactory(post=post)
    response = officer_client.post(QUEUE, {"comments": [comment.pk], "action": "delete"})
    assert response.status_code == 400


def test_a_foreign_comment_is_refused(post, union_tree):
    foreign = CommentFactory(post=PostFactory(union=union_tree[0]))
    c = Client()
    c.force_login(OfficerFactory(union=union_tree[1]).user)
    response = c.post(QUEUE, {"comments": [foreign.pk], "action": "approve"})
    assert response.status_code == 403
    foreign.refresh_from_db()
    assert foreign.status == CommentStatus.PENDING


def test_a_member_cannot_open_the_queue(post):
    c = Client()
    c.force_login(UserFactory())
    assert c.get(QUEUE).status_code == 403


def test_an_officer_adds_words_one_a_line(officer_client, union_tree):
    response = officer_client.post(
        WORDS, {"union": union_tree[0].pk, "words": "赌博\n 赌 博 \n代考"}
    )
    assert response.status_code == 302
    assert sorted(SensitiveWord.objects.values_list("normalised", flat=True)) == ["代考", "赌博"]
    assert "赌博" in officer_client.get(WORDS).content.decode()


def test_words_of_a_union_outside_the_subtree_cannot_be_added(union_tree):
    c = Client()
    c.force_login(OfficerFactory(union=union_tree[1]).user)
    response = c.post(WORDS, {"union": union_tree[0].pk, "words": "赌博"})
    assert response.status_code == 400
    assert not SensitiveWord.objects.exists()


def test_a_word_of_punctuation_only_is_a_message(officer_client, union_tree):
    response = officer_client.post(WORDS, {"union": union_tree[0].pk, "words": "！！"})
    assert response.status_code == 400
    assert not SensitiveWord.objects.exists()


def test_an_officer_removes_a_word_and_it_is_logged(officer_client, union_tree):
    officer_client.post(WORDS, {"union": union_tree[0].pk, "words": "赌博"})
    word = SensitiveWord.objects.get()
    response = officer_client.post(f"{WORDS}{word.pk}/remove/")
    assert response.status_code == 302
    assert not SensitiveWord.objects.exists()
    assert list(ModerationLog.objects.values_list("action", flat=True).order_by("id")) == [
        "add_word",
        "remove_word",
    ]


def test_another_subtree_word_cannot_be_removed(union_tree):
    word = SensitiveWord.objects.create(union=union_tree[2], word="赌博", normalised="赌博")
    c = Client()
    c.force_login(OfficerFactory(union=union_tree[1]).user)
    assert c.post(f"{WORDS}{word.pk}/remove/").status_code == 404
    assert SensitiveWord.objects.exists()


def test_the_log_shows_who_what_and_why(officer_client, post):
    comment = CommentFactory(post=post)
    officer_client.post(QUEUE, {"comments": [comment.pk], "action": "reject", "reason": "广告"})
    page = officer_client.get("/en/manage/showcase/moderation/log/").content.decode()
    assert "officer_a" in page and "广告" in page and "rejected" in page
