"""The workshop page: where it may be created, that it renders and previews, and what it tells people."""

import pytest
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from courses.models import CataloguePage, LessonPage, ModulePage, WorkshopMaterial, WorkshopPage
from people.models import Role
from tests import factories
from tests.courses import workshop_factories as wf


class WorkshopPageTreeTests(WagtailPageTestCase):
    """A workshop lives under the catalogue, and nowhere else; nothing lives under it."""

    def setUp(self):
        self.catalogue = factories.catalogue()
        self.module = factories.module(lessons=1)
        self.workshop = wf.workshop()
        self.admin = factories.UserFactory(nip=None, username="super", is_superuser=True, is_staff=True)

    def test_creatable_only_under_the_catalogue(self):
        self.assertAllowedParentPageTypes(WorkshopPage, {CataloguePage})
        self.assertCanCreateAt(CataloguePage, WorkshopPage)
        self.assertCanNotCreateAt(Page, WorkshopPage)
        self.assertCanNotCreateAt(ModulePage, WorkshopPage)
        self.assertCanNotCreateAt(LessonPage, WorkshopPage)
        self.assertAllowedSubpageTypes(WorkshopPage, {})

    def test_renderable(self):
        self.assertPageIsRenderable(self.workshop)
        self.assertPageIsRoutable(self.workshop)

    def test_previewable(self):
        self.client.force_login(self.admin)
        self.assertPageIsPreviewable(self.workshop)

    def test_an_editor_creates_a_workshop_with_its_agenda_in_the_admin(self):
        self.client.force_login(self.admin)
        self.assertCanCreate(
            self.catalogue,
            WorkshopPage,
            nested_form_data(
                {
                    "title": "Konsinyasi Admin",
                    "slug": "konsinyasi-admin",
                    "summary": "Ringkas.",
                    "description": rich_text("<p>Isi.</p>"),
                    "starts_on": "2027-03-01",
                    "ends_on": "2027-03-02",
                    "venue_name": "Aula",
                    "venue_address": "Jl. Pattimura 20, Jakarta",
                    "map_url": "",
                    "registration_opens_at": "2027-01-01 08:00",
                    "registration_closes_at": "2027-02-20 17:00",
                    "capacity": 20,
                    "attendance_min_percent": 80,
                    "sessions": inline_formset(
                        [
                            {
                                "title": "Pembukaan",
                                "starts_at": "2027-03-01 08:00",
                                "ends_at": "2027-03-01 09:00",
                                "speakers": "Kepala Pusat",
                                "jp": 1,
                            }
                        ]
                    ),
                    "materials": inline_formset([]),
                }
            ),
        )


pytestmark = pytest.mark.django_db


def test_the_admin_refuses_a_session_that_ends_before_it_starts(admin_client):
    catalogue = factories.catalogue()
    url = f"/admin/pages/add/courses/workshoppage/{catalogue.pk}/"
    data = nested_form_data(
        {
            "title": "Salah",
            "slug": "salah",
            "summary": "x",
            "description": rich_text(""),
            "starts_on": "2027-03-02",
            "ends_on": "2027-03-01",
            "venue_name": "Aula",
            "venue_address": "Jl.",
            "map_url": "",
            "registration_opens_at": "2027-01-01 08:00",
            "registration_closes_at": "2027-02-20 17:00",
            "capacity": 20,
            "attendance_min_percent": 80,
            "sessions": inline_formset(
                [
                    {
                        "title": "A",
                        "starts_at": "2027-03-01 10:00",
                        "ends_at": "2027-03-01 09:00",
                        "speakers": "",
                        "jp": 1,
                    }
                ]
            ),
            "materials": inline_formset([]),
        }
    )
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert not WorkshopPage.objects.filter(slug="salah").exists()


