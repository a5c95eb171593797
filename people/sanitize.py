"""Rich text is cleaned when it is saved, whoever writes it (the admin editor, a service, an import).

Wagtail's editor already drops unknown markup, but services, imports and fixtures write HTML straight to
RichTextField and RichTextBlock values. nh3 (the Ammonia sanitiser) keeps Wagtail's stored rich text
format (page and document links, image and media embeds, data-block-key) and drops everything else:
<script> and <style> with their content, on* attributes, and javascript:/data: links.
"""

import re
from functools import cache

import nh3
from django.db.models.signals import pre_save
from wagtail import blocks
from wagtail.fields import RichTextField, StreamField
from wagtail.rich_text import RichText

_TAGS = {
    "p", "br", "hr", "h2", "h3", "h4", "h5", "h6", "b", "strong", "i", "em", "u", "s", "sub", "sup",
    "code", "blockquote", "ul", "ol", "li", "a", "embed", "span", "div", "table", "thead", "tbody", "tr",
    "th", "td",
}  # fmt: skip
_ATTRIBUTES = {
    "*": {"data-block-key", "class"},
    "a": {"href", "linktype", "id", "title"},
    "embed": {"embedtype", "id", "format", "alt", "url"},
    "ol": {"start"},
    "th": {"colspan", "rowspan", "scope"},
    "td": {"colspan", "rowspan"},
}
_EMBED = re.compile(r"<embed(\b[^>]*?)\s*/?>")
_SCHEMES = {"http", "https", "mailto", "tel"}


def rich_text_clean(html: str) -> str:
    """Return the HTML with only Wagtail's rich text markup left; script of any kind is removed."""
    if not html or "<" not in html:
        return html
    cleaned = nh3.clean(
        html,
        tags=_TAGS,
        attributes=_ATTRIBUTES,
        url_schemes=_SCHEMES,
        link_rel=None,
        strip_comments=True,
    )
    # Wagtail finds embeds by their self-closing form (<embed .../>); nh3 writes HTML5 void tags.
    return _EMBED.sub(r"<embed\1/>", cleaned)


def _clean_block_value(block, value):
    """Walk a StreamField value and clean every rich text in it, in place."""
    if isinstance(value, RichText):
        value.source = rich_text_clean(value.source)
    elif isinstance(value, blocks.StreamValue):
        for child in value:
            _clean_block_value(child.block, child.value)
    elif isinstance(block, blocks.StructBlock) and isinstance(value, dict):
        # StructValue is a dict; some StructBlocks (Wagtail's ImageBlock) hold a model instance instead.
        for name, child_block in block.child_blocks.items():
            if name in value:
                _clean_block_value(child_block, value[name])
    elif isinstance(block, blocks.ListBlock) and value is not None:
        for item in value:
            _clean_block_value(block.child_block, item)


@cache
def _rich_fields(model) -> tuple[list[str], list[str]]:
    concrete = model._meta.concrete_fields
    rich = [field.attname for field in concrete if isinstance(field, RichTextField)]
    streams = [field.attname for field in concrete if isinstance(field, StreamField)]
    return rich, streams


def clean_rich_text_before_save(sender, instance, raw=False, **kwargs):
    """pre_save receiver for every model: clean its RichTextFields and the rich text in its StreamFields."""
    if raw:
        return
    rich, streams = _rich_fields(type(instance))
    for name in rich:
        value = getattr(instance, name)
        if isinstance(value, str):
            setattr(instance, name, rich_text_clean(value))
    for name in streams:
        value = getattr(instance, name)
        if isinstance(value, blocks.StreamValue):
            _clean_block_value(value.stream_block, value)


def connect() -> None:
    pre_save.connect(clean_rich_text_before_save, dispatch_uid="people.sanitize.rich_text")
