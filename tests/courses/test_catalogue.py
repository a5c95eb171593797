"""The catalogue lists live, public modules and filters them by Ber-AKHLAK value."""

import pytest
from wagtail.models import PageViewRestriction

from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def modules():
    return {
        "pelayanan": factories.module(title="Melayani dengan Hati", values=("pelayanan",)),
        "akuntabel": factories.module(title="Akuntabel dalam Anggaran", values=("akuntabel", "kompeten")),
    }


def test_the_catalogue_lists_live_modules(client, modules):
    response = client.get(factories.catalogue().url)
    assert response.status_code == 200
    content = response.content.decode()
    for module in modules.values():
        assert module.title in content
        assert f'href="{module.url}"' in content
    assert list(response.context["modules"]) == list(modules.values())


def test_the_catalogue_does_not_list_an_unpublished_module(client, modules):
    modules["akuntabel"].unpublish()
    content = client.get(factories.catalogue().url).content.decode()
    assert "Melayani dengan Hati" in content
    assert "Akuntabel dalam Anggaran" not in content


def test_the_catalogue_does_not_list_a_private_module(client, modules):
    PageViewRestriction.objects.create(
        page=modules["akuntabel"], restriction_type=PageViewRestriction.PASSWORD, password="rahasia"
    )
    content = client.get(factories.catalogue().url).content.decode()
    assert "Akuntabel dalam Anggaran" not in content


def test_filtering_by_a_value_shows_only_modules_with_that_value(client, modules):
    response = client.get(factories.catalogue().url, {"nilai": "akuntabel"})
    content = response.content.decode()
    assert "Akuntabel dalam Anggaran" in content
    assert "Melayani dengan Hati" not in content
    assert response.context["selected_value"] == "akuntabel"
    assert '<option value="akuntabel" selected>' in content


def test_a_module_with_several_values_is_found_by_each_and_listed_once(client, modules):
    response = client.get(factories.catalogue().url, {"nilai": "kompeten"})
    assert list(response.context["modules"]) == [modules["akuntabel"]]


def test_an_unknown_value_code_is_ignored_and_lists_everything(client, modules):
    response = client.get(factories.catalogue().url, {"nilai": "bukan-nilai"})
    assert len(response.context["modules"]) == 2


def test_an_empty_filter_lists_everything(client, modules):
    response = client.get(factories.catalogue().url, {"nilai": ""})
    assert len(response.context["modules"]) == 2


def test_a_value_without_modules_shows_the_empty_state(client, modules):
    response = client.get(factories.catalogue().url, {"nilai": "loyal"})
    content = response.content.decode()
    assert '<li class="empty">' in content
    assert "Melayani dengan Hati" not in content
    assert "Akuntabel dalam Anggaran" not in content


def test_an_empty_catalogue_shows_the_empty_state(client):
    content = client.get(factories.catalogue().url).content.decode()
    assert '<li class="empty">' in content


def test_the_filter_offers_all_seven_values(client):
    response = client.get(factories.catalogue().url)
    codes = [code for code, _label in response.context["values"]]
    assert codes == ["pelayanan", "akuntabel", "kompeten", "harmonis", "loyal", "adaptif", "kolaboratif"]
    for code in codes:
        assert f'<option value="{code}"' in response.content.decode()


# --- i3: more filters, the unit sections, search, format, paging ---


@pytest.fixture
def rich_catalogue():
    from tests.courses import factories as course_factories

    ministry = factories.UnitFactory(code="PU", name="Kementerian PU")
    sda = factories.UnitFactory(code="SDA", name="Ditjen SDA", parent=ministry)
    bm = factories.UnitFactory(code="BM", name="Ditjen Bina Marga", parent=ministry)
    sda_section = course_factories.section(unit=sda)
    bm_section = course_factories.section(unit=bm)
    return {
        "sda": course_factories.tagged_module(
            title="Pengaduan Banjir", parent=sda_section, values=("pelayanan",), aspects=("konsultasi",)
        ),
        "bm": course_factories.tagged_module(
            title="Jalan Ramah Difabel", parent=bm_section, values=("adaptif",), aspects=("sarana", "inovasi")
        ),
        "central": course_factories.tagged_module(title="Integritas Pegawai", values=("akuntabel",)),
    }


def titles(response) -> list[str]:
    return [module.title for module in response.context["modules"]]


def test_the_catalogue_lists_modules_in_unit_sections_too(client, rich_catalogue):
    response = client.get(factories.catalogue().url)
    assert sorted(titles(response)) == ["Integritas Pegawai", "Jalan Ramah Difabel", "Pengaduan Banjir"]


def test_filtering_by_ipp_aspect(client, rich_catalogue):
    assert titles(client.get(factories.catalogue().url, {"aspek": "sarana"})) == ["Jalan Ramah Difabel"]
    assert titles(client.get(factories.catalogue().url, {"aspek": "konsultasi"})) == ["Pengaduan Banjir"]


def test_filtering_by_unit_shows_that_units_section(client, rich_catalogue):
    response = client.get(factories.catalogue().url, {"unit": "BM"})
    assert titles(response) == ["Jalan Ramah Difabel"]
    assert '<option value="BM" selected>' in response.content.decode()


def test_the_module_card_names_the_organiser_unit(client, rich_catalogue):
    content = client.get(factories.catalogue().url).content.decode()
    assert "Ditjen SDA" in content


def test_an_unknown_unit_finds_nothing_and_says_so(client, rich_catalogue):
    response = client.get(factories.catalogue().url, {"unit": "XYZ"}, HTTP_COOKIE="django_language=en")
    assert titles(response) == []
    assert "No modules match these filters." in response.content.decode()


def test_search_matches_title_or_summary_case_insensitively(client, rich_catalogue):
    assert titles(client.get(factories.catalogue().url, {"q": "banjir"})) == ["Pengaduan Banjir"]
    assert len(titles(client.get(factories.catalogue().url, {"q": "ringkasan"}))) == 3


def test_filters_combine(client, rich_catalogue):
    response = client.get(factories.catalogue().url, {"aspek": "sarana", "nilai": "pelayanan"})
    assert titles(response) == []


def test_the_workshop_format_lists_no_online_modules(client, rich_catalogue):
    assert titles(client.get(factories.catalogue().url, {"format": "workshop"})) == []
    assert len(titles(client.get(factories.catalogue().url, {"format": "online"}))) == 3


def test_an_unknown_aspect_or_format_is_ignored(client, rich_catalogue):
    assert len(titles(client.get(factories.catalogue().url, {"aspek": "x", "format": "y"}))) == 3


def test_the_filter_offers_all_five_ipp_aspects(client):
    response = client.get(factories.catalogue().url)
    assert [code for code, _label in response.context["aspects"]] == [
        "inovasi",
        "konsultasi",
        "sarana",
        "sistem_informasi",
        "profesionalisme",
    ]


def test_the_catalogue_is_paged(client):
    from courses.selectors.catalogue import PER_PAGE

    for index in range(PER_PAGE + 1):
        factories.module(title=f"Modul {index:02d}", lessons=0)
    first = client.get(factories.catalogue().url)
    second = client.get(factories.catalogue().url, {"halaman": 2})
    assert len(first.context["modules"]) == PER_PAGE
    assert titles(second) == [f"Modul {PER_PAGE:02d}"]
    assert "halaman=2" in first.content.decode()