def test_the_page_shows_dates_venue_map_agenda_and_materials(client):
    client.cookies["django_language"] = "en"
    document = factories.document(title="Modul Pelayanan Prima")
    page = wf.workshop()
    WorkshopMaterial.objects.create(page=page, document=document, title="", sort_order=0)
    first = wf.sessions_of(page)[0]
    first.material = factories.document(title="Paparan Sesi 1")
    first.save()
    content = client.get(page.url).content.decode()
    assert "Hotel Santika Bogor" in content
    assert "Jl. Pajajaran No. 1, Bogor" in content
    assert 'href="https://www.openstreetmap.org/?mlat=-6.6&amp;mlon=106.8"' in content
    for session in wf.sessions_of(page):
        assert session.title in content
    assert "Paparan Sesi 1" in content
    assert "Modul Pelayanan Prima" in content
    assert "10 JP" in content  # five sessions of two JP
    assert "Sign in to register" in content


def test_the_catalogue_lists_upcoming_workshops_but_not_for_online_only(client):
    page = wf.workshop(title="Konsinyasi Bogor")
    catalogue = factories.catalogue()
    assert "Konsinyasi Bogor" in client.get(catalogue.url).content.decode()
    assert "Konsinyasi Bogor" not in client.get(catalogue.url + "?format=online").content.decode()
    page.unpublish()
    assert "Konsinyasi Bogor" not in client.get(catalogue.url).content.decode()


def test_only_named_trainers_and_admins_see_the_trainer_links(client):
    named = wf.trainer()
    other = wf.trainer()
    page = wf.workshop(facilitators=[named])
    client.force_login(other)
    assert "/kehadiran/" not in client.get(page.url).content.decode()
    client.force_login(named)
    assert f"/lokakarya/{page.pk}/kehadiran/" in client.get(page.url).content.decode()
    admin = factories.UserFactory(nip=None, username="adm", role=Role.ADMIN)
    client.force_login(admin)
    assert f"/lokakarya/{page.pk}/kehadiran/" in client.get(page.url).content.decode()


def _edit_data(page, sessions, *, delete_first):
    rows = []
    for index, session in enumerate(sessions):
        row = {
            "id": session.pk,
            "title": session.title,
            "starts_at": session.starts_at.strftime("%Y-%m-%d %H:%M"),
            "ends_at": session.ends_at.strftime("%Y-%m-%d %H:%M"),
            "speakers": session.speakers,
            "jp": session.jp,
            "ORDER": index,
        }
        if delete_first and index == 0:
            row["DELETE"] = "1"
        rows.append(row)
    return nested_form_data(
        {
            "title": page.title,
            "slug": page.slug,
            "summary": page.summary,
            "description": rich_text(""),
            "starts_on": page.starts_on.isoformat(),
            "ends_on": page.ends_on.isoformat(),
            "venue_name": page.venue_name,
            "venue_address": page.venue_address,
            "map_url": page.map_url,
            "registration_opens_at": page.registration_opens_at.strftime("%Y-%m-%d %H:%M"),
            "registration_closes_at": page.registration_closes_at.strftime("%Y-%m-%d %H:%M"),
            "capacity": page.capacity,
            "attendance_min_percent": page.attendance_min_percent,
            "sessions": inline_formset(rows, initial=len(rows)),
            "materials": inline_formset([]),
        }
    )


def test_a_session_with_attendance_cannot_be_removed_in_the_admin(admin_client):
    from courses.models import SessionAttendance, WorkshopSession
    from courses.services import attendance_correct

    trainer = wf.trainer()
    page = wf.workshop(sessions=2, facilitators=[trainer])
    registration = wf.confirmed(workshop_page=page)
    sessions = wf.sessions_of(page)
    attendance_correct(trainer=trainer, registration=registration, session=sessions[0], present=True, reason="Hadir")
    url = f"/admin/pages/{page.pk}/edit/"

    refused = admin_client.post(url, _edit_data(page, sessions, delete_first=True))
    assert refused.status_code == 200  # the form again, with the error
    assert WorkshopSession.objects.filter(pk=sessions[0].pk).exists()
    assert SessionAttendance.objects.filter(session=sessions[0]).exists()

    saved = admin_client.post(url, _edit_data(page, sessions, delete_first=False))
    assert saved.status_code == 302
