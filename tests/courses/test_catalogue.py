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
