"""Workshop test data, built the way the admin would (page in the tree, sessions as child rows, published)."""

import datetime

from django.utils import timezone

from courses.models import WorkshopPage, WorkshopRegistration, WorkshopSession
from people.models import Role
from tests import factories


def workshop(
    *,
    title="Konsinyasi Pelayanan Prima",
    sessions=5,
    capacity=30,
    jp_per_session=2,
    min_percent=80,
    opens_in_days=-7,
    closes_in_days=7,
    facilitators=(),
    parent=None,
) -> WorkshopPage:
    parent = parent or factories.catalogue()
    now = timezone.now()
    start = (now + datetime.timedelta(days=10)).replace(hour=8, minute=0, second=0, microsecond=0)
    page = WorkshopPage(
        title=title,
        slug=f"lokakarya-{WorkshopPage.objects.count() + 1}",
        summary="Tiga hari berlatih melayani dengan Ber-AKHLAK.",
        starts_on=start.date(),
        ends_on=start.date() + datetime.timedelta(days=2),
        venue_name="Hotel Santika Bogor",
        venue_address="Jl. Pajajaran No. 1, Bogor",
        map_url="https://www.openstreetmap.org/?mlat=-6.6&mlon=106.8",
        registration_opens_at=now + datetime.timedelta(days=opens_in_days),
        registration_closes_at=now + datetime.timedelta(days=closes_in_days),
        capacity=capacity,
        attendance_min_percent=min_percent,
    )
    for index in range(sessions):
        begins = start + datetime.timedelta(hours=2 * index)
        page.sessions.add(
            WorkshopSession(
                title=f"Sesi {index + 1}",
                starts_at=begins,
                ends_at=begins + datetime.timedelta(hours=1, minutes=30),
                speakers="Dr. Rina Wulandari, M.Si.",
                jp=jp_per_session,
                sort_order=index,
            )
        )
    parent.add_child(instance=page)
    page.facilitators.set(facilitators)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def trainer(**kwargs):
    return factories.UserFactory(nip=None, username=f"pengajar{factories.next_nip()[-6:]}", role=Role.TRAINER, **kwargs)


def confirmed(*, workshop_page: WorkshopPage, user=None) -> WorkshopRegistration:
    from courses.services import registration_create

    registration = registration_create(user=user or factories.UserFactory(), workshop=workshop_page)
    assert registration.status == WorkshopRegistration.Status.CONFIRMED
    return registration


def sessions_of(workshop_page: WorkshopPage) -> list[WorkshopSession]:
    return list(workshop_page.sessions.order_by("sort_order"))
