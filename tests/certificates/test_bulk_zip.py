"""Bulk ZIPs of stored certificates: built in the background, unique names, HR limited to their own units."""

import hashlib
import zipfile

import pytest
from django.urls import reverse

from certificates.bulk import bulk_run_execute, bulk_run_start
from certificates.models import BulkRun
from certificates.services import certificate_issue
from people.models import Role
from tests import factories

from .helpers import jakarta, stored_bytes

pytestmark = pytest.mark.django_db


@pytest.fixture
def units(db):
    ministry = factories.UnitFactory(code="KEM", name="Kementerian")
    sda = factories.UnitFactory(code="SDA", name="Sumber Daya Air", parent=ministry)
    bm = factories.UnitFactory(code="BM", name="Bina Marga", parent=ministry)
    return ministry, sda, bm


def issue_for(unit, module, name):
    user = factories.UserFactory(unit=unit, full_name=name)
    return certificate_issue(completion=factories.completion(user=user, module=module, completed_at=jakarta(2026)))


def test_a_zip_of_a_course_page_holds_every_stored_pdf_with_unique_names_even_for_namesakes(units):
    _ministry, sda, bm = units
    module = factories.module(lessons=0)
    trainer = factories.UserFactory(nip=None, username="pengajar-zip", role=Role.TRAINER, is_staff=True)
    certificates = [issue_for(sda, module, "Budi Santoso"), issue_for(bm, module, "Budi Santoso")]

    run = bulk_run_execute(run_id=bulk_run_start(action=BulkRun.Action.ZIP, user=trainer, page=module).pk)

    assert (run.status, run.total, run.done) == ("done", 2, 2)
    with run.archive.open("rb") as handle, zipfile.ZipFile(handle) as archive:
        names = archive.namelist()
        contents = {name: archive.read(name) for name in names}
    assert len(set(names)) == 2
    assert all(name.endswith("_Budi-Santoso.pdf") for name in names)
    assert {hashlib.sha256(data).hexdigest() for data in contents.values()} == {c.sha256 for c in certificates}
    assert contents[names[0]] in {stored_bytes(c) for c in certificates}


def test_hr_zips_only_their_own_units_and_cannot_pick_another(client, units):
    _ministry, sda, bm = units
    module = factories.module(lessons=0)
    mine, theirs = issue_for(sda, module, "Siti Aminah"), issue_for(bm, module, "Agus Salim")
    hr = factories.hr_user(units=[sda])
    client.force_login(hr)
    client.cookies["django_language"] = "en"

    refused = client.post(reverse("certificates_bulk_new"), {"action": "zip", "page": module.pk, "unit": bm.pk})
    no_unit = client.post(reverse("certificates_bulk_new"), {"action": "zip", "page": module.pk, "unit": ""})
    issue = client.post(reverse("certificates_bulk_new"), {"action": "issue", "page": "", "unit": sda.pk})
    assert refused.status_code == no_unit.status_code == issue.status_code == 200
    assert "Choose one of your units." in no_unit.content.decode()
    assert not BulkRun.objects.exists()

    response = client.post(reverse("certificates_bulk_new"), {"action": "zip", "page": module.pk, "unit": sda.pk})
    run = BulkRun.objects.get()
    assert response.status_code == 302
    bulk_run_execute(run_id=run.pk)
    download = client.get(reverse("certificates_bulk_download", args=[run.pk]))

    assert download.status_code == 200
    import io

    with zipfile.ZipFile(io.BytesIO(b"".join(download.streaming_content))) as archive:
        assert [name.split("_")[0] for name in archive.namelist()] == [mine.number.replace("/", "-")]
    assert theirs.number.replace("/", "-") not in str(archive.namelist())


def test_the_bulk_menu_is_refused_to_learners(client, learner):
    client.force_login(learner)

    response = client.get(reverse("certificates_bulk_new"))

    assert response.status_code in (302, 403)


def test_another_persons_zip_is_404(client, units):
    _ministry, sda, _bm = units
    owner, other = factories.hr_user(units=[sda]), factories.hr_user(units=[sda])
    run = bulk_run_start(action=BulkRun.Action.ZIP, user=owner, unit=sda)
    bulk_run_execute(run_id=run.pk)
    client.force_login(other)

    assert client.get(reverse("certificates_bulk_download", args=[run.pk])).status_code == 404
