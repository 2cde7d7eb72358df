"""core.forms.submit: a bound form's one way to a service."""

from django import forms
from django.core.exceptions import ValidationError

from core.forms import Form, submit


class NameForm(Form):
    name = forms.CharField(max_length=10)


def test_an_invalid_form_never_reaches_the_service():
    calls = []
    done = submit(NameForm({"name": ""}), calls.append)
    assert not done
    assert calls == []


def test_the_services_refusal_lands_on_the_field_it_names():
    def refuse(data):
        raise ValidationError({"name": ["taken"], "other": ["above the form"]})

    form = NameForm({"name": "甲"})
    assert not submit(form, refuse)
    assert form.errors["name"] == ["taken"]
    assert form.non_field_errors() == ["above the form"]


def test_a_taken_form_gives_what_the_service_returned():
    done = submit(NameForm({"name": "甲"}), lambda data: data["name"] * 2)
    assert done
    assert done.value == "甲甲"
