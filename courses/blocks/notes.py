"""Blocks that set text apart: a callout and a quotation."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks


class CalloutBlock(blocks.StructBlock):
    kind = blocks.ChoiceBlock(
        label=_("Kind"),
        choices=[("info", _("Information")), ("tip", _("Tip")), ("warning", _("Warning"))],
        default="info",
    )
    title = blocks.CharBlock(label=_("Title"), required=False, max_length=120)
    text = blocks.RichTextBlock(label=_("Text"), features=["bold", "italic", "link", "ul", "ol"])

    class Meta:
        icon = "info-circle"
        label = _("Callout")
        template = "blocks/callout_block.html"
        description = _("A highlighted box for a tip, a warning or a key point.")
        preview_value = {
            "kind": "tip",
            "title": "Ingat",
            "text": "<p>Tawarkan bantuan lanjutan sebelum pengguna layanan pergi.</p>",
        }


class QuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock(label=_("Quotation"))
    attribution = blocks.CharBlock(label=_("Who said it"), required=False, max_length=255)

    class Meta:
        icon = "openquote"
        label = _("Quote")
        template = "blocks/quote_block.html"
        description = _("A quotation with the name of whoever said or wrote it.")
        preview_value = {
            "quote": "Pelayanan yang baik dimulai dari mendengarkan.",
            "attribution": "Widyaiswara Pusdiklat",
        }
