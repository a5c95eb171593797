"""A unit's section of the catalogue: the subtree whose pages that unit's trainers may edit."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page


class UnitSectionPage(Page):
    """Modules organised by one unit kerja; its trainers' group gets page permissions here and nowhere else."""

    unit = models.ForeignKey(
        "people.Unit", verbose_name=_("organiser unit"), on_delete=models.PROTECT, related_name="course_sections"
    )
    intro = RichTextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("unit"), FieldPanel("intro")]
    parent_page_types = ["courses.CataloguePage"]
    subpage_types = ["courses.ModulePage"]
    template = "courses/unit_section_page.html"

    class Meta:
        verbose_name = _("unit section")
        verbose_name_plural = _("unit sections")

    def clean(self):
        super().clean()
        parent = self.get_parent() if self.pk else None
        if self.unit_id and parent is not None:
            others = UnitSectionPage.objects.child_of(parent).filter(unit_id=self.unit_id, locale_id=self.locale_id)
            if others.exclude(pk=self.pk).exists():
                raise ValidationError({"unit": _("This unit already has a section in the catalogue.")})

    def get_context(self, request, *args, **kwargs):
        from .pages import ModulePage

        context = super().get_context(request, *args, **kwargs)
        context["modules"] = (
            ModulePage.objects.child_of(self).live().public().prefetch_related("values").order_by("path")
        )
        return context
