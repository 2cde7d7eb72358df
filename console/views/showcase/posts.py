"""Console: showcase posts. The review queue and the posts of the officer's unions; the
editor (officers write for their unions and units); review of one post: publish now or from
a time, return with a reason, withdraw; the post's log. Correspondents' appointments and the
like figures have their own modules (correspondents, post_stats)."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_POST

from console import nav
from console.views.base import officer_required
from core import forms as checked
from core.access import hidden
from core.pages import scoped_page
from showcase.access import edits_post, reviews_post
from showcase.models import Post, PostKind, PostStatus
from showcase.selectors.review import officer_posts, post_log
from showcase.services import posts as services
from showcase.views.post_forms import PostForm, apply_errors

PAGE_SIZE = 25
POST = scoped_page(
    Post.objects.select_related("union", "employer", "author").prefetch_related("images"),
    name="post",
    permission=hidden(reviews_post),
)

nav.section(62, _lazy("Showcase posts"), "console:showcase-posts")


class ReturnForm(checked.Form):
    reason = forms.CharField(
        label=_lazy("reason for return"), max_length=services.REASON_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
    )  # fmt: skip


class PublishForm(checked.Form):
    publish_at = forms.DateTimeField(
        label=_lazy("publish at"),
        required=False,
        help_text=_lazy("Empty: at once."),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
    )


@officer_required
def post_list(request):
    status = request.GET.get("status", PostStatus.SUBMITTED)
    status = status if status in PostStatus.values or status == "all" else PostStatus.SUBMITTED
    kind = request.GET.get("kind", "")
    kind = kind if kind in PostKind.values else ""
    posts = officer_posts(request.user, status="" if status == "all" else status, kind=kind)
    page = Paginator(posts, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "console/showcase/posts/list.html",
        {
            "page": page,
            "status": status,
            "kind": kind,
            "statuses": PostStatus.choices,
            "kinds": PostKind.choices,
            "query": f"status={status}&kind={kind}&",
            "now": timezone.now(),
        },
    )


@officer_required
def create(request):
    form = PostForm(request.POST or None, request.FILES or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            post = form.save()
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            return redirect("console:showcase-post", pk=post.pk)
    return render(
        request,
        "console/showcase/posts/edit.html",
        {"form": form, "post": None},
        status=400 if request.method == "POST" else 200,
    )


@officer_required
@POST
def detail(request, post: Post):
    editable = edits_post(request.user, post)
    form = None
    if editable:
        form = PostForm(
            request.POST or None,
            request.FILES or None,
            user=request.user,
            post=post,
            initial=PostForm.initial_for(post),
        )
        if request.method == "POST" and form.is_valid():
            try:
                form.save()
            except ValidationError as exc:
                apply_errors(form, exc)
            else:
                messages.success(request, _("Saved."))
                return redirect("console:showcase-post", pk=post.pk)
    return render(
        request,
        "console/showcase/posts/edit.html",
        {
            "form": form,
            "post": post,
            "editable": editable,
            "return_form": ReturnForm(),
            "publish_form": PublishForm(),
            "log": post_log(post),
        },
        status=400 if request.method == "POST" else 200,
    )


def _review(request, post: Post, action) -> object:
    try:
        action()
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect("console:showcase-post", pk=post.pk)


@officer_required
@require_POST
@POST
def publish(request, post: Post):
    form = PublishForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(m for ms in form.errors.values() for m in ms))
        return redirect("console:showcase-post", pk=post.pk)
    when: dt.datetime | None = form.cleaned_data["publish_at"]
    if when is not None and timezone.is_naive(when):
        when = timezone.make_aware(when)

    def action():
        services.publish_post(actor=request.user, post=post, publish_at=when)
        messages.success(request, _("Scheduled.") if when else _("Published."))

    return _review(request, post, action)


@officer_required
@require_POST
@POST
def return_post(request, post: Post):
    form = ReturnForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Say why the post is returned."))
        return redirect("console:showcase-post", pk=post.pk)

    def action():
        services.return_post(actor=request.user, post=post, reason=form.cleaned_data["reason"])
        messages.success(request, _("Returned to the author."))

    return _review(request, post, action)


@officer_required
@require_POST
@POST
def withdraw(request, post: Post):
    reason = str(request.POST.get("reason", ""))[: services.REASON_MAX]

    def action():
        services.withdraw_post(actor=request.user, post=post, reason=reason)
        messages.success(request, _("Withdrawn."))

    return _review(request, post, action)


urlpatterns = [
    path("showcase/posts/", post_list, name="showcase-posts"),
    path("showcase/posts/new/", create, name="showcase-post-new"),
    path("showcase/posts/<int:pk>/", detail, name="showcase-post"),
    path("showcase/posts/<int:pk>/publish/", publish, name="showcase-post-publish"),
    path("showcase/posts/<int:pk>/return/", return_post, name="showcase-post-return"),
    path("showcase/posts/<int:pk>/withdraw/", withdraw, name="showcase-post-withdraw"),
]
