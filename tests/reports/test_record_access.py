"""A person sees who accessed their records: ledger views and exports covering their unit, nobody else's."""

import pytest

from reports.services import export_start, ledger_view_log
from tests import factories

pytestmark = pytest.mark.django_db
URL = "/beranda/akses/"


def test_the_page_lists_ledger_views_and_covering_exports_but_not_other_units(client):
    a = factories.UnitFactory(code="A", name="A")
    a1 = factories.UnitFactory(code="A1", name="A1", parent=a)
    b = factories.UnitFactory(code="B", name="B")
    person = factories.UserFactory(unit=a1)
    hr_a = factories.hr_user(units=[a], full_name="Petugas Kepegawaian A")
    hr_b = factories.hr_user(units=[b], full_name="Petugas Kepegawaian B")
    ledger_view_log(person=person, user=hr_a, year=2026, ip=None)
    export_start(owner=hr_a, format="csv", year=None, unit_code=None, ip=None)
    export_start(owner=hr_b, format="csv", year=None, unit_code=None, ip=None)

    client.cookies["django_language"] = "en"
    client.force_login(person)
    html = client.get(URL).content.decode()

    assert html.count("Petugas Kepegawaian A") == 2
    assert "Opened your JP ledger" in html and "Exported completion records covering your unit" in html
    assert "Petugas Kepegawaian B" not in html


def test_an_empty_state_and_a_sign_in_wall(client):
    assert client.get(URL).status_code == 302
    client.cookies["django_language"] = "en"
    client.force_login(factories.UserFactory())
    assert "Nobody has accessed your records yet." in client.get(URL).content.decode()
