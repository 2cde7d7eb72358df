"""`{% comment_block post %}`: everything the comments block of a post shows, for the post
page (which only includes templates/showcase/comments/_block.html with `post` in its context).

The block lists the post's latest approved comments (never any other), a form for a member
to write one (a link to log in for anyone else) and a report button on others' comments.
"""

from __future__ import annotations

from django import template
from django.core.paginator import Page

from showcase.access import is_public
from showcase.models import ReportReason
from showcase.selectors.comments import approved_comments, author_name, reported_by
from showcase.views.comments import CommentForm

register = template.Library()

LATEST = 20


@register.inclusion_tag("showcase/comments/_thread.html", takes_context=True)
def comment_block(context, post, page=None):
    request = context.get("request")
    user = getattr(request, "user", None)
    public = is_public(post)
    if not isinstance(page, Page):  # the post page has no `comments_page`: ""
        page = None
    if page is not None:
        comments, more = list(page.object_list), False
    elif public:
        comments = list(approved_comments(post)[: LATEST + 1])
        comments, more = comments[:LATEST], len(comments) > LATEST
    else:
        comments, more = [], False
    reported = reported_by(user, [c.pk for c in comments])
    for comment in comments:
        comment.shown_author = author_name(comment.author)
        comment.reported_by_me = comment.pk in reported
        comment.mine = user is not None and comment.author_id == getattr(user, "pk", None)
    return {
        "request": request,
        "user": user,
        "post": post,
        "public": public,
        "comments": comments,
        "more": more,
        "page": page,
        "form": context.get("comment_form") or CommentForm(),
        "notice": context.get("comment_notice", ""),
        "reasons": ReportReason.choices,
    }
