"""The post editor's form, shared by the correspondents' pages (showcase.views.write) and the
officers' console (console.views.showcase.posts): the choices offered are those the user may
use (their units, their unions, the achievements and results of those), and saving goes
through the services, which check everything again."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from contests.models import Achievement, Contest, ContestSeries
from core.forms import Form
from core.scope import ALL, officer_path
from innovation.models import InnovationResult
from showcase.access import correspondent_employers
from showcase.models import Post, PostKind
from showcase.sanitise import BODY_MAX
from showcase.services import posts as services
from unions.models import Employer, Union
from unions.names import in_language


def _label(obj) -> str:
    if isinstance(obj, Union):
        return in_language(obj)
    return obj.name if hasattr(obj, "name") else obj.title


class PostForm(Form):
    kind = forms.ChoiceField(label=_("kind"), choices=PostKind.choices)
    title = forms.CharField(label=_("title"), max_length=services.TITLE_MAX)
    body = forms.CharField(
        label=_("body"),
        max_length=BODY_MAX,
        widget=forms.Textarea(attrs={"rows": 12}),
        help_text=_(
            "Plain text (a blank line starts a paragraph) or simple HTML: paragraphs, bold, "
            "lists, headings, links."
        ),
    )
    employer = forms.ModelChoiceField(
        label=_("work unit"), queryset=Employer.objects.none(), required=False
    )
    union = forms.ModelChoiceField(label=_("union"), queryset=Union.objects.none(), required=False)
    series = forms.ModelChoiceField(
        label=_("contest series"), queryset=ContestSeries.objects.order_by("-year"), required=False
    )
    contest = forms.ModelChoiceField(
        label=_("contest"),
        queryset=Contest.objects.exclude(status="draft").order_by("-id"),
        required=False,
    )
    achievement = forms.ModelChoiceField(
        label=_("achievement entry"), queryset=Achievement.objects.none(), required=False
    )
    innovation_result = forms.ModelChoiceField(
        label=_("innovation result"), queryset=InnovationResult.objects.none(), required=False
    )
    image = forms.FileField(
        label=_("add an image"),
        required=False,
        widget=forms.ClearableFileInput(
            attrs={"accept": "image/jpeg,image/png,image/webp,image/gif"}
        ),
        help_text=_("JPEG, PNG, WebP or GIF; resized on the server, camera data removed."),
    )

    def __init__(self, *args, user, post: Post | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user, self.post = user, post
        path = officer_path(user)
        if path is None:  # a correspondent: their units only
            employers = Employer.objects.filter(pk__in=correspondent_employers(user))
            del self.fields["union"]
            self.fields["employer"].required = True
        else:
            employers = Employer.objects.restrict(user)
            unions = Union.objects.restrict(user)
            self.fields["union"].queryset = unions.order_by("path")
            self.fields["union"].help_text = _("For a post of the union itself, without a unit.")
            if path == ALL:
                employers = Employer.objects.all()
        self.fields["employer"].queryset = employers.order_by("name")
        self.fields["achievement"].queryset = Achievement.objects.filter(
            employer__in=employers
        ).order_by("-id")
        self.fields["innovation_result"].queryset = InnovationResult.objects.filter(
            studio__employer__in=employers
        ).order_by("-id")
        for name in ("employer", "union", "series", "contest", "achievement", "innovation_result"):
            if name in self.fields:
                self.fields[name].label_from_instance = _label

    @staticmethod
    def initial_for(post: Post) -> dict[str, Any]:
        return {name: getattr(post, name) for name in services.CONTENT_FIELDS} | {
            "union": post.union
        }

    def content(self) -> dict[str, Any]:
        return {name: self.cleaned_data.get(name) for name in services.CONTENT_FIELDS}

    def save(self) -> Post:
        """Create or change the post (and add the image) through the services: all or
        nothing. ValidationError and PermissionDenied come from the services."""
        with transaction.atomic():
            if self.post is None:
                post = services.create_post(
                    actor=self.user, union=self.cleaned_data.get("union"), **self.content()
                )
            else:
                post = services.update_post(actor=self.user, post=self.post, **self.content())
            image = self.cleaned_data.get("image")
            if image:
                services.add_image(actor=self.user, post=post, upload=image)
        return post


def apply_errors(form: Form, exc: ValidationError) -> None:
    """A service's ValidationError on the form fields it names (the rest above the form)."""
    if not hasattr(exc, "error_dict"):
        form.add_error(None, exc)
        return
    for field, errors in exc.error_dict.items():
        form.add_error(field if field in form.fields else None, errors)
