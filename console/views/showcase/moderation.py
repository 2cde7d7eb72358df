"""Console: the moderation of comments (先审后发) and the sensitive-word lists.

The queue lists the comments of the officer's union subtree in tabs: held by the word
filter (the matched words marked), pending review, reported (heaviest reports first), hidden,
all. Ticked comments are approved, rejected, hidden or have their reports dismissed in one
go, with a reason (showcase.services.moderation: audited, all or nothing). The word page
lists the words of the officer's lists, adds words (one a line) to a union's list and
removes one. The log page lists every decision and word change: who, what, old, new, why.
"""

from __future__ import annotations

from urllib.parse import urlencode

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_POST

from console import nav
from console.views.base import form_errors, officer_required
from core import forms as core_forms
from core.access import hidden
from core.pages import scoped_page
from showcase.access_comments import manages_word
from showcase.models import CommentStatus, SensitiveWord
from showcase.models.comments import REASON_MAX
from showcase.selectors import comments as selectors
from showcase.services import moderation as moderation_services
from showcase.services import words as word_services
from unions.models import Union

PAGE_SIZE = 30
TABS = (
    ("held", gettext_lazy("Held by the word filter")),
    ("pending", gettext_lazy("Pending review")),
    ("reported", gettext_lazy("Reported")),
    ("hidden", gettext_lazy("Hidden")),
    ("all", gettext_lazy("All")),
)
WORD = scoped_page(
    SensitiveWord.objects.select_related("union"), name="word", permission=hidden(manages_word)
)

nav.section(58, gettext_lazy("Comment moderation"), "console:comment-moderation")


class BulkForm(core_forms.Form):
    action = forms.ChoiceField(
        label=gettext_lazy("action"),
        choices=[(a.value, a.label) for a in moderation_services.ACTIONS],
    )
    reason = forms.CharField(label=gettext_lazy("reason"), max_length=REASON_MAX, required=False)


class WordsForm(core_forms.Form):
    union = forms.ModelChoiceField(label=gettext_lazy("union"), queryset=Union.objects.none())
    words = forms.CharField(
        label=gettext_lazy("words, one a line"),
        max_length=word_services.WORDS_MAX * 60,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["union"].queryset = Union.objects.restrict(user).order_by("path")


def _tab(request) -> str:
    tab = request.GET.get("queue", "held")
    return tab if tab in selectors.QUEUES else "held"


@officer_required
def queue(request):
    tab = _tab(request)
    search = request.GET.get("q", "").strip()[:100]
    form = BulkForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            changed = moderation_services.moderate(
                actor=request.user,
                comment_ids=request.POST.getlist("comments")[: moderation_services.BATCH_MAX + 1],
                action=form.cleaned_data["action"],
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as exc:
            form_errors(form, exc)
        except PermissionDenied as exc:
            form.add_error(None, str(exc))
            status = 403
        else:
            messages.success(
                request,
                ngettext("%(n)d comment changed.", "%(n)d comments changed.", changed)
                % {"n": changed},
            )
            return redirect(f"{request.path}?{urlencode({'queue': tab, 'q': search})}")
    if request.method == "POST" and status == 200:
        status = 400
    comments = selectors.queue(request.user, tab, search=search)
    page = Paginator(comments, PAGE_SIZE).get_page(request.GET.get("page"))
    for comment in page:
        comment.pieces = selectors.highlighted(comment.body, comment.matches)
        comment.shown_author = selectors.author_name(comment.author)
    return render(
        request,
        "console/showcase/moderation/queue.html",
        {
            "tabs": TABS,
            "tab": tab,
            "counts": selectors.queue_counts(request.user),
            "search": search,
            "page": page,
            "query": urlencode({"queue": tab, "q": search}) + "&",
            "form": form,
            "ticked": set(request.POST.getlist("comments")),
        },
        status=status,
    )


@officer_required
def words(request):
    search = request.GET.get("q", "").strip()[:50]
    form = WordsForm(request.POST or None, user=request.user)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                added = word_services.add_words(
                    actor=request.user,
                    union=form.cleaned_data["union"],
                    words=form.cleaned_data["words"].splitlines(),
                )
            except ValidationError as exc:
                form_errors(form, exc)
            else:
                messages.success(
                    request,
                    ngettext("%(n)d word added.", "%(n)d words added.", len(added))
                    % {"n": len(added)},
                )
                return redirect("console:comment-words")
        status = 400
    page = Paginator(selectors.officer_words(request.user, search=search), 200).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "console/showcase/moderation/words.html",
        {"form": form, "page": page, "search": search, "query": urlencode({"q": search}) + "&"},
        status=status,
    )


@officer_required
@require_POST
@WORD
def remove_word(request, word: SensitiveWord):
    word_services.remove_word(
        actor=request.user, word=word, reason=request.POST.get("reason", "")[:REASON_MAX]
    )
    messages.success(request, _("“%(word)s” removed.") % {"word": word.word})
    return redirect("console:comment-words")


@officer_required
def log(request):
    page = Paginator(selectors.moderation_log(request.user), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    labels = dict(CommentStatus.choices)
    for entry in page:
        entry.old_label = labels.get(entry.old, entry.old)
        entry.new_label = labels.get(entry.new, entry.new)
    return render(request, "console/showcase/moderation/log.html", {"page": page, "query": ""})


urlpatterns = [
    path("showcase/moderation/", queue, name="comment-moderation"),
    path("showcase/moderation/words/", words, name="comment-words"),
    path("showcase/moderation/words/<int:pk>/remove/", remove_word, name="comment-word-remove"),
    path("showcase/moderation/log/", log, name="moderation-log"),
]
