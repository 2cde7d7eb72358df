"""Chinese patent numbers: form, type, year and check digit (innovation.patents)."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from innovation.patents import (
    PatentNumberError,
    PatentType,
    Problem,
    check_digit,
    parse,
    problem,
)

TYPES = st.sampled_from(["1", "2", "3", "8", "9"])


def test_check_digit_of_a_twelve_digit_number_worked_by_hand():
    # 2·2+0·3+1·4+7·5+1·6+0·7+6·8+0·9+1·2+8·3+6·4+2·5 = 157 = 14·11 + 3
    assert check_digit("201710601862") == "3"


def test_check_digit_of_an_eight_digit_number_worked_by_hand():
    # 9·2+7·3+1·4+0·5+1·6+7·7+6·8+5·9 = 191 = 17·11 + 4
    assert check_digit("97101765") == "4"


def test_a_remainder_of_ten_is_written_x():
    # 2·2+0·3+1·4+5·5+1·6+0·7+1·8+2·9+3·2+4·3+6·4+7·5 = 142 = 12·11 + 10
    assert check_digit("201510123467") == "X"
    assert str(parse("ZL201510123467.X")) == "ZL201510123467.X"


def test_a_valid_twelve_digit_number_is_parsed_with_its_parts():
    number = parse("ZL 2017 1 0601862.3")
    assert (number.year, number.type, number.serial, number.check) == (
        2017,
        PatentType.INVENTION,
        "0601862",
        "3",
    )
    assert str(number) == "ZL201710601862.3"


def test_a_valid_eight_digit_number_is_parsed_into_its_century():
    number = parse("ZL97101765.4")
    assert number.year == 1997
    assert number.short_year
    assert str(number) == "ZL97101765.4"


def test_the_zl_prefix_spaces_and_a_middle_dot_are_accepted():
    assert str(parse("201710601862·3")) == "ZL201710601862.3"
    assert str(parse(" zl 2017 10601862.3 ")) == "ZL201710601862.3"


def test_a_wrong_check_digit_is_refused():
    # The illustration ZL201510123456.7: its check digit is 1, not 7.
    assert check_digit("201510123456") == "1"
    assert problem("ZL201510123456.7") is Problem.CHECK
    assert problem("ZL201510123456.1") is None


@pytest.mark.parametrize(
    "text",
    [
        "",
        "ZL2017106018623",  # no dot
        "ZL 2017 1 0601862 .3",  # a space before the dot
        "ZL 20 17 1 0601862.3",  # a space inside the year
        "ZL2017106018.3",  # eleven digits
        "ZL201710601862.33",
        "ZL201710601862.A",
        "CN201710601862.3",
        "ZL２０１７10601862.3",  # full-width digits
        "ZL" + "1" * 60,
    ],
)
def test_a_bad_form_is_refused(text):
    assert problem(text) is Problem.FORM


def test_an_unknown_type_digit_is_refused():
    assert problem("ZL201740601862.3") is Problem.TYPE


def test_a_twelve_digit_year_before_2003_is_refused():
    digits = "200210601862"
    assert problem(f"ZL{digits}.{check_digit(digits)}") is Problem.YEAR


def test_an_eight_digit_year_after_2003_is_refused():
    digits = "05101765"
    assert problem(f"ZL{digits}.{check_digit(digits)}") is Problem.YEAR


def test_a_year_after_max_year_is_refused():
    assert problem("ZL201710601862.3", max_year=2016) is Problem.YEAR
    assert problem("ZL201710601862.3", max_year=2017) is None


def test_parse_raises_with_the_problem():
    with pytest.raises(PatentNumberError) as raised:
        parse("ZL201510123456.7")
    assert raised.value.problem is Problem.CHECK


@given(
    year=st.integers(2003, 2099),
    kind=TYPES,
    serial=st.integers(0, 9_999_999),
)
def test_every_twelve_digit_number_with_its_check_digit_round_trips(year, kind, serial):
    digits = f"{year}{kind}{serial:07d}"
    text = f"ZL{digits}.{check_digit(digits)}"
    assert str(parse(text)) == text


@given(
    year=st.sampled_from([*range(85, 100), 0, 1, 2, 3]),
    kind=TYPES,
    serial=st.integers(0, 99_999),
)
def test_every_eight_digit_number_with_its_check_digit_round_trips(year, kind, serial):
    digits = f"{year:02d}{kind}{serial:05d}"
    text = f"ZL{digits}.{check_digit(digits)}"
    assert str(parse(text)) == text


@given(
    year=st.integers(2003, 2099),
    kind=TYPES,
    serial=st.integers(0, 9_999_999),
    wrong=st.sampled_from("0123456789X"),
)
def test_every_other_check_digit_is_refused(year, kind, serial, wrong):
    digits = f"{year}{kind}{serial:07d}"
    if wrong != check_digit(digits):
        assert problem(f"ZL{digits}.{wrong}") is Problem.CHECK


@given(
    year=st.integers(2003, 2099),
    kind=TYPES,
    serial=st.integers(0, 9_999_999),
    position=st.integers(0, 11),
    delta=st.integers(1, 9),
)
def test_a_single_changed_digit_changes_the_check_digit(year, kind, serial, position, delta):
    # Weights 2..9 are all prime to 11, so one changed digit always changes the sum mod 11.
    digits = f"{year}{kind}{serial:07d}"
    changed = digits[:position] + str((int(digits[position]) + delta) % 10) + digits[position + 1 :]
    assert check_digit(changed) != check_digit(digits)


@given(st.text(max_size=60))
def test_any_text_is_parsed_or_refused_with_a_problem(text):
    result = problem(text)
    assert result is None or isinstance(result, Problem)
