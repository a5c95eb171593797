"""Reads behind the catalogue, the unit sections and the value pages: a fixed number of queries each."""

from dataclasses import dataclass

from django.core.paginator import Page as PaginatorPage
from django.core.paginator import Paginator
from django.db.models import Prefetch, Q, QuerySet
from wagtail.images import get_image_model

from ..models import BerAkhlakValue, CataloguePage, LessonPage, ModulePage, UnitSectionPage, ValuePage
from ..values import CoreValue, IppAspect
from .translations import canonical_page

PER_PAGE = 24
COVER_RENDITION = "fill-640x360"


class Format:
    ONLINE = "online"
    WORKSHOP = "workshop"
    ALL = (ONLINE, WORKSHOP)


@dataclass(frozen=True)
class CatalogueFilters:
    value: str = ""
    aspect: str = ""
    unit: str = ""
    format: str = ""
    query: str = ""

    @property
    def active(self) -> bool:
        return any((self.value, self.aspect, self.unit, self.format, self.query))


def catalogue_filters_from(params) -> CatalogueFilters:
    """Read the filters from a query string; anything unknown is ignored rather than failing the page."""
    value = params.get("nilai", "")
    aspect = params.get("aspek", "")
    fmt = params.get("format", "")
    return CatalogueFilters(
        value=value if value in CoreValue.values else "",
        aspect=aspect if aspect in IppAspect.values else "",
        unit=params.get("unit", "")[:32],
        format=fmt if fmt in Format.ALL else "",
        query=" ".join(params.get("q", "").split())[:100],
    )


def catalogue_sections(*, catalogue: CataloguePage) -> list[UnitSectionPage]:
    return list(
        UnitSectionPage.objects.child_of(catalogue).live().public().select_related("unit").order_by("unit__name")
    )


def _organiser_by_path(sections: list[UnitSectionPage]) -> dict[str, UnitSectionPage]:
    return {section.path: section for section in sections}


def catalogue_modules(
    *, catalogue: CataloguePage, filters: CatalogueFilters, sections: list[UnitSectionPage]
) -> QuerySet[ModulePage]:
    """Live, public modules anywhere below the catalogue, filtered; search is a plain title/summary match."""
    modules = ModulePage.objects.descendant_of(catalogue).live().public()
    source = canonical_page(catalogue)
    if source.pk != catalogue.pk:
        # A translated catalogue (English) lists its own modules, then the Indonesian ones not translated yet.
        untranslated = (
            ModulePage.objects.descendant_of(source)
            .live()
            .public()
            .exclude(translation_key__in=modules.values("translation_key"))
        )
        modules = ModulePage.objects.filter(Q(pk__in=modules.values("pk")) | Q(pk__in=untranslated.values("pk")))
    if filters.format == Format.WORKSHOP:
        return modules.none()
    if filters.value:
        modules = modules.filter(values__code=filters.value)
    if filters.aspect:
        modules = modules.filter(ipp_aspects__code=filters.aspect)
    if filters.unit:
        chosen = next((section.unit for section in sections if section.unit.code == filters.unit), None)
        matching = [s for s in sections if chosen is not None and s.unit.path.startswith(chosen.path)]
        condition = Q(pk__in=[])
        for section in matching:
            condition |= Q(path__startswith=section.path)
        modules = modules.filter(condition)
    if filters.query:
        modules = modules.filter(Q(title__icontains=filters.query) | Q(summary__icontains=filters.query))
    images = get_image_model().objects.prefetch_renditions(COVER_RENDITION)
    return (
        modules.select_related(None)
        .prefetch_related("values", "ipp_aspects", Prefetch("cover_image", queryset=images))
        .order_by("path")
    )


def catalogue_listing(*, catalogue: CataloguePage, filters: CatalogueFilters, page_number=None) -> dict:
    """Everything the catalogue template shows: one page of modules, the filter choices and the value pages."""
    sections = catalogue_sections(catalogue=catalogue)
    modules = catalogue_modules(catalogue=catalogue, filters=filters, sections=sections)
    page: PaginatorPage = Paginator(modules, PER_PAGE).get_page(page_number)
    by_path = _organiser_by_path(sections)
    section_path_length = len(catalogue.path) + ModulePage.steplen
    for module in page.object_list:
        section = by_path.get(module.path[:section_path_length])
        module.organiser = section.unit if section else None
    value_pages = {
        page.value_id: page for page in ValuePage.objects.child_of(catalogue).live().public().only("id", "value_id")
    }
    return {
        "modules": page.object_list,
        "page_obj": page,
        "filters": filters,
        "selected_value": filters.value,
        "values": CoreValue.choices,
        "aspects": IppAspect.choices,
        "units": [(section.unit.code, section.unit.name) for section in sections],
        "formats": [(Format.ONLINE, "online"), (Format.WORKSHOP, "workshop")],
        "value_links": [
            (value, value_pages[value.pk]) for value in BerAkhlakValue.objects.all() if value.pk in value_pages
        ],
    }


def module_organiser(*, module: ModulePage):
    """The unit whose section holds the module, or None for a module placed directly in the catalogue."""
    parent = module.get_parent().specific
    return parent.unit if isinstance(parent, UnitSectionPage) else None


def value_listing(*, value: BerAkhlakValue) -> dict:
    """The live modules and lessons tagged with a value; each lesson with its module, in three queries."""
    modules = list(ModulePage.objects.live().public().filter(values=value).order_by("title"))
    lessons = list(
        LessonPage.objects.live().public().filter(values=value).order_by("path").only("id", "title", "path", "url_path")
    )
    parent_paths = {lesson.path[: -LessonPage.steplen] for lesson in lessons}
    parents = {
        module.path: module
        for module in ModulePage.objects.filter(path__in=parent_paths).only("id", "title", "path", "url_path")
    }
    for lesson in lessons:
        lesson.module_page = parents.get(lesson.path[: -LessonPage.steplen])
    return {"modules": modules, "lessons": lessons}
