"""Pages that explain rather than teach: plain content pages and one page per Ber-AKHLAK value."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from ..blocks import BehaviourStreamBlock, ContentStreamBlock
from .values import BerAkhlakValue


class ContentPage(Page):
    """About, help, regulations: anything that is not a module."""

    intro = models.TextField(_("introduction"), blank=True, max_length=1000)
    body = StreamField(ContentStreamBlock(), verbose_name=_("content"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("body")]
    parent_page_types = ["courses.CataloguePage", "courses.ContentPage"]
    subpage_types = ["courses.ContentPage"]
    template = "courses/content_page.html"

    class Meta:
        verbose_name = _("content page")


class ValuePage(Page):
    """One Ber-AKHLAK value: what it means, its key behaviours, and the modules and lessons that teach it."""

    value = models.ForeignKey(BerAkhlakValue, verbose_name=_("value"), on_delete=models.PROTECT, related_name="+")
    summary = models.TextField(_("in one sentence"), max_length=500)
    explanation = RichTextField(_("explanation"), blank=True)
    behaviours = StreamField(BehaviourStreamBlock(), verbose_name=_("key behaviours"), blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("value"),
        FieldPanel("summary"),
        FieldPanel("explanation"),
        FieldPanel("behaviours"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("summary"), index.SearchField("explanation")]
    parent_page_types = ["courses.CataloguePage"]
    subpage_types = []
    template = "courses/value_page.html"

    class Meta:
        verbose_name = _("Ber-AKHLAK value page")

    def clean(self):
        super().clean()
        others = ValuePage.objects.filter(value_id=self.value_id, locale_id=self.locale_id).exclude(pk=self.pk)
        if self.value_id and others.exists():
            raise ValidationError({"value": _("This value already has its page.")})

    def get_context(self, request, *args, **kwargs):
        from ..selectors import value_listing

        context = super().get_context(request, *args, **kwargs)
        context.update(value_listing(value=self.value, page=self))
        return context
