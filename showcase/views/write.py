"""Correspondents' pages (通讯员): their posts with each one's state (and the reason when it
was returned), the editor, submitting for review. Officers write and review in the console."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core import access
from showcase.access import correspondent_employers, edits_post
from showcase.models import Post, PostImage
from showcase.services import posts as services
from showcase.views.post_forms import PostForm, apply_errors

NOT_A_CORRESPONDENT = _("Only correspondents appointed for a work unit write posts here.")


def _mine(user):
    return Post.objects.filter(author=user).select_related("employer", "union")


@login_required
def my_posts(request):
    is_correspondent = correspondent_employers(request.user).exists()
    if not is_correspondent and not _mine(request.user).exists():
        raise PermissionDenied(NOT_A_CORRESPONDENT)
    return render(
        request,
        "showcase/mine.html",
        {"posts": _mine(request.user).order_by("-updated_at")[:200], "can_write": is_correspondent},
    )


def _editor(request, post: Post | None):
    initial = PostForm.initial_for(post) if post else {}
    form = PostForm(
        request.POST or None, request.FILES or None, user=request.user, post=post, initial=initial
    )
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                post = form.save()
                if request.POST.get("submit") == "1":
                    services.submit_post(actor=request.user, post=post)
                    messages.success(request, _("Submitted for review."))
                else:
                    messages.success(request, _("Saved."))
            except ValidationError as exc:
                apply_errors(form, exc)
            else:
                return redirect("showcase:my-post", pk=post.pk)
        status = 400
    return render(
        request,
        "showcase/write.html",
        {"form": form, "post": post, "editable": post is None or edits_post(request.user, post)},
        status=status,
    )


@login_required
def new_post(request):
    if not correspondent_employers(request.user).exists():
        raise PermissionDenied(NOT_A_CORRESPONDENT)
    return _editor(request, None)


@login_required
def my_post(request, pk: int):
    post = get_object_or_404(_mine(request.user).prefetch_related("images"), pk=pk)
    if request.method == "POST":
        access.check(edits_post, request.user, post)
    return _editor(request, post)


@login_required
@require_POST
def submit(request, pk: int):
    post = get_object_or_404(_mine(request.user), pk=pk)
    try:
        services.submit_post(actor=request.user, post=post)
        messages.success(request, _("Submitted for review."))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect("showcase:my-post", pk=pk)


@login_required
@require_POST
def remove_image(request, pk: int):
    """Remove an image (its editor: the author or an officer); back to the page it was on."""
    image = get_object_or_404(PostImage.objects.select_related("post__union"), pk=pk)
    services.remove_image(actor=request.user, image=image)
    back = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(back, {request.get_host()}, request.is_secure()):
        return redirect(back)
    return redirect("showcase:my-post", pk=image.post_id)


urlpatterns = [
    path("mine/", my_posts, name="my-posts"),
    path("mine/new/", new_post, name="my-post-new"),
    path("mine/<int:pk>/", my_post, name="my-post"),
    path("mine/<int:pk>/submit/", submit, name="my-post-submit"),
    path("mine/images/<int:pk>/remove/", remove_image, name="my-image-remove"),
]
