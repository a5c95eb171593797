"""Blocks that show material: text, pictures, videos and files."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageBlock

VIDEO_EXTENSIONS = {"mp4": "video/mp4", "webm": "video/webm", "ogv": "video/ogg"}


def _latest(model_path: str):
    """The newest image or document, so a block preview shows something real when the library has one."""
    from django.apps import apps

    return apps.get_model(model_path).objects.order_by("-pk").first()


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

    def get_preview_value(self):
        image = _latest("wagtailimages.Image")
        if image is not None:
            image.contextual_alt_text, image.decorative = "Petugas melayani warga di loket", False
        return blocks.StructValue(self, [("image", image), ("caption", "Loket pelayanan terpadu")])


class VideoBlock(blocks.StructBlock):
    video = EmbedBlock(label=_("Video address"), help_text=_("A YouTube or Vimeo link."))
    caption = blocks.CharBlock(label=_("Caption"), required=False, max_length=255)

    class Meta:
        icon = "media"
        label = _("Video")
        template = "blocks/video_block.html"
        description = _("An embedded video from YouTube, Vimeo or another oEmbed provider.")
        preview_value = {"video": None, "caption": "Contoh pelayanan prima di loket"}


class VideoFileBlock(blocks.StructBlock):
    """A video uploaded to the document library and played by the browser itself (no third party)."""

    file = DocumentChooserBlock(
        label=_("Video file"), help_text=_("An MP4 or WebM file uploaded to the documents library.")
    )
    caption = blocks.CharBlock(label=_("Caption"), required=False, max_length=255)
    transcript = blocks.TextBlock(
        label=_("Transcript"), required=False, help_text=_("What is said and shown, for people who cannot watch.")
    )

    class Meta:
        icon = "media"
        label = _("Video file")
        template = "blocks/video_file_block.html"
        description = _("An uploaded video played in the page, with an optional transcript.")

    def clean(self, value):
        from django.core.exceptions import ValidationError
        from wagtail.blocks import StructBlockValidationError

        result = super().clean(value)
        document = result.get("file")
        if document is not None and document.file_extension.lower() not in VIDEO_EXTENSIONS:
            raise StructBlockValidationError(
                block_errors={"file": ValidationError(_("Choose an MP4 or WebM video file."))}
            )
        return result

    def get_preview_value(self):
        return blocks.StructValue(
            self, [("file", None), ("caption", "Rekaman simulasi layanan"), ("transcript", "Petugas menyapa warga.")]
        )

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        document = value.get("file")
        extension = document.file_extension.lower() if document else ""
        context["mime_type"] = VIDEO_EXTENSIONS.get(extension, "")
        return context


class DocumentBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("Document"))
    title = blocks.CharBlock(label=_("Link text"), required=False, max_length=255)

    class Meta:
        icon = "doc-full-inverse"
        label = _("Document")
        template = "blocks/document_block.html"
        description = _("A file to download: slides, a handout or a regulation.")

    def get_preview_value(self):
        return blocks.StructValue(self, [("document", _latest("wagtaildocs.Document")), ("title", "Bahan tayang")])
