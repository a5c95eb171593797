"""Lesson content blocks: a schema with a template, icon, description and preview for each block."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageBlock


class RichTextBlock(blocks.RichTextBlock):
    class Meta:
        icon = "doc-full"
        label = _("Text")
        template = "blocks/rich_text_block.html"
        description = _("Paragraphs, headings, lists and links.")
        preview_value = (
            "<h2>Senyum, sapa, salam</h2><p>Sambut setiap pengguna layanan dengan ramah dan tanyakan kebutuhannya.</p>"
        )


class FigureBlock(blocks.StructBlock):
    image = ImageBlock(label=_("Image"))
    caption = blocks.CharBlock(label=_("Caption"), required=False, max_length=255)

    class Meta:
        icon = "image"
        label = _("Image")
        template = "blocks/figure_block.html"
        description = _("A picture with alternative text and an optional caption.")


class VideoBlock(blocks.StructBlock):
    video = EmbedBlock(label=_("Video address"), help_text=_("A YouTube or Vimeo link."))
    caption = blocks.CharBlock(label=_("Caption"), required=False, max_length=255)

    class Meta:
        icon = "media"
        label = _("Video")
        template = "blocks/video_block.html"
        description = _("An embedded video from YouTube, Vimeo or another oEmbed provider.")


class DocumentBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("Document"))
    title = blocks.CharBlock(label=_("Link text"), required=False, max_length=255)

    class Meta:
        icon = "doc-full-inverse"
        label = _("Document")
        template = "blocks/document_block.html"
        description = _("A file to download: slides, a handout or a regulation.")


class LessonStreamBlock(blocks.StreamBlock):
    text = RichTextBlock()
    figure = FigureBlock()
    video = VideoBlock()
    document = DocumentBlock()
