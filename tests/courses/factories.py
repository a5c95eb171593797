"""Factories for the courses pages i3 added: unit sections, value pages, content pages, tagged modules."""

from courses.models import BerAkhlakValue, ContentPage, IppAspectTag, ModulePage, ValuePage
from courses.services import unit_section_create
from tests import factories


def section(*, unit=None, catalogue=None):
    return unit_section_create(catalogue=catalogue or factories.catalogue(), unit=unit or factories.UnitFactory())


def value_page(*, code="pelayanan", title="Berorientasi Pelayanan") -> ValuePage:
    catalogue = factories.catalogue()
    page = catalogue.add_child(
        instance=ValuePage(
            title=title,
            slug=f"nilai-{code}",
            value=BerAkhlakValue.objects.get(code=code),
            summary="Memahami dan memenuhi kebutuhan masyarakat.",
            behaviours=[("behaviour", {"name": "Ramah, cekatan, solutif", "description": "Menyapa warga."})],
        )
    )
    page.save_revision().publish()
    return page


def content_page(*, title="Tentang Melayani", parent=None) -> ContentPage:
    parent = parent or factories.catalogue()
    page = parent.add_child(
        instance=ContentPage(
            title=title,
            slug=f"konten-{ContentPage.objects.count() + 1}",
            intro="Halaman bantuan.",
            body=[("text", "<p>Isi halaman.</p>")],
        )
    )
    page.save_revision().publish()
    return page


def tagged_module(*, aspects=(), **kwargs) -> ModulePage:
    module = factories.module(**kwargs)
    module.ipp_aspects.set(IppAspectTag.objects.filter(code__in=aspects))
    module.save_revision().publish()
    return module
