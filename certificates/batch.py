"""A bulk chunk's certificates laid out as one multi-page WeasyPrint document, then split into one PDF each.

Each page is exactly the sheet the single-certificate path renders (same template, fitted name size, QR code and
verification URL); what the pages share is paid once per document instead of once per certificate: the HTML parse
and style cascade set-up, font subsetting, and writing the PDF. PDFium (pypdfium2) then copies each page with the
resources it uses into a PDF of its own, and a small incremental update gives that file its own title and
language. Any failure in a shared document falls back to rendering its certificates one by one, so one bad
certificate never holds back the others.
"""

import logging
from io import BytesIO

from django.conf import settings

from .engine import PDFIUM_LOCK, html_to_pdf, layout, render_guard
from .models import Certificate
from .rendering import DocumentParts, assemble_html, certificate_facts, certificate_template, document_parts

logger = logging.getLogger(__name__)


def certificates_pdfs(certificates: list[Certificate]) -> dict[int, bytes | Exception]:
    """The unsigned PDF of each certificate by primary key, or the exception that stopped it (never raises)."""
    results: dict[int, bytes | Exception] = {}
    groups: dict[tuple[str, str], list[tuple[Certificate, DocumentParts]]] = {}
    image_urls: dict = {}
    for certificate in certificates:
        try:
            parts = document_parts(
                certificate_template(certificate), certificate_facts(certificate), image_urls=image_urls
            )
        except Exception as error:  # noqa: BLE001  (reported per certificate by the caller)
            results[certificate.pk] = error
            continue
        groups.setdefault(parts.shared, []).append((certificate, parts))
    for members in groups.values():
        if len(members) > 1:
            try:
                pdfs = _render_together([parts for _certificate, parts in members])
            except Exception:  # a refused resource, the time bound, an overflowing sheet: one at a time instead
                logger.warning(
                    "batch of %s certificates failed; rendering them one by one", len(members), exc_info=True
                )
            else:
                results.update((certificate.pk, pdf) for (certificate, _parts), pdf in zip(members, pdfs, strict=True))
                continue
        for certificate, parts in members:
            try:
                results[certificate.pk] = html_to_pdf(assemble_html([parts]))
            except Exception as error:  # noqa: BLE001  (reported per certificate by the caller)
                results[certificate.pk] = error
    return results


def _render_together(members: list[DocumentParts]) -> list[bytes]:
    """One document, one page per sheet (checked), within the per-certificate time bound times the page count."""
    with render_guard(settings.MELAYANI_CERTIFICATE_RENDER_SECONDS * len(members)):
        document = layout(assemble_html(members))
        if len(document.pages) != len(members):
            raise ValueError(f"{len(members)} certificates laid out on {len(document.pages)} pages")
        combined = document.write_pdf()
    return [
        _with_document_info(page, title=parts.title, lang=parts.lang)
        for page, parts in zip(split_pages(combined), members, strict=True)
    ]


def split_pages(pdf: bytes) -> list[bytes]:
    """One PDF per page, each with the fonts and images its page uses (PDFium copies the page's resources)."""
    import pypdfium2

    pages = []
    with PDFIUM_LOCK:
        source = pypdfium2.PdfDocument(pdf)
        try:
            for index in range(len(source)):
                single = pypdfium2.PdfDocument.new()
                try:
                    single.import_pages(source, [index])
                    output = BytesIO()
                    single.save(output)
                finally:
                    single.close()
                pages.append(output.getvalue())
        finally:
            source.close()
    return pages


def _with_document_info(pdf: bytes, *, title: str, lang: str) -> bytes:
    """The title, producer and language WeasyPrint gives a single certificate, which a copied page does not carry."""
    import weasyprint
    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    writer = IncrementalPdfFileWriter(BytesIO(pdf))
    info = generic.DictionaryObject(
        {
            generic.pdf_name("/Title"): generic.TextStringObject(title),
            generic.pdf_name("/Producer"): generic.TextStringObject(f"WeasyPrint {weasyprint.__version__}"),
        }
    )
    writer.set_info(writer.add_object(info))
    writer.root["/Lang"] = generic.TextStringObject(lang)
    writer.update_root()
    output = BytesIO()
    writer.write(output)  # the original bytes, then the update
    return output.getvalue()
