"""Module catalogue, modules and lessons as Wagtail pages."""

from django import forms
from django.contrib.auth.views import redirect_to_login
from django.db import models
from django.template.loader import render_to_string
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from ..blocks import LessonStreamBlock
from ..page_cache import CachedRoutingMixin, CachedViewRestrictionsMixin, fragment_for_pages, query_key
from .values import BerAkhlakValue, IppAspectTag


class CataloguePage(CachedRoutingMixin, CachedViewRestrictionsMixin, Page):
    """The list of modules an ASN can take; the site's home page. Unit sections, value pages and plain pages sit
    below it."""

    intro = RichTextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    subpage_types = [
        "courses.UnitSectionPage",
        "courses.ModulePage",
        "courses.WorkshopPage",
        "courses.ValuePage",
        "courses.ContentPage",
    ]
    max_count_per_parent = 1
    template = "courses/catalogue_page.html"

    class Meta:
        verbose_name = _("module catalogue")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Nothing in it is about the visitor: rendered once per publish, language and query string (page_cache).
        context["catalogue_html"] = fragment_for_pages(
            request, ("catalogue", self.pk, query_key(request)), lambda: self._render_listing(request, context)
        )
        return context

    def _render_listing(self, request, context) -> str:
        from ..selectors import catalogue_filters_from, catalogue_listing

        filters = catalogue_filters_from(request.GET)
        context.update(catalogue_listing(catalogue=self, filters=filters, page_number=request.GET.get("halaman")))
        return render_to_string("courses/includes/catalogue_listing.html", context, request=request)


class ModulePageForm(WagtailAdminPageForm):
    """The module editor refuses prerequisites that lead back to the module, naming the cycle."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("prerequisites")
        if field is not None and self.instance.pk:
            field.queryset = field.queryset.exclude(pk=self.instance.pk)  # never offer the module itself

    def clean(self):
        from ..selectors.prerequisites import prerequisite_cycle
        from ..services.prerequisites import prerequisite_cycle_message

        cleaned_data = super().clean()
        chosen = cleaned_data.get("prerequisites")
        if chosen:
            cycle = prerequisite_cycle(module=self.instance, prerequisites=list(chosen))
            if cycle:
                self.add_error("prerequisites", prerequisite_cycle_message(cycle))
        return cleaned_data


class ModulePage(CachedViewRestrictionsMixin, Page):
    """A Ber-AKHLAK module: lessons below it, a quiz attached, JP credited on completion."""

    summary = models.TextField(_("summary"), max_length=1000)
    objectives = RichTextField(
        _("learning objectives"),
        blank=True,
        features=["ul", "ol", "bold", "italic"],
        help_text=_("What a learner can do after the module, as a list."),
    )
    jp = models.PositiveSmallIntegerField(
        _("JP"), help_text=_("Learning hours (jam pelajaran) credited on completion.")
    )
    values = ParentalManyToManyField(BerAkhlakValue, verbose_name=_("Ber-AKHLAK values"), blank=True)
    ipp_aspects = ParentalManyToManyField(
        IppAspectTag, verbose_name=_("IPP aspects"), blank=True, related_name="modules"
    )
    estimated_minutes = models.PositiveSmallIntegerField(_("estimated minutes"), null=True, blank=True)
    cover_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("cover image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # Enforced by courses.selectors.missing_prerequisites; only published prerequisites count.
    prerequisites = ParentalManyToManyField(
        "self",
        verbose_name=_("prerequisites"),
        symmetrical=False,
        blank=True,
        related_name="required_by",
        help_text=_("Modules a learner must complete before starting this one."),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("objectives"),
        FieldPanel("cover_image"),
        MultiFieldPanel(
            [FieldPanel("jp"), FieldPanel("estimated_minutes")],
            heading=_("Credit and duration"),
        ),
        FieldPanel("values", widget=forms.CheckboxSelectMultiple),
        FieldPanel("ipp_aspects", widget=forms.CheckboxSelectMultiple),
        FieldPanel("prerequisites"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("summary")]
    base_form_class = ModulePageForm
    parent_page_types = ["courses.CataloguePage", "courses.UnitSectionPage"]
    subpage_types = ["courses.LessonPage"]
    template = "courses/module_page.html"

    class Meta:
        verbose_name = _("module")
        constraints = [models.CheckConstraint(condition=models.Q(jp__lte=200), name="courses_module_jp_sane")]

    def lessons(self):
        return LessonPage.objects.child_of(self).live().order_by("path")

    def get_context(self, request, *args, **kwargs):
        from ..selectors import module_progress
        from ..selectors.translations import canonical_page

        context = super().get_context(request, *args, **kwargs)
        context["lessons"] = self.lessons()
        # The quiz belongs to the Indonesian source: an English copy is the same module (no query for the source).
        context["source_module"] = canonical_page(self)
        if request.user.is_authenticated:
            context["progress"] = module_progress(user=request.user, module=self)
        # The description and the lesson list are the same for everyone: rendered once per publish and language.
        context["module_head_html"] = fragment_for_pages(
            request, ("module-head", self.pk), lambda: self._render_head(request, context)
        )
        context["module_lessons_html"] = fragment_for_pages(
            request,
            ("module-lessons", self.pk),
            lambda: render_to_string("courses/includes/module_lessons.html", context, request=request),
        )
        return context

    def _render_head(self, request, context) -> str:
        from ..selectors import module_organiser

        context["organiser"] = module_organiser(module=self)
        return render_to_string("courses/includes/module_head.html", context, request=request)


class LessonPage(CachedViewRestrictionsMixin, Page):
    """One lesson; reading it needs a sign-in so progress can be kept."""

    body = StreamField(LessonStreamBlock(), verbose_name=_("content"))
    values = ParentalManyToManyField(
        BerAkhlakValue,
        verbose_name=_("Ber-AKHLAK values"),
        blank=True,
        related_name="lessons",
        help_text=_("The values this lesson teaches; the value pages list it."),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("body"),
        FieldPanel("values", widget=forms.CheckboxSelectMultiple),
    ]
    search_fields = [*Page.search_fields, index.SearchField("body")]
    parent_page_types = ["courses.ModulePage"]
    subpage_types = []
    template = "courses/lesson_page.html"

    class Meta:
        verbose_name = _("lesson")

    @cached_property
    def module(self) -> "ModulePage":
        """The module this lesson sits in; asked several times per request, so fetched once, from the page cache
        (no query until the next publish or page save)."""
        parent = getattr(self, "_cached_parent_obj", None)
        if isinstance(parent, ModulePage):
            return parent
        from ..page_cache import page_for_pages

        path = self.path[: -self.steplen]
        module = page_for_pages(("module", path), lambda: ModulePage.objects.filter(path=path).first())
        if module is None:
            raise ModulePage.DoesNotExist(f"no module at {path}")
        return module

    def serve(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not getattr(request, "is_preview", False):
            # An editor previewing a lesson is not learning it.
            from ..services import lesson_visit

            lesson_visit(user=request.user, lesson=self)
        return super().serve(request, *args, **kwargs)

    def get_context(self, request, *args, **kwargs):
        from ..selectors import lesson_state

        context = super().get_context(request, *args, **kwargs)
        module = self.module
        context.update(module=module, **lesson_state(user=request.user, lesson=self, module=module))
        # The body (StreamField blocks, rich text) is the same for everyone: rendered once per publish and language.
        context["lesson_body_html"] = fragment_for_pages(
            request,
            ("lesson-body", self.pk),
            lambda: render_to_string("courses/includes/lesson_body.html", context, request=request),
        )
        return context
