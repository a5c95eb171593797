"""Reads behind the catalogue, the unit sections and the value pages: a fixed number of queries each."""

from dataclasses import dataclass

from django.core.paginator import Page as PaginatorPage
from django.core.paginator import Paginator
from django.db.models import Prefetch, Q, QuerySet
from wagtail.images import get_image_model
from wagtail.models import Page

from ..models import BerAkhlakValue, CataloguePage, LessonPage, ModulePage, UnitSectionPage, ValuePage
from ..values import CoreValue, IppAspect
from .translations import canonical_page, default_locale_id, with_untranslated
from .workshops import catalogue_workshops

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


def catalogue_sections(
    *, catalogue: CataloguePage, source: CataloguePage | None = None, private: Q | None = None
) -> list[UnitSectionPage]:
    """The catalogue's live, public unit sections, and for a translated catalogue its source's too: one query.

    An English catalogue also lists the Indonesian modules not translated yet, which sit in Indonesian sections:
    their organiser and the unit filter need those sections. private: Wagtail's private_q(), when already read.
    """
    where = UnitSectionPage.objects.child_of_q(catalogue)
    if source is not None and source.pk != catalogue.pk:
        where |= UnitSectionPage.objects.child_of_q(source)
    sections = UnitSectionPage.objects.filter(where).live()
    sections = sections.exclude(private) if private is not None else sections.public()
    return list(sections.select_related("unit").order_by("unit__name", "path"))


def _organiser_by_path(sections: list[UnitSectionPage]) -> dict[str, UnitSectionPage]:
    return {section.path: section for section in sections}


def _unit_choices(sections: list[UnitSectionPage]) -> list[tuple[str, str]]:
    """(code, name) per unit, once even when the unit has a section in both languages."""
    return list(dict.fromkeys((section.unit.code, section.unit.name) for section in sections))


def catalogue_modules(
    *,
    catalogue: CataloguePage,
    filters: CatalogueFilters,
    sections: list[UnitSectionPage],
    source: CataloguePage | None = None,
    private: Q | None = None,
) -> QuerySet[ModulePage]:
    """Live, public modules anywhere below the catalogue, filtered; search is a plain title/summary match.

    A translated catalogue (English) lists its own modules, then the source's (Indonesian) not translated yet;
    sections must then hold both catalogues' sections (catalogue_sections with the source) for the unit filter.
    """
    source = source if source is not None else canonical_page(catalogue)
    private = private if private is not None else ModulePage.objects.private_q()
    modules = ModulePage.objects.descendant_of(catalogue).live().exclude(private)
    if source.pk != catalogue.pk:
        modules = with_untranslated(modules, ModulePage.objects.descendant_of(source).live().exclude(private))
    if filters.format == Format.WORKSHOP:
        return modules.none()
    if filters.value:
        modules = modules.filter(values__code=filters.value)
    if filters.aspect:
        modules = modules.filter(ipp_aspects__code=filters.aspect)
    if filters.unit:
        # The unit's sections and those of the units below it, in either language's tree.
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


def _value_pages(*, catalogue: CataloguePage, source: CataloguePage, private: Q) -> dict[int, ValuePage]:
    """value id -> its value page in the catalogue's language, else the source catalogue's: one query."""
    where = ValuePage.objects.child_of_q(catalogue)
    if source.pk != catalogue.pk:
        where |= ValuePage.objects.child_of_q(source)
    pages = (
        ValuePage.objects.filter(where).live().exclude(private).only("id", "title", "value_id", "locale_id", "url_path")
    )
    by_value: dict[int, ValuePage] = {}
    for page in sorted(pages, key=lambda page: page.locale_id != catalogue.locale_id):  # the catalogue's own first
        by_value.setdefault(page.value_id, page)
    return by_value


def catalogue_listing(*, catalogue: CataloguePage, filters: CatalogueFilters, page_number=None) -> dict:
    """Everything the catalogue template shows: one page of modules, the workshops beside them, the filter choices
    and the value pages."""
    source = canonical_page(catalogue)  # no query for the Indonesian catalogue
    private = ModulePage.objects.private_q()  # view restrictions read once for sections, modules and value pages
    sections = catalogue_sections(catalogue=catalogue, source=source, private=private)
    modules = catalogue_modules(catalogue=catalogue, filters=filters, sections=sections, source=source, private=private)
    page: PaginatorPage = Paginator(modules, PER_PAGE).get_page(page_number)
    by_path = _organiser_by_path(sections)
    section_path_lengths = {len(section.path) for section in sections}  # one per tree, the same when equally deep
    for module in page.object_list:
        section = next(
            (by_path[module.path[:length]] for length in section_path_lengths if module.path[:length] in by_path), None
        )
        module.organiser = section.unit if section else None
    value_pages = _value_pages(catalogue=catalogue, source=source, private=private)
    return {
        "modules": page.object_list,
        "page_obj": page,
        "workshops": catalogue_workshops(catalogue=catalogue, format=filters.format, source=source, private=private),
        "filters": filters,
        "selected_value": filters.value,
        "values": CoreValue.choices,
        "aspects": IppAspect.choices,
        "units": _unit_choices(sections),
        "formats": [(Format.ONLINE, "online"), (Format.WORKSHOP, "workshop")],
        "value_links": [
            (value, value_pages[value.pk]) for value in BerAkhlakValue.objects.all() if value.pk in value_pages
        ],
    }


def module_organiser(*, module: ModulePage):
    """The unit whose section holds the module, or None for a module placed directly in the catalogue."""
    parent = module.get_parent().specific
    return parent.unit if isinstance(parent, UnitSectionPage) else None


def value_listing(*, value: BerAkhlakValue, page: ValuePage | None = None) -> dict:
    """The live, public modules and lessons tagged with a value, in the value page's language; four queries.

    The Indonesian page lists Indonesian pages only. A translated (English) page lists its language's pages, and an
    Indonesian one only where that language has no live translation of it, so nothing appears twice. Each lesson
    comes with its module (its parent, in whichever tree it sits).
    """
    default = default_locale_id()
    locale_id = page.locale_id if page is not None and page.locale_id else default
    private = Page.objects.private_q()
    modules = list(
        ModulePage.objects.live()
        .exclude(private)
        .filter(_in_language(ModulePage, locale_id=locale_id, default=default, private=private), values=value)
        .order_by("title", "path")
    )
    lessons = list(
        LessonPage.objects.live()
        .exclude(private)
        .filter(_in_language(LessonPage, locale_id=locale_id, default=default, private=private), values=value)
        .order_by("path")
        .only("id", "title", "path", "url_path", "locale_id")
    )
    lessons.sort(key=lambda lesson: lesson.locale_id != locale_id)  # the page's language first, as the catalogue
    parent_paths = {lesson.path[: -LessonPage.steplen] for lesson in lessons}
    parents = {
        module.path: module
        for module in ModulePage.objects.filter(path__in=parent_paths).only("id", "title", "path", "url_path")
    }
    for lesson in lessons:
        lesson.module_page = parents.get(lesson.path[: -LessonPage.steplen])
    return {"modules": modules, "lessons": lessons}


def _in_language(model, *, locale_id: int | None, default: int | None, private: Q) -> Q:
    """Pages in the language, and default-language pages without a live, public translation in it."""
    if locale_id is None or locale_id == default:
        return Q(locale_id=locale_id) if locale_id is not None else Q()
    translated = model.objects.live().exclude(private).filter(locale_id=locale_id).values("translation_key")
    return Q(locale_id=locale_id) | (Q(locale_id=default) & ~Q(translation_key__in=translated))
