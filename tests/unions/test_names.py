"""A union's or region's name in the reader's language (unions.names.in_language)."""

import pytest
from django.utils import translation

from unions.models import Region, Union
from unions.names import in_language


def union(name_en: str = "") -> Union:
    return Union(name="上海市总工会", name_en=name_en)


def test_chinese_pages_show_the_chinese_name():
    with translation.override("zh-hans"):
        assert in_language(union("Shanghai Federation of Trade Unions")) == "上海市总工会"


def test_english_pages_show_the_english_name():
    with translation.override("en"):
        assert in_language(union("Shanghai Federation of Trade Unions")) == (
            "Shanghai Federation of Trade Unions"
        )


def test_english_pages_fall_back_to_the_name_when_there_is_no_english_one():
    with translation.override("en"):
        assert in_language(union()) == "上海市总工会"


def test_a_cached_row_is_named_like_its_object():
    with translation.override("en"):
        assert (
            in_language({"code": "310000", "name": "上海市", "name_en": "Shanghai"}) == "Shanghai"
        )


def test_a_name_as_text_is_translated_only_with_a_lookup():
    with translation.override("en"):
        assert in_language("上海市") == "上海市"
        assert in_language("上海市", english_names=lambda: {"上海市": "Shanghai"}) == "Shanghai"


def test_nothing_is_an_empty_name():
    with translation.override("en"):
        assert in_language(None) == ""


def test_form_choices_and_the_admin_name_unions_and_regions_in_the_readers_language():
    region = Region(name="上海市", name_en="Shanghai")
    with translation.override("en"):
        assert (str(union("Shanghai Federation")), str(region)) == (
            "Shanghai Federation",
            "Shanghai",
        )
    with translation.override("zh-hans"):
        assert (str(union("Shanghai Federation")), str(region)) == ("上海市总工会", "上海市")


@pytest.mark.django_db
def test_the_template_filter_names_a_union_in_the_pages_language():
    from django.template import Context, Template

    template = Template("{% load union_names %}{{ u|in_language }}")
    with translation.override("en"):
        assert (
            template.render(Context({"u": union("Shanghai Federation")})) == "Shanghai Federation"
        )
