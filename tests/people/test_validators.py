"""NIP validation: one message and code per way a NIP can be wrong, and masking for public pages."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from people.validators import mask_nip, normalize_nip, validate_nip

VALID_NIP = "198503302010121002"  # born 1985-03-30, TMT 2010-12, male (1), sequence 002


def nip_error(value: str) -> ValidationError:
    with translation.override("en"), pytest.raises(ValidationError) as caught:
        validate_nip(value)
    return caught.value


def test_a_valid_pns_nip_passes():
    assert validate_nip(VALID_NIP) is None


def test_a_female_nip_with_gender_digit_2_passes():
    assert validate_nip("199012252015032001") is None


@pytest.mark.parametrize("value", ["", "   ", " . - "])
def test_an_empty_nip_is_refused_with_its_own_code(value):
    error = nip_error(value)
    assert error.code == "nip_empty"
    assert error.messages == ["Enter a NIP."]


@pytest.mark.parametrize("value", ["19850330201012100A", "1985O3302010121002", "NIP198503302010121"])
def test_letters_in_a_nip_are_refused_as_not_digits(value):
    error = nip_error(value)
    assert error.code == "nip_not_digits"
    assert error.messages == ["A NIP contains digits only."]


def test_non_ascii_digits_are_refused_as_not_digits():
    """Arabic-Indic digits pass str.isdigit() but are not a NIP."""
    error = nip_error("١٩٨٥٠٣٣٠٢٠١٠١٢١٠٠٢")
    assert error.code == "nip_not_digits"


@pytest.mark.parametrize("value,count", [("19850330201012100", 17), ("1985033020101210021", 19), ("1985", 4)])
def test_a_nip_of_the_wrong_length_says_how_many_digits_it_has(value, count):
    error = nip_error(value)
    assert error.code == "nip_length"
    assert error.messages == [f"A NIP has 18 digits; this one has {count}."]


def test_the_length_counts_digits_after_removing_spaces():
    error = nip_error("19850330 201012 1 00")
    assert error.code == "nip_length"
    assert "this one has 17" in error.messages[0]


@pytest.mark.parametrize("birth", ["19851332", "19850230", "19851301", "19850300"])
def test_an_impossible_birth_date_is_refused_and_named(birth):
    error = nip_error(f"{birth}2010121002")
    assert error.code == "nip_birth_date"
    assert error.messages == [f"The first 8 digits of a NIP are the birth date (YYYYMMDD); {birth} is not a date."]


def test_a_birth_year_before_1900_is_implausible():
    error = nip_error("189912312010121002")
    assert error.code == "nip_birth_date"
    assert error.messages == ["The birth date in this NIP (18991231) is not plausible."]


def test_a_birth_date_in_the_future_is_implausible():
    tomorrow = datetime.date.today() + datetime.timedelta(days=1)
    birth = tomorrow.strftime("%Y%m%d")
    error = nip_error(f"{birth}2010121002")
    assert error.code == "nip_birth_date"
    assert birth in error.messages[0]
    assert "not plausible" in error.messages[0]


@pytest.mark.parametrize("digit", ["0", "3", "9"])
def test_digit_15_must_be_the_gender_code_1_or_2(digit):
    error = nip_error(f"19850330201012{digit}002")
    assert error.code == "nip_gender"
    assert error.messages == [f"Digit 15 of a NIP is the gender code and must be 1 or 2, not {digit}."]


@pytest.mark.parametrize(
    "typed",
    [
        "19850330 201012 1 002",
        "19850330.201012.1.002",
        "19850330-201012-1-002",
        " 198503302010121002 ",
        "19850330\u00a0201012\t1002",
    ],
)
def test_spaces_dots_and_dashes_as_printed_on_cards_are_normalised(typed):
    assert normalize_nip(typed) == VALID_NIP
    assert validate_nip(typed) is None


def test_mask_nip_hides_the_middle_and_keeps_the_ends():
    masked = mask_nip(VALID_NIP)
    assert masked == "1985" + "*" * 11 + "002"
    assert len(masked) == 18
    assert "0330" not in masked


@pytest.mark.parametrize("value", [None, ""])
def test_mask_nip_of_nothing_is_empty(value):
    assert mask_nip(value) == ""
