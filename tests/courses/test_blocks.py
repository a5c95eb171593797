"""Each lesson block renders through its own template; the video block needs no network to render."""

import pytest
from django.template.loader import get_template
from django.test import override_settings
from wagtail.embeds import finders
from wagtail.embeds.finders.base import EmbedFinder
from wagtail.rich_text import RichText

from courses.blocks import (
    BehaviourBlock,
    CalloutBlock,
    CaseBlock,
    ChecklistBlock,
    ContentStreamBlock,
    DocumentBlock,
    FigureBlock,
    KnowledgeCheckBlock,
    LessonStreamBlock,
    QuoteBlock,
    RichTextBlock,
    VideoBlock,
    VideoFileBlock,
)
from tests import factories

VIDEO_URL = "https://www.youtube.com/watch?v=melayani123"


class FakeVideoFinder(EmbedFinder):
    """Answers for our one video without touching the network."""

    def accept(self, url):
        return url == VIDEO_URL

    def find_embed(self, url, max_width=None, max_height=None):
        return {
            "title": "Video uji",
            "author_name": "Melayani",
            "provider_name": "YouTube",
            "type": "video",
            "thumbnail_url": "",
            "width": 480,
            "height": 270,
            "html": '<iframe data-test="fake-embed" src="https://www.youtube.com/embed/melayani123"></iframe>',
        }


class NoFinder(EmbedFinder):
    """Refuses every address, as when the provider is down or unknown."""

    def accept(self, url):
        return False

    def find_embed(self, url, max_width=None, max_height=None):
        raise AssertionError("never called")


@pytest.fixture
def embed_finder(request):
    """Point Wagtail's embed finders at a local class; its cache of finders is cleared around the test."""
    finder = request.param
    finders.get_finders.cache_clear()
    with override_settings(WAGTAILEMBEDS_FINDERS=[{"class": f"{__name__}.{finder}"}]):
        yield
    finders.get_finders.cache_clear()


ALL_BLOCKS = [
    RichTextBlock,
    FigureBlock,
    VideoBlock,
    VideoFileBlock,
    DocumentBlock,
    CaseBlock,
    ChecklistBlock,
    CalloutBlock,
    QuoteBlock,
    KnowledgeCheckBlock,
    BehaviourBlock,
]


@pytest.mark.parametrize("block_class", ALL_BLOCKS)
def test_each_block_has_an_icon_a_template_and_a_description(block_class):
    meta = block_class().meta
    assert meta.icon and meta.icon != "placeholder"
    assert meta.template.startswith("blocks/")
    get_template(meta.template)
    assert str(meta.description)


def test_the_lesson_stream_offers_exactly_these_blocks():
    stream = LessonStreamBlock()
    assert {name: type(block) for name, block in stream.child_blocks.items()} == {
        "text": RichTextBlock,
        "figure": FigureBlock,
        "video": VideoBlock,
        "video_file": VideoFileBlock,
        "document": DocumentBlock,
        "case": CaseBlock,
        "checklist": ChecklistBlock,
        "callout": CalloutBlock,
        "quote": QuoteBlock,
        "knowledge_check": KnowledgeCheckBlock,
    }


def test_a_content_page_offers_material_blocks_but_no_exercises():
    assert set(ContentStreamBlock().child_blocks) == {"text", "figure", "video", "document", "callout", "quote"}


def test_the_rich_text_block_has_a_preview_value():
    assert "<h2>" in RichTextBlock().meta.preview_value


def test_rich_text_renders_in_its_wrapper():
    html = RichTextBlock().render(RichText("<p>Senyum, sapa, salam.</p>"))
    assert '<div class="block-text">' in html
    assert "<p>Senyum, sapa, salam.</p>" in html


@pytest.mark.django_db
def test_a_figure_renders_the_image_with_its_alt_text_and_caption():
    image = factories.image(title="Loket layanan")
    block = FigureBlock()
    value = block.to_python(
        {"image": {"image": image.pk, "alt_text": "Petugas di loket", "decorative": False}, "caption": "Loket"}
    )
    html = block.render(value)
    assert '<figure class="block-figure">' in html
    assert "<img" in html
    assert 'alt="Petugas di loket"' in html
    assert "<figcaption>Loket</figcaption>" in html


@pytest.mark.django_db
def test_a_figure_without_caption_has_no_figcaption():
    image = factories.image()
    block = FigureBlock()
    value = block.to_python({"image": {"image": image.pk, "alt_text": "Alt", "decorative": False}, "caption": ""})
    assert "<figcaption>" not in block.render(value)


@pytest.mark.django_db
@pytest.mark.parametrize("embed_finder", ["FakeVideoFinder"], indirect=True)
def test_a_video_renders_the_embed_and_a_link_to_the_video(embed_finder):
    block = VideoBlock()
    html = block.render(block.to_python({"video": VIDEO_URL, "caption": "Pelayanan prima"}))
    assert '<figure class="block-video">' in html
    assert 'data-test="fake-embed"' in html
    assert f'<a href="{VIDEO_URL}" rel="noopener">' in html
    assert "Pelayanan prima" in html


@pytest.mark.django_db
@pytest.mark.parametrize("embed_finder", ["NoFinder"], indirect=True)
def test_a_video_that_cannot_be_embedded_still_links_to_the_video(embed_finder):
    block = VideoBlock()
    html = block.render(block.to_python({"video": VIDEO_URL, "caption": ""}))
    assert '<figure class="block-video">' in html
    assert "<iframe" not in html
    assert f'<a href="{VIDEO_URL}" rel="noopener">' in html


@pytest.mark.django_db
def test_a_document_renders_a_download_link_with_its_type():
    document = factories.document(title="Panduan SOP", name="panduan.pdf")
    block = DocumentBlock()
    html = block.render(block.to_python({"document": document.pk, "title": ""}))
    assert '<p class="block-document">' in html
    assert f'<a href="{document.url}">Panduan SOP</a>' in html
    assert "PDF" in html


@pytest.mark.django_db
def test_a_document_uses_its_link_text_when_given():
    document = factories.document(title="Panduan SOP")
    block = DocumentBlock()
    html = block.render(block.to_python({"document": document.pk, "title": "Unduh panduan"}))
    assert ">Unduh panduan</a>" in html
    assert "Panduan SOP" not in html


@pytest.mark.django_db
@pytest.mark.parametrize("embed_finder", ["FakeVideoFinder"], indirect=True)
def test_a_lesson_page_renders_every_kind_of_block(signed_in, embed_finder):
    from courses.models import LessonPage

    module = factories.module(lessons=0)
    image = factories.image()
    document = factories.document(title="Panduan SOP")
    lesson = module.add_child(
        instance=LessonPage(
            title="Semua blok",
            slug="semua-blok",
            body=[
                ("text", RichText("<p>Teks pelajaran.</p>")),
                ("figure", {"image": {"image": image, "alt_text": "Alt", "decorative": False}, "caption": ""}),
                ("video", {"video": VIDEO_URL, "caption": ""}),
                ("document", {"document": document, "title": ""}),
            ],
        )
    )
    lesson.save_revision().publish()
    content = signed_in.get(lesson.url).content.decode()
    for css in ("block-text", "block-figure", "block-video", "block-document"):
        assert f'class="{css}"' in content
