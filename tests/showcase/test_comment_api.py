"""API of comments: approved comments of a published post only, writing for review,
reporting once, 404 for what is not public, and the members' rates (429 with a message)."""

import uuid

import pytest
from django.test import Client

from showcase.models import Comment, CommentStatus, PostStatus
from tests.conftest import client_for
from tests.factories import OfficerFactory, UserFactory, WorkerFactory
from tests.showcase.factories_comments import (
    CommentFactory,
    PostFactory,
    approved_comment,
    fresh_word_filter,  # noqa: F401
    word,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fresh_word_filter")]


@pytest.fixture
def post(union_tree):
    return PostFactory(union=union_tree[1])


@pytest.fixture
def member():
    return UserFactory(username="member")


def _list(post):
    return f"/api/v1/showcase/posts/{post.pk}/comments/"


def _report(comment):
    return f"/api/v1/showcase/comments/{comment.pk}/report/"


@pytest.fixture
def limits(settings):
    settings.GJ_RATE_LIMITS = settings.GJ_RATE_LIMITS | {
        "enabled": True,
        "anon": "1000/min",
        "showcase_comment": "2/min",
        "showcase_report": "1/min",
    }
    default = settings.CACHES["default"]
    settings.CACHES = {"default": default | {"KEY_PREFIX": f"sc-test-{uuid.uuid4().hex}"}}


def test_the_list_has_approved_comments_only(api, post):
    worker = WorkerFactory(name="李大兵")
    shown = approved_comment(post, author=worker.user, body="写得好")
    for status in ("pending", "held", "rejected", "hidden"):
        CommentFactory(post=post, status=status, body=f"不应出现{status}")
    body = api.get(_list(post)).json()
    assert body["count"] == 1
    assert body["results"] == [
        {
            "id": shown.pk,
            "author": "李*兵",
            "body": "写得好",
            "created_at": body["results"][0]["created_at"],
        }
    ]


def test_no_unapproved_comment_reaches_any_answer(api, member, post):
    """Every public answer about the post, as anyone and as the author: no unapproved body."""
    secret = "未审核的秘密评论"
    for status in ("pending", "held", "rejected", "hidden"):
        CommentFactory(post=post, author=member, status=status, body=secret)
    for client in (api, client_for(member)):
        assert secret not in client.get(_list(post)).content.decode()
    page_client = Client()
    page_client.force_login(member)
    assert secret not in page_client.get(f"/en/showcase/posts/{post.pk}/comments/").content.decode()


@pytest.mark.parametrize("status", [PostStatus.DRAFT, PostStatus.WITHDRAWN, PostStatus.RETURNED])
def test_a_post_that_is_not_public_is_a_404(api, union_tree, status):
    post = PostFactory(union=union_tree[1], status=status)
    approved_comment(post)
    assert api.get(_list(post)).status_code == 404


def test_a_member_writes_a_comment_for_review(member, post):
    response = client_for(member).post(_list(post), {"body": "向劳模学习"}, format="json")
    assert response.status_code == 201
    assert response.json()["status"] == "awaiting_review"
    assert Comment.objects.get().status == CommentStatus.PENDING


def test_a_held_comment_is_answered_like_any_other(member, post, union_tree):
    word(union_tree[0], "赌博")
    response = client_for(member).post(_list(post), {"body": "赌博"}, format="json")
    assert response.json()["status"] == "awaiting_review"
    assert Comment.objects.get().status == CommentStatus.HELD


def test_an_anonymous_caller_cannot_comment(api, post):
    assert api.post(_list(post), {"body": "好"}, format="json").status_code in (401, 403)
    assert not Comment.objects.exists()


def test_a_too_long_body_is_a_field_error(member, post):
    response = client_for(member).post(_list(post), {"body": "长" * 501}, format="json")
    assert response.status_code == 400
    assert "body" in response.json()


def test_a_blank_body_is_a_field_error(member, post):
    response = client_for(member).post(_list(post), {"body": "   "}, format="json")
    assert response.status_code == 400
    assert "body" in response.json()


def test_a_member_reports_once(member, post):
    comment = approved_comment(post)
    client = client_for(member)
    assert client.post(_report(comment), {"reason": "abuse"}, format="json").status_code == 201
    second = client.post(_report(comment), {"reason": "abuse"}, format="json")
    assert second.status_code == 400
    assert comment.reports.count() == 1


def test_an_unknown_reason_is_a_field_error(member, post):
    response = client_for(member).post(_report(approved_comment(post)), {"reason": "x"})
    assert response.status_code == 400
    assert "reason" in response.json()


def test_reporting_an_unapproved_comment_is_a_404(member, post):
    comment = CommentFactory(post=post)
    assert client_for(member).post(_report(comment), {}, format="json").status_code == 404


def test_reporting_ones_own_comment_is_refused(member, post):
    comment = approved_comment(post, author=member)
    assert client_for(member).post(_report(comment), {}, format="json").status_code == 403


@pytest.mark.usefixtures("limits")
def test_comments_past_the_rate_are_refused_with_a_message(member, post):
    client = client_for(member)
    for _ in range(2):
        assert client.post(_list(post), {"body": "好"}, format="json").status_code == 201
    refused = client.post(_list(post), {"body": "好"}, format="json", HTTP_ACCEPT_LANGUAGE="en")
    assert refused.status_code == 429
    assert "commenting too often" in refused.json()["detail"]
    assert "Retry-After" in refused
    assert Comment.objects.count() == 2


@pytest.mark.usefixtures("limits")
def test_the_rate_is_per_member(post):
    for _ in range(2):
        client_for(UserFactory()).post(_list(post), {"body": "好"}, format="json")
    other = client_for(UserFactory())
    assert other.post(_list(post), {"body": "好"}, format="json").status_code == 201


@pytest.mark.usefixtures("limits")
def test_reports_past_the_rate_are_refused(member, post):
    client = client_for(member)
    first, second = approved_comment(post), approved_comment(post)
    assert client.post(_report(first), {}, format="json").status_code == 201
    refused = client.post(_report(second), {}, format="json", HTTP_ACCEPT_LANGUAGE="en")
    assert refused.status_code == 429
    assert "reporting too often" in refused.json()["detail"]


@pytest.mark.usefixtures("limits")
def test_the_comment_page_answers_429_past_the_rate(member, post):
    client = Client()
    client.force_login(member)
    url = f"/en/showcase/posts/{post.pk}/comments/"
    for _ in range(2):
        client.post(url, {"body": "好"}, HTTP_HX_REQUEST="true")
    refused = client.post(url, {"body": "好"}, HTTP_HX_REQUEST="true")
    assert refused.status_code == 429
    assert "commenting too often" in refused.content.decode()
    assert Comment.objects.count() == 2


@pytest.mark.usefixtures("limits")
def test_reading_is_not_counted_against_the_comment_rate(member, post):
    client = client_for(member)
    for _ in range(5):
        client.get(_list(post))
    assert client.post(_list(post), {"body": "好"}, format="json").status_code == 201


MODERATION = "/api/v1/showcase/moderation/comments/"


def test_the_officer_queue_lists_held_comments_with_their_spans(officer_a, post):
    held = CommentFactory(post=post, status=CommentStatus.HELD, matches=[[0, 2, "赌博"]])
    body = client_for(officer_a).get(MODERATION + "?queue=held").json()
    assert [r["id"] for r in body["results"]] == [held.pk]
    assert body["results"][0]["matches"] == [[0, 2, "赌博"]]


def test_the_officer_queue_is_cut_to_the_subtree(post, union_tree):
    CommentFactory(post=PostFactory(union=union_tree[2]), status=CommentStatus.HELD)
    officer_b = OfficerFactory(union=union_tree[1]).user
    assert client_for(officer_b).get(MODERATION + "?queue=held").json()["count"] == 0


def test_an_unknown_queue_is_a_field_error(officer_a):
    response = client_for(officer_a).get(MODERATION + "?queue=x")
    assert response.status_code == 400 and "queue" in response.json()


def test_a_member_cannot_read_the_queue(member):
    assert client_for(member).get(MODERATION).status_code == 403


def test_officers_decide_in_bulk_through_the_api(officer_a, post):
    ids = [CommentFactory(post=post).pk for _ in range(3)]
    response = client_for(officer_a).post(
        MODERATION, {"comments": ids, "action": "approve", "reason": "好"}, format="json"
    )
    assert response.json() == {"changed": 3}
    post.refresh_from_db()
    assert post.comment_count == 3


def test_a_foreign_comment_in_a_batch_is_a_403(post, union_tree):
    foreign = CommentFactory(post=PostFactory(union=union_tree[0]))
    officer_b = OfficerFactory(union=union_tree[1]).user
    response = client_for(officer_b).post(
        MODERATION, {"comments": [foreign.pk], "action": "approve"}, format="json"
    )
    assert response.status_code == 403


def test_a_bad_action_is_a_field_error(officer_a, post):
    response = client_for(officer_a).post(
        MODERATION, {"comments": [CommentFactory(post=post).pk], "action": "x"}, format="json"
    )
    assert response.status_code == 400 and "action" in response.json()
