"""Page content blocks, one module per kind; each block has a template, icon, description and preview."""

from .media import DocumentBlock, FigureBlock, RichTextBlock, VideoBlock, VideoFileBlock
from .notes import CalloutBlock, QuoteBlock
from .practice import CaseBlock, ChecklistBlock, ChoiceBlock, KnowledgeCheckBlock
from .streams import BehaviourBlock, BehaviourStreamBlock, ContentStreamBlock, LessonStreamBlock

__all__ = [
    "BehaviourBlock",
    "BehaviourStreamBlock",
    "CalloutBlock",
    "CaseBlock",
    "ChecklistBlock",
    "ChoiceBlock",
    "ContentStreamBlock",
    "DocumentBlock",
    "FigureBlock",
    "KnowledgeCheckBlock",
    "LessonStreamBlock",
    "QuoteBlock",
    "RichTextBlock",
    "VideoBlock",
    "VideoFileBlock",
]
