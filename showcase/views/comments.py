"""Member pages of comments: a post's comments (the block the post page includes, and a page
of them all), writing a comment and reporting one.

Writing answers in place with htmx (the block again, saying the comment awaits review) or, as
a plain form post, by going back to the page it came from. Only approved comments are ever
listed (showcase.selectors.comments.approved_comments). Too many comments or reports in a
minute answer 429 with the reason (showcase.access_comments.wait).
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import path, reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from core import forms as core_forms
from core.access import hidden
from core.forms import form_errors
from core.pages import scoped_page
from showcase.access_comments import RATE_MESSAGES, may_report, sees_comment, sees_post, wait
from showcase.models import Comment, Post
from showcase.models.comments import BODY_MAX
from showcase.selectors.comments import approved_comments
from showcase.services import comments as services

PAGE_SIZE = 30

# The rule, not the queryset, says whether the post is public (its time is read per request).
POST = scoped_page(Post.objects.select_related("union"), name="post", permission=hidden(sees_post))
COMMENT = scoped_page(
    Comment.objects.visible().select_related("post__union", "author__worker"),
    name="comment",
    permission=hidden(sees_comment),
)


class CommentForm(core_forms.Form):
    body = forms.CharField(
        label=gettext_lazy("Your comment"),
        max_length=BODY_MAX,
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": BODY_MAX}),
    )


def _back(request, fallback: str):
    """To the page the form was on (`next`, this site only), else `fallback`."""
    target = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return redirect(target)
    return redirect(fallback)


def _block(request, post, *, status: int = 200, **extra) -> HttpResponse:
    """The comments block of `post`, as the post page includes it (the htmx answer)."""
    html = render_to_string(
        "showcase/comments/_swap.html", {"post": post, **extra}, request=request
    )
    return HttpResponse(html, status=status)


def _page(request, post, *, status: int = 200, **extra) -> HttpResponse:
    page = Paginator(approved_comments(post), PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"post": post, "comments_page": page, **extra}
    return render(request, "showcase/comments/page.html", context, status=status)


@POST
def post_comments(request, post):
    """GET: every approved comment of the post, paged. POST: write a comment."""
    if request.method != "POST":
        return _page(request, post)
    if not request.user.is_authenticated:
        return redirect_to_login(reverse("showcase:post-comments", args=[post.pk]))
    form = CommentForm(request.POST)
    waiting = wait(request, "showcase_comment")
    if waiting:
        form.add_error(None, RATE_MESSAGES["showcase_comment"])
        status = 429
    elif form.is_valid():
        try:
            services.post_comment(author=request.user, post=post, body=form.cleaned_data["body"])
        except ValidationError as exc:
            form_errors(form, exc)
        else:
            notice = _("Thank you. Your comment awaits review and appears once approved.")
            if request.htmx:
                return _block(request, post, comment_notice=notice)
            messages.success(request, notice)
            return _back(request, reverse("showcase:post-comments", args=[post.pk]))
        status = 400
    else:
        status = 400
    render_error = _block if request.htmx else _page
    response = render_error(request, post, status=status, comment_form=form)
    if waiting:
        response["Retry-After"] = str(waiting)
    return response


@require_POST
@login_required
@COMMENT
def report(request, comment):
    """A member reports an approved comment (once); the answer replaces its report button."""
    error, status = "", 200
    waiting = wait(request, "showcase_report")
    if waiting:
        error, status = str(RATE_MESSAGES["showcase_report"]), 429
    elif not may_report(request.user, comment):
        error, status = str(may_report.denial), 403
    else:
        try:
            services.report_comment(
                reporter=request.user, comment=comment, reason=request.POST.get("reason", "")
            )
        except ValidationError as exc:
            error, status = " ".join(exc.messages), 400
    if request.htmx:
        html = render_to_string(
            "showcase/comments/_reported.html", {"comment": comment, "error": error}, request
        )
        response = HttpResponse(html, status=status)
    elif error:
        response = render(
            request,
            "showcase/comments/report_refused.html",
            {"comment": comment, "error": error},
            status=status,
        )
    else:
        messages.success(request, _("Thank you. Officers will look at this comment."))
        response = _back(request, reverse("showcase:post-comments", args=[comment.post_id]))
    if waiting:
        response["Retry-After"] = str(waiting)
    return response


urlpatterns = [
    path("posts/<int:pk>/comments/", post_comments, name="post-comments"),
    path("comments/<int:pk>/report/", report, name="comment-report"),
]
