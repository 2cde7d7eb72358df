"""The sensitive-word filter: matching, overlapping words, normalisation, union subtrees,
and one automaton per word-list version, rebuilt when any process changes a list."""

import pytest
from django.core.cache import cache

from showcase import wordfilter
from showcase.models import WordListVersion
from showcase.services import words as word_services
from showcase.wordfilter import Match, WordFilter, normalise
from tests.factories import UserFactory
from tests.showcase.factories_comments import fresh_word_filter, word  # noqa: F401

pytestmark = pytest.mark.usefixtures("fresh_word_filter")

ROOT = "/A/"


def test_a_word_is_found_with_its_span_in_the_original_text():
    found = WordFilter([("赌博", ROOT)]).find("不要去赌博网站", ROOT)
    assert found == [Match(3, 5, "赌博")]


def test_overlapping_words_are_all_reported():
    found = WordFilter([("拖欠工资", ROOT), ("工资", ROOT), ("欠工", ROOT)]).find(
        "老板拖欠工资", ROOT
    )
    assert found == [Match(2, 6, "拖欠工资"), Match(3, 5, "欠工"), Match(4, 6, "工资")]


def test_every_occurrence_is_reported():
    found = WordFilter([("bad", ROOT)]).find("bad, bad", ROOT)
    assert [(m.start, m.end) for m in found] == [(0, 3), (5, 8)]


def test_text_without_words_has_no_match():
    assert WordFilter([("赌博", ROOT)]).find("向劳模学习", ROOT) == []


def test_an_empty_list_matches_nothing():
    assert WordFilter([]).find("任何内容", ROOT) == []


def test_full_width_letters_and_case_are_folded():
    found = WordFilter([("bad", ROOT)]).find("真是ＢＡＤ啊", ROOT)
    assert found == [Match(2, 5, "bad")]


def test_spaces_and_punctuation_between_characters_do_not_hide_a_word():
    text = "去 赌-博。网站"
    found = WordFilter([("赌博", ROOT)]).find(text, ROOT)
    assert found == [Match(2, 5, "赌博")]
    assert text[2:5] == "赌-博"


def test_zero_width_characters_do_not_hide_a_word():
    assert WordFilter([("赌博", ROOT)]).find("赌\u200b博", ROOT) == [Match(0, 3, "赌博")]


def test_normalise_maps_each_character_back_to_the_original():
    text, origin = normalise("Ａ b!c")
    assert text == "abc"
    assert origin == [0, 2, 4]


def test_a_union_word_holds_text_of_its_subtree_only():
    automaton = WordFilter([("赌博", "/A/")])
    assert automaton.find("赌博", "/A/B/")
    assert automaton.find("赌博", "/A/")
    assert automaton.find("赌博", "/C/") == []


def test_the_same_word_on_two_lists_applies_to_both_subtrees():
    automaton = WordFilter([("赌博", "/A/"), ("赌博", "/C/")])
    assert automaton.find("赌博", "/C/D/")
    assert automaton.find("赌博", "/A/")


@pytest.mark.django_db
def test_a_new_word_reaches_the_filter_through_the_version(
    union_tree, django_capture_on_commit_callbacks
):
    a, b, _c = union_tree
    officer = UserFactory(is_superuser=True)
    assert wordfilter.find("去赌博", b.path) == []
    with django_capture_on_commit_callbacks(execute=True):
        word_services.add_words(actor=officer, union=a, words=["赌博"])
    assert [m.word for m in wordfilter.find("去赌博", b.path)] == ["赌博"]


@pytest.mark.django_db
def test_a_removed_word_no_longer_matches(union_tree, django_capture_on_commit_callbacks):
    a, _b, _c = union_tree
    officer = UserFactory(is_superuser=True)
    with django_capture_on_commit_callbacks(execute=True):
        (added,) = word_services.add_words(actor=officer, union=a, words=["赌博"])
    assert wordfilter.find("赌博", a.path)
    with django_capture_on_commit_callbacks(execute=True):
        word_services.remove_word(actor=officer, word=added)
    assert wordfilter.find("赌博", a.path) == []


@pytest.mark.django_db
def test_the_automaton_is_built_once_per_version(union_tree, monkeypatch):
    a, _b, _c = union_tree
    builds = []
    real_build = wordfilter.build
    monkeypatch.setattr(wordfilter, "build", lambda: builds.append(1) or real_build())
    wordfilter.find("一", a.path)
    wordfilter.find("二", a.path)
    assert len(builds) == 1


@pytest.mark.django_db
def test_another_process_change_is_seen_through_the_database_version(union_tree):
    """A process whose cache has forgotten the number reads it from the database: a change
    written by another process (version raised, words added) rebuilds the automaton."""
    a, _b, _c = union_tree
    wordfilter.find("赌博", a.path)  # built for the current version
    word(a, "赌博")
    WordListVersion.objects.update_or_create(pk=1, defaults={"number": 41})
    cache.delete(wordfilter.VERSION_KEY)
    assert [m.word for m in wordfilter.find("赌博", a.path)] == ["赌博"]


@pytest.mark.django_db
def test_a_published_version_overrides_a_stale_one_in_the_cache(db):
    wordfilter.current_version()
    wordfilter.publish_version(7)
    assert wordfilter.current_version() == 7
