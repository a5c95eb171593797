"""Long names with academic titles are kept as entered and shrunk to fit: never cut, never overflowing the frame."""

import re
import shutil
import subprocess

import pytest

from certificates.fitting import fit_font_size, text_width_em
from certificates.models import CertificateTemplate
from certificates.rendering import FRAME_MM, PAGE_MM, document_html, html_to_pdf, sample_facts

from .factories import template

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(not shutil.which("pdftotext"), reason="needs poppler-utils"),
]

LONG_NAMES = [
    "Prof. Dr. Ir. Raden Mas Haryo Bambang Sulistyo Adikusumo Prawirodirdjo, S.T., M.T., M.Sc., Ph.D., IPU.",
    "Dr. dr. Hj. Andi Tenri Ajeng Sitti Nurhalizah Daeng Matasa Karaeng Bontonompo, Sp.PD-KGEH, M.Kes., FINASIM",
    # 255 characters: the longest a name field can hold
    ("Dr. Ir. " + "Wiryawan Kusumadewi Prawiranegara " * 7 + ", S.T., M.T.").replace(" ,", ",")[:255],
]


def words_with_boxes(pdf: bytes, tmp_path) -> tuple[int, list[tuple[str, float, float]]]:
    path = tmp_path / "c.pdf"
    path.write_bytes(pdf)
    html = subprocess.run(["pdftotext", "-bbox", str(path), "-"], capture_output=True, check=True, text=True).stdout
    pages = html.count("<page ")
    words = [
        (word, float(x_min), float(x_max))
        for x_min, x_max, word in re.findall(
            r'<word xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)"[^>]*>([^<]*)</word>', html
        )
    ]
    return pages, words


def test_a_short_name_keeps_the_largest_size_and_a_long_one_shrinks():
    short_size, short_lines = fit_font_size("Siti Aminah", box_width_mm=230, max_pt=28, min_pt=14)
    long_size, _lines = fit_font_size(LONG_NAMES[0], box_width_mm=230, max_pt=28, min_pt=14)

    assert (short_size, short_lines) == (28, 1)
    assert long_size < 28
    assert text_width_em(LONG_NAMES[0]) * long_size / _lines <= 230 * 72 / 25.4


@pytest.mark.parametrize("orientation", ["landscape", "portrait"])
@pytest.mark.parametrize("name", LONG_NAMES, ids=["titles", "many-titles", "255-chars"])
def test_the_longest_names_are_printed_whole_on_one_page_inside_the_frame(name, orientation, tmp_path):
    instance = template(orientation=orientation)
    facts = sample_facts(instance)
    facts.holder_name = name

    pages, words = words_with_boxes(html_to_pdf(document_html(instance, facts)), tmp_path)

    assert pages == 1
    printed = " ".join(word for word, _x0, _x1 in words)
    assert " ".join(name.split()) in printed.replace("&amp;", "&")  # every word, in order, nothing cut
    width_pt = PAGE_MM[orientation][0] * 72 / 25.4
    frame_pt = FRAME_MM / 2 * 72 / 25.4
    name_words = set(name.split())
    for word, x_min, x_max in words:
        if word in name_words:
            assert frame_pt - 1 <= x_min and x_max <= width_pt - frame_pt + 1, (word, x_min, x_max)


def test_titles_before_and_after_the_name_are_kept_as_entered(tmp_path):
    instance = CertificateTemplate(name="x")
    facts = sample_facts(instance)
    facts.holder_name = "Dr. Ir. Siti Rahmawati, S.T., M.T."

    _pages, words = words_with_boxes(html_to_pdf(document_html(instance, facts)), tmp_path)

    assert "Dr. Ir. Siti Rahmawati, S.T., M.T." in " ".join(word for word, _a, _b in words)
