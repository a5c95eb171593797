"""The demo konsinyasi workshop: a three-day agenda in Bogor, the demo trainer running it, the demo ASN seated."""

import datetime

from django.utils import timezone

from courses.models import CataloguePage, WorkshopPage, WorkshopSession
from courses.services import registration_create
from people.models import Unit, User

SLUG = "konsinyasi-budaya-pelayanan-berakhlak"

# (day offset, start, end, title, speakers, JP); 1 JP = 45 minutes, as in government training.
AGENDA = [
    (
        0,
        "08:30",
        "09:15",
        "Pembukaan dan Arahan: Budaya Kerja Ber-AKHLAK di Lingkungan Kementerian",
        "Dr. Ir. Bambang Setiawan, M.T. (Kepala Pusat Pengembangan Kompetensi)",
        1,
    ),
    (
        0,
        "09:30",
        "11:00",
        "Berorientasi Pelayanan: Standar Pelayanan dan Maklumat Pelayanan",
        "Dra. Endang Sulastri, M.A.P.",
        2,
    ),
    (
        0,
        "13:00",
        "14:30",
        "Akuntabel dan Kompeten: Mengelola Konsultasi dan Pengaduan Masyarakat",
        "Hendra Gunawan, S.H., M.H.",
        2,
    ),
    (
        1,
        "08:30",
        "10:00",
        "Harmonis dan Loyal: Komunikasi Empatik, Meminta Maaf dan Berterima Kasih",
        "Drs. Agus Widodo, M.Si.",
        2,
    ),
    (
        1,
        "10:15",
        "11:45",
        "Adaptif: Inovasi dan Sistem Informasi Pelayanan Publik",
        "Ratna Dewi Anggraini, S.Kom., M.T.I.",
        2,
    ),
    (
        1,
        "13:00",
        "14:30",
        "Kolaboratif: Studi Kasus Sarana dan Prasarana Ramah Penyandang Disabilitas",
        "Ir. Yusuf Maulana, M.Eng.; Sri Handayani, S.Psi.",
        2,
    ),
    (
        2,
        "08:30",
        "10:00",
        "Rencana Aksi Unit Kerja, Evaluasi, dan Penutupan",
        "Drs. Agus Widodo, M.Si.; Tim Widyaiswara",
        2,
    ),
]


def _at(day: datetime.date, clock: str) -> datetime.datetime:
    hour, minute = (int(part) for part in clock.split(":"))
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


def demo_workshop(*, catalogue: CataloguePage, units: dict[str, Unit]) -> WorkshopPage:
    """Idempotent: the page is made once (three weeks after the first seed, registration open now)."""
    page = WorkshopPage.objects.child_of(catalogue).filter(slug=SLUG).first()
    if page is None:
        now = timezone.now()
        first_day = timezone.localdate() + datetime.timedelta(days=21)
        page = WorkshopPage(
            title="Konsinyasi Penguatan Budaya Pelayanan Ber-AKHLAK",
            slug=SLUG,
            summary="Tiga hari tatap muka bagi petugas layanan publik untuk mempraktikkan nilai Ber-AKHLAK: "
            "standar pelayanan, pengelolaan pengaduan, komunikasi empatik, inovasi, dan layanan yang ramah "
            "penyandang disabilitas. Peserta yang menghadiri sedikitnya 80% sesi memperoleh sertifikat dan JP.",
            description="<p>Bawa laptop atau ponsel untuk presensi dengan kode QR. Pakaian: PDH pada hari pertama, "
            "batik pada hari kedua dan ketiga. Peserta dari luar Jabodetabek mendapat fasilitas menginap.</p>",
            starts_on=first_day,
            ends_on=first_day + datetime.timedelta(days=2),
            venue_name="Hotel Salak The Heritage",
            venue_address="Jl. Ir. H. Juanda No. 8, Paledang, Kecamatan Bogor Tengah, Kota Bogor, Jawa Barat 16122",
            map_url="https://www.openstreetmap.org/search?query=Hotel%20Salak%20The%20Heritage%20Bogor",
            organiser=units["SETJEN-BKP"],
            registration_opens_at=now - datetime.timedelta(days=1),
            registration_closes_at=_at(first_day - datetime.timedelta(days=3), "17:00"),
            capacity=40,
            attendance_min_percent=80,
        )
        for index, (offset, start, end, title, speakers, jp) in enumerate(AGENDA):
            day = first_day + datetime.timedelta(days=offset)
            page.sessions.add(
                WorkshopSession(
                    title=title,
                    starts_at=_at(day, start),
                    ends_at=_at(day, end),
                    speakers=speakers,
                    jp=jp,
                    sort_order=index,
                )
            )
        catalogue.add_child(instance=page)
        trainer = User.objects.filter(username="pengajar").first()
        if trainer is not None:
            page.facilitators.set([trainer])
        page.save_revision().publish()
        page.refresh_from_db()
    return page


def demo_workshop_seed(*, catalogue: CataloguePage, units: dict[str, Unit], participant: User) -> WorkshopPage:
    """The workshop, with the demo ASN holding a seat while registration is open (registering twice is a no-op)."""
    workshop = demo_workshop(catalogue=catalogue, units=units)
    if workshop.registration_is_open():
        registration_create(user=participant, workshop=workshop)
    return workshop
