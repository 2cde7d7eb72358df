"""The Chinese admin speaks Chinese (issue 12.12: "Award snapshots", "EMPLOYER",
"以 contest"): every model name, column heading and filter title of our admin comes from a
translatable name (gettext_lazy), never from Django's default made of the English
attribute name. (The Chinese of the new names is in the catalogues the lead fills.)"""

from django.contrib import admin
from django.utils.functional import Promise

OURS = ("core", "unions", "workers", "contests", "judging", "results", "public")


def _ours():
    return [(m, a) for m, a in admin.site._registry.items() if m._meta.app_label in OURS]


def _field_label(model, model_admin, name: str):
    """What the admin shows for a column or filter: the field's verbose name, or the
    admin method's description."""
    try:
        return model._meta.get_field(name).verbose_name
    except Exception:  # a method of the admin or the model
        attr = getattr(model_admin, name, None) or getattr(model, name, None)
        return getattr(attr, "short_description", None)


def test_admin_model_names_columns_and_filters_are_translatable():
    problems = []
    for model, model_admin in _ours():
        meta = model._meta
        labels = [("model name", meta.verbose_name), ("plural", meta.verbose_name_plural)]
        fields = [f for f in model_admin.list_display if f != "__str__"]
        # plain field names among the filters: their titles are the fields' names
        fields += [f for f in model_admin.list_filter if isinstance(f, str) and "__" not in f]
        labels += [(f, _field_label(model, model_admin, f)) for f in fields]
        problems += [
            f"{meta.label} {what}: {label!r}"
            for what, label in labels
            if label is not None and not isinstance(label, Promise)
        ]
    assert not problems, "\n".join(problems)


def test_admin_actions_are_described_translatably():
    problems = []
    for model, model_admin in _ours():
        for name in model_admin.actions or ():
            action = getattr(model_admin, name) if isinstance(name, str) else name
            if not isinstance(getattr(action, "short_description", None), Promise):
                problems.append(f"{model._meta.label}.{name}")
    assert not problems, problems
