"""Bulk chunks laid out as one multi-page document and split per certificate: each stored file is the certificate's
own valid, signed, single-page PDF; a failing member never holds back the others."""

import hashlib
import itertools
import shutil
import subprocess
from unittest import mock

import pypdfium2
import pytest

from certificates import batch, engine, rendering
from certificates.models import Certificate
from certificates.services import certificate_issue, certificates_issue
from certificates.signing import signature_check
from tests import factories

from .factories import template
from .helpers import jakarta, stored_bytes

pytestmark = pytest.mark.django_db


def page_texts(pdf: bytes) -> list[str]:
    document = pypdfium2.PdfDocument(pdf)
    try:
        return [" ".join(page.get_textpage().get_text_range().split()) for page in document]
    finally:
        document.close()


def title_of(pdf: bytes) -> str:
    document = pypdfium2.PdfDocument(pdf)
    try:
        return document.get_metadata_dict()["Title"]
    finally:
        document.close()


NIPS = itertools.count(1)


def people(count: int, module=None):
    module = module or factories.module(lessons=0)
    completions = []
    for _ in range(count):
        index = next(NIPS)
        user = factories.UserFactory(full_name=f"Peserta Nomor {index}, S.T.", nip=f"19850312201001{index:04d}")
        completions.append(factories.completion(user=user, module=module, completed_at=jakarta(2026)))
    return completions


def test_each_batch_rendered_certificate_is_its_own_signed_single_page_pdf(signing_key):
    completions = people(3)

    with mock.patch.object(batch, "layout", wraps=engine.layout) as laid_out:
        issued, failed = certificates_issue(completion_ids=[c.pk for c in completions])

    assert failed == []
    assert laid_out.call_count == 1  # the three certificates were one document
    files = {certificate.pdf.name for certificate in issued}
    assert len(files) == 3
    for certificate, completion in zip(issued, completions, strict=True):
        data = stored_bytes(certificate)
        assert certificate.sha256 == hashlib.sha256(data).hexdigest()
        assert Certificate.objects.get(pk=certificate.pk).sha256 == certificate.sha256
        (text,) = page_texts(data)  # exactly one page
        assert completion.user.full_name in text and certificate.number in text
        assert rendering.verification_url(certificate) in text
        others = [c.user.full_name for c in completions if c.pk != completion.pk]
        assert not any(name in text for name in others)
        assert title_of(data) == certificate.number
        check = signature_check(data)
        assert check.ok and certificate.signed


def test_a_batch_page_prints_what_the_single_path_prints():
    completions = people(2)
    single = certificate_issue(completion=completions[0])
    single_text = page_texts(stored_bytes(single))[0]
    Certificate.objects.filter(pk=single.pk).update(pdf="", sha256="")  # render it again, this time in a batch

    issued, _failed = certificates_issue(completion_ids=[c.pk for c in completions])

    assert page_texts(stored_bytes(issued[0])) == [single_text]


@pytest.mark.skipif(not shutil.which("pdffonts"), reason="needs poppler-utils")
def test_a_split_certificate_embeds_its_fonts(tmp_path):
    issued, _failed = certificates_issue(completion_ids=[c.pk for c in people(2)])
    path = tmp_path / "c.pdf"
    path.write_bytes(stored_bytes(issued[1]))

    listing = subprocess.run(["pdffonts", str(path)], capture_output=True, check=True, text=True).stdout
    rows = listing.splitlines()[2:]

    assert rows and all(row.split()[-5] == "yes" for row in rows)  # the "emb" column
    assert any("Melayani-Serif" in row for row in rows)  # the bundled font, under its @font-face family


def test_one_refused_certificate_in_a_batch_fails_alone_and_the_others_are_issued():
    completions = people(3)
    real = rendering.qr_data_uri
    bad = {}

    def qr(url):
        if not bad:  # the first certificate's QR code points outside the platform: the fetcher refuses it
            bad["url"] = url
            return "https://contoh-luar.example/qr.png"
        return real(url)

    with mock.patch.object(rendering, "qr_data_uri", side_effect=qr):
        issued, failed = certificates_issue(completion_ids=[c.pk for c in completions])

    assert failed == [completions[0].pk]
    assert [c.completion_id for c in issued] == [completions[1].pk, completions[2].pk]
    refused = Certificate.objects.get(completion=completions[0])
    assert not refused.pdf and not refused.sha256
    for certificate in issued:
        assert len(page_texts(stored_bytes(certificate))) == 1

    again, failed_again = certificates_issue(completion_ids=[c.pk for c in completions])  # the next run finishes

    assert failed_again == [] and Certificate.objects.get(pk=refused.pk).pdf


def test_a_certificate_whose_page_cannot_be_built_fails_without_holding_back_the_chunk():
    good, broken = factories.module(title="Baik", lessons=0), factories.module(title="Rusak", lessons=0)
    template(pages=[broken])
    completions = people(2, module=good) + people(1, module=broken)
    real_render_body = rendering.render_body

    def render_body(text, values):
        if values["course"] == "Rusak":
            raise ValueError("the template's body cannot be filled in")
        return real_render_body(text, values)

    with mock.patch.object(rendering, "render_body", side_effect=render_body):
        issued, failed = certificates_issue(completion_ids=[c.pk for c in completions])

    assert failed == [completions[2].pk]
    assert sorted(c.completion_id for c in issued) == [completions[0].pk, completions[1].pk]


def test_a_document_whose_pages_do_not_match_its_certificates_falls_back_to_single_renders(monkeypatch):
    completions = people(2)
    real_layout = engine.layout

    def with_an_extra_page(html):
        document = real_layout(html)
        if html.count('class="sheet"') > 1:
            document.pages.append(document.pages[0])
        return document

    monkeypatch.setattr(batch, "layout", with_an_extra_page)
    with mock.patch.object(batch, "html_to_pdf", wraps=engine.html_to_pdf) as single:
        issued, failed = certificates_issue(completion_ids=[c.pk for c in completions])

    assert failed == [] and single.call_count == 2
    for certificate, completion in zip(issued, completions, strict=True):
        (text,) = page_texts(stored_bytes(certificate))
        assert completion.user.full_name in text


def test_a_batch_is_bounded_by_the_per_certificate_time_limit_times_its_pages(settings):
    settings.MELAYANI_CERTIFICATE_RENDER_SECONDS = 7
    completions = people(3)

    with mock.patch.object(batch, "render_guard", wraps=engine.render_guard) as guard:
        certificates_issue(completion_ids=[c.pk for c in completions])

    guard.assert_called_once_with(21)


def test_the_collector_is_paused_during_a_render_and_restored_after_nesting_and_errors():
    import gc

    assert gc.isenabled()
    with pytest.raises(RuntimeError), engine.gc_paused():
        assert not gc.isenabled()
        with engine.gc_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()  # the inner pause does not end the outer one
        raise RuntimeError
    assert gc.isenabled()

    gc.disable()
    try:
        with engine.gc_paused():
            pass
        assert not gc.isenabled()  # a collector someone else switched off stays off
    finally:
        gc.enable()
