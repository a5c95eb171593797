"""The streams trainers compose pages from."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from .media import DocumentBlock, FigureBlock, RichTextBlock, VideoBlock, VideoFileBlock
from .notes import CalloutBlock, QuoteBlock
from .practice import CaseBlock, ChecklistBlock, KnowledgeCheckBlock


class LessonStreamBlock(blocks.StreamBlock):
    text = RichTextBlock()
    figure = FigureBlock()
    video = VideoBlock()
    video_file = VideoFileBlock()
    document = DocumentBlock()
    case = CaseBlock()
    checklist = ChecklistBlock()
    callout = CalloutBlock()
    quote = QuoteBlock()
    knowledge_check = KnowledgeCheckBlock()


class ContentStreamBlock(blocks.StreamBlock):
    """A plain page (about, help, regulations): material only, no exercises."""

    text = RichTextBlock()
    figure = FigureBlock()
    video = VideoBlock()
    document = DocumentBlock()
    callout = CalloutBlock()
    quote = QuoteBlock()


class BehaviourBlock(blocks.StructBlock):
    """A key behaviour of a Ber-AKHLAK value, as the value page explains it."""

    name = blocks.CharBlock(label=_("Behaviour"), max_length=200)
    description = blocks.TextBlock(label=_("What it looks like at the service desk"), required=False)

    class Meta:
        icon = "user"
        label = _("Key behaviour")
        template = "blocks/behaviour_block.html"
        description = _("One key behaviour of the value, with an example from public service.")
        preview_value = {
            "name": "Memahami dan memenuhi kebutuhan masyarakat",
            "description": "Menanyakan keperluan warga dan memastikan ia pulang dengan jawaban.",
        }


class BehaviourStreamBlock(blocks.StreamBlock):
    behaviour = BehaviourBlock()
