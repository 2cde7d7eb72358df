"""The public innovation statistics page: a union's subtree over a period (its figures and the
press paragraph). /innovation/stats/?union=<code>&since=&until= (all optional: without a
union, the top unions are offered)."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.shortcuts import render
from django.urls import path
from django.utils.translation import gettext_lazy as _

from core.forms import Form
from core.validators import validate_plausible_date
from innovation.selectors import stats
from unions.models import Union
from unions.names import in_language


class PeriodForm(Form):
    union = forms.ModelChoiceField(
        label=_("union"),
        queryset=Union.objects.order_by("path"),
        to_field_name="code",
        required=False,
    )
    since = forms.DateField(label=_("from"), required=False, validators=[validate_plausible_date])
    until = forms.DateField(
        label=_("until (inclusive)"), required=False, validators=[validate_plausible_date]
    )

    def clean(self):
        data = super().clean()
        if data.get("since") and data.get("until") and data["until"] < data["since"]:
            self.add_error("until", _("The end comes before the start."))
        return data


def stats_page(request):
    form = PeriodForm(request.GET or None)
    context = {"form": form, "tops": Union.objects.filter(parent__isnull=True).order_by("code")}
    status = 200
    if form.is_bound and not form.is_valid():
        status = 400
    elif form.is_bound and form.cleaned_data.get("union") is not None:
        union = form.cleaned_data["union"]
        since, until = form.cleaned_data.get("since"), form.cleaned_data.get("until")
        figures = stats.figures(
            union, since=since, until=until + dt.timedelta(days=1) if until else None
        )
        context.update(
            union=union,
            figures=figures,
            press=stats.press_paragraph(figures, union_name=in_language(union), since=since),
        )
    return render(request, "innovation/stats/page.html", context, status=status)


urlpatterns = [path("stats/", stats_page, name="stats")]
