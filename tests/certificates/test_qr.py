"""The QR code's mask choice (certificates/qr.py) is segno's own, only computed faster."""

import random
import string

import pytest
import segno
from segno import encoder

from certificates import qr


@pytest.fixture
def segno_mask_choice():
    """segno's original mask function, and the matrices it is asked to mask while the tests encode."""
    qr._install()
    patched = encoder.find_and_apply_best_mask
    original = patched.segno_original
    seen = []

    def recording(matrix, width, height, proposed_mask=None):
        seen.append(([bytearray(row) for row in matrix], width, height))
        return original(matrix, width, height, proposed_mask)

    encoder.find_and_apply_best_mask = recording
    try:
        yield original, seen
    finally:
        encoder.find_and_apply_best_mask = patched


def _inputs() -> list[str]:
    rnd = random.Random(2026)  # noqa: S311  (test data, not secrets)
    urls = [
        "https://melayani.example/sertifikat/periksa/"
        + "".join(rnd.choices(string.ascii_letters + string.digits + "-_", k=rnd.choice([22, 32, 43])))
        + "/"
        for _ in range(150)
    ]
    return urls + ["".join(rnd.choices(string.printable, k=rnd.randint(1, 300))) for _ in range(100)]


def test_the_fast_mask_choice_gives_segnos_mask_and_matrix(segno_mask_choice):
    original, seen = segno_mask_choice
    for text in _inputs():
        for error in "lmqh":
            segno.make(text, error=error, micro=False, boost_error=False)
    masks = set()
    for matrix, width, height in seen:
        expected_mask, expected_matrix = original([bytearray(row) for row in matrix], width, height)
        mask, rows = qr._best_mask([bytearray(row) for row in matrix], width)
        assert mask == expected_mask
        assert [bytes(row) for row in rows] == [bytes(row) for row in expected_matrix]
        assert all(isinstance(row, bytearray) for row in rows)  # segno writes the format information into them
        masks.add(mask)
    assert masks == set(range(8))  # every mask was the best one somewhere: the comparison covers them all
    assert len({width for _matrix, width, _height in seen}) > 5  # and many symbol sizes


def test_a_certificate_qr_code_is_the_one_segno_makes_on_its_own(segno_mask_choice):
    """Same symbol bit for bit, so the same scan robustness: only the time to choose the mask differs."""
    original, _seen = segno_mask_choice
    url = "https://melayani.example/sertifikat/periksa/AbCdEfGhIjKlMnOpQrStUv/"
    encoder.find_and_apply_best_mask = original
    expected = segno.make(url, error="m")
    qr._install.cache_clear()  # routes segno through the fast choice again
    ours = segno.make(url, error="m")
    assert (ours.mask, ours.version, ours.matrix) == (expected.mask, expected.version, expected.matrix)
    assert qr.qr_data_uri(url) == expected.png_data_uri(scale=1, border=2)


def test_micro_codes_and_fixed_masks_are_left_to_segno(segno_mask_choice):
    original, _seen = segno_mask_choice
    qr._install.cache_clear()
    qr._install()
    micro = segno.make("12345", micro=True)
    fixed = segno.make("https://melayani.example/", mask=3)
    encoder.find_and_apply_best_mask = original
    assert segno.make("12345", micro=True).matrix == micro.matrix
    assert fixed.mask == 3
    assert segno.make("https://melayani.example/", mask=3).matrix == fixed.matrix
