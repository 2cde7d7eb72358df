"""The `english` fixture leaves nothing behind: a later test's Chinese links are at the
unprefixed addresses again. The tests run in this order (pytest keeps a file's order): the
first builds a Chinese link while the fixture has English as the default, as every page
with a language switch does."""

import pytest
from django.urls import reverse
from django.utils import translation


@pytest.mark.usefixtures("english")
def test_english_links_are_unprefixed_under_the_english_fixture():
    assert reverse("home") == "/"
    with translation.override("zh-hans"):
        reverse("home")  # the page's language switch: builds the Chinese reverse table


def test_after_the_english_fixture_chinese_links_have_no_prefix_again():
    with translation.override("zh-hans"):
        assert reverse("home") == "/"
