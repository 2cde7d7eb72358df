"""Member pages of comments: the block lists approved comments only, writing answers "awaits
review" in place (htmx) or by going back, reports replace their button, bodies are escaped,
and a post that is not public has no comment pages."""

import pytest
from django.db import connection
from django.template import Context, Template
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from showcase.models import Comment, CommentStatus, PostStatus
from tests.factories import UserFactory, WorkerFactory
from tests.showcase.factories_comments import (
    CommentFactory,
    PostFactory,
    approved_comment,
    fresh_word_filter,  # noqa: F401
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fresh_word_filter")]


@pytest.fixture
def post(union_tree):
    return PostFactory(union=union_tree[1])


@pytest.fixture
def member():
    return UserFactory(username="member")


@pytest.fixture
def client(member):
    c = Client()
    c.force_login(member)
    return c


def _url(post):
    return f"/en/showcase/posts/{post.pk}/comments/"


def test_the_page_lists_approved_comments_only(client, post):
    approved_comment(post, body="已批准的评论")
    CommentFactory(post=post, body="待审核的评论")
    CommentFactory(post=post, body="被拦截的评论", status=CommentStatus.HELD)
    CommentFactory(post=post, body="被隐藏的评论", status=CommentStatus.HIDDEN)
    CommentFactory(post=post, body="被驳回的评论", status=CommentStatus.REJECTED)
    page = client.get(_url(post)).content.decode()
    assert "已批准的评论" in page
    for absent in ("待审核", "被拦截", "被隐藏", "被驳回"):
        assert absent not in page


def test_the_author_name_is_masked(client, post):
    worker = WorkerFactory(name="王小明")
    approved_comment(post, author=worker.user)
    page = client.get(_url(post)).content.decode()
    assert "王*明" in page
    assert "王小明" not in page


def test_a_comment_body_is_escaped(client, post):
    approved_comment(post, body='<script>alert(1)</script><a href="javascript:x()">点</a>')
    page = client.get(_url(post)).content.decode()
    assert "<script>alert(1)" not in page
    assert 'href="javascript:' not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_writing_with_htmx_answers_awaits_review_in_place(client, post):
    response = client.post(_url(post), {"body": "向劳模学习！"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    page = response.content.decode()
    assert "awaits review" in page
    assert "向劳模学习！" not in page
    assert Comment.objects.get().status == CommentStatus.PENDING


def test_writing_without_javascript_goes_back_with_a_message(client, post):
    response = client.post(_url(post), {"body": "好", "next": "/en/"})
    assert response.status_code == 302 and response["Location"] == "/en/"
    assert Comment.objects.count() == 1


def test_an_outside_next_is_not_followed(client, post):
    response = client.post(_url(post), {"body": "好", "next": "https://evil.example/"})
    assert response["Location"] == _url(post)


def test_an_empty_comment_is_a_field_message(client, post):
    response = client.post(_url(post), {"body": "  "}, HTTP_HX_REQUEST="true")
    assert response.status_code == 400
    assert "errorlist" in response.content.decode()
    assert Comment.objects.count() == 0


def test_a_too_long_comment_is_a_field_message(client, post):
    response = client.post(_url(post), {"body": "长" * 501})
    assert response.status_code == 400
    assert Comment.objects.count() == 0


def test_an_anonymous_post_goes_to_login(post):
    response = Client().post(_url(post), {"body": "好"})
    assert response.status_code == 302 and "/login/" in response["Location"]
    assert Comment.objects.count() == 0


def test_anonymous_readers_see_a_login_link_not_a_form(post):
    page = Client().get(_url(post)).content.decode()
    assert 'name="body"' not in page
    assert "Log in to comment" in page


@pytest.mark.parametrize("status", [PostStatus.DRAFT, PostStatus.SUBMITTED, PostStatus.WITHDRAWN])
def test_a_post_that_is_not_public_has_no_comment_page(client, union_tree, status):
    post = PostFactory(union=union_tree[1], status=status)
    assert client.get(_url(post)).status_code == 404
    assert client.post(_url(post), {"body": "好"}).status_code == 404


def test_a_scheduled_post_has_no_comment_page_before_its_time(client, union_tree):
    # As the posts' services schedule one: published, from `publish_at` on.
    later = timezone.now() + timezone.timedelta(days=1)
    post = PostFactory(union=union_tree[1], publish_at=later, published_at=later)
    assert client.get(_url(post)).status_code == 404


def test_reporting_with_htmx_replaces_the_button(client, post):
    comment = approved_comment(post)
    response = client.post(
        f"/en/showcase/comments/{comment.pk}/report/", {"reason": "spam"}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200
    assert "Officers will look" in response.content.decode()
    assert comment.reports.get().reason == "spam"


def test_reporting_twice_is_a_message(client, post):
    comment = approved_comment(post)
    url = f"/en/showcase/comments/{comment.pk}/report/"
    client.post(url, HTTP_HX_REQUEST="true")
    response = client.post(url, HTTP_HX_REQUEST="true")
    assert response.status_code == 400
    assert "already reported" in response.content.decode()


def test_an_unapproved_comment_cannot_be_reported(client, post):
    comment = CommentFactory(post=post)
    assert client.post(f"/en/showcase/comments/{comment.pk}/report/").status_code == 404


def test_the_block_shows_a_reported_comment_as_reported(client, post, member):
    comment = approved_comment(post)
    client.post(f"/en/showcase/comments/{comment.pk}/report/")
    page = client.get(_url(post)).content.decode()
    assert "You reported this comment." in page


def test_the_block_renders_from_the_post_alone(post, member, english):
    """What the post page does: include the block with `post` in the context."""
    approved_comment(post, body="区块里的评论")
    request = RequestFactory().get("/")
    request.user = member
    html = Template('{% include "showcase/comments/_block.html" %}').render(
        Context({"post": post, "request": request})
    )
    assert "区块里的评论" in html
    assert 'name="body"' in html


def test_a_refused_report_without_javascript_is_a_page_with_the_reason(client, post, member):
    comment = approved_comment(post, author=member)
    response = client.post(f"/en/showcase/comments/{comment.pk}/report/")
    assert response.status_code == 403
    assert "You cannot report this comment." in response.content.decode()


def test_a_report_without_javascript_goes_back(client, post):
    comment = approved_comment(post)
    response = client.post(f"/en/showcase/comments/{comment.pk}/report/", {"next": "/en/"})
    assert response.status_code == 302 and response["Location"] == "/en/"
    assert comment.reports.count() == 1


def test_the_page_is_in_chinese_by_default(post):
    page = Client().get(f"/showcase/posts/{post.pk}/comments/")
    assert page.status_code == 200
    assert '<html lang="zh-hans">' in page.content.decode()


def test_the_block_costs_the_same_queries_for_many_comments(post, member):
    def render():
        request = RequestFactory().get("/")
        request.user = member
        return Template('{% include "showcase/comments/_block.html" %}').render(
            Context({"post": post, "request": request})
        )

    approved_comment(post, author=WorkerFactory().user)
    render()  # warm: templates compiled, version read
    with CaptureQueriesContext(connection) as one:
        render()
    for _ in range(15):
        approved_comment(post, author=WorkerFactory().user)
    with CaptureQueriesContext(connection) as many:
        html = render()
    assert html.count('class="sc-comment"') == 16
    assert len(many) == len(one) <= 3
