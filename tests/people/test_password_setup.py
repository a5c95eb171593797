"""Imported ASN have no password: they set the first one (or a forgotten one) by NIP through a one-use email link."""

import re

import pytest
from django.core import mail
from django.core.cache import cache

from people.importing import ROSTER_COLUMNS, roster_import
from people.models import User
from tests import factories

pytestmark = pytest.mark.django_db

SETUP_URL = "/kata-sandi/atur/"
NIP = "198503122010012002"


@pytest.fixture(autouse=True)
def fresh_throttle():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def imported(db):
    """A person as the roster import leaves them: active, an email from HR, no usable password."""
    factories.UnitFactory(code="SDA", name="Sumber Daya Air")
    data = ",".join(ROSTER_COLUMNS) + f'\n{NIP},"Siti Rahmawati, S.Sos.",siti@pu.go.id,Analis,Penata,III/c,PNS,SDA\n'
    assert roster_import(data=data.encode(), filename="roster.csv").applied
    person = User.objects.get(nip=NIP)
    assert not person.has_usable_password()
    return person


def link_in(message) -> str:
    return re.search(r"https?://[^/\s]+(/kata-sandi/atur/[^\s]+/)", message.body).group(1)


def test_an_imported_person_sets_a_first_password_and_signs_in_with_the_nip(client, imported):
    response = client.post(SETUP_URL, {"nip": "19850312 201001 2 002"})  # spaces as printed on the card

    assert response.status_code == 302 and response["Location"] == "/kata-sandi/atur/terkirim/"
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["siti@pu.go.id"]
    assert NIP in mail.outbox[0].body
    confirm = client.get(link_in(mail.outbox[0]), follow=True)  # Django swaps the token into the session
    form_url = confirm.redirect_chain[-1][0]
    saved = client.post(form_url, {"new_password1": "Kopi-Tubruk-2026!", "new_password2": "Kopi-Tubruk-2026!"})
    assert saved.status_code == 302 and saved["Location"] == "/kata-sandi/atur/selesai/"
    client.logout()

    signed_in = client.post("/masuk/", {"username": NIP, "password": "Kopi-Tubruk-2026!"})

    assert signed_in.status_code == 302
    assert client.session.get("_auth_user_id") == str(imported.pk)


def test_the_link_works_once(client, imported):
    client.post(SETUP_URL, {"nip": NIP})
    link = link_in(mail.outbox[0])
    form_url = client.get(link, follow=True).redirect_chain[-1][0]
    client.post(form_url, {"new_password1": "Kopi-Tubruk-2026!", "new_password2": "Kopi-Tubruk-2026!"})
    client.logout()

    again = client.get(link, follow=True)

    assert again.context["validlink"] is False
    assert "used already or has expired" in again.content.decode() or "sudah dipakai" in again.content.decode()


@pytest.mark.parametrize("case", ["unknown", "inactive", "no email"])
def test_nobody_learns_whether_an_account_exists_and_no_mail_goes_out(client, imported, case):
    nip = "199107242023212014"
    if case == "inactive":
        imported.is_active = False
        imported.save()
        nip = NIP
    elif case == "no email":
        imported.email = ""
        imported.save()
        nip = NIP

    response = client.post(SETUP_URL, {"nip": nip})

    assert response.status_code == 302 and response["Location"] == "/kata-sandi/atur/terkirim/"
    assert mail.outbox == []


def test_a_malformed_nip_gets_a_clear_message_and_no_mail(client, imported):
    response = client.post(SETUP_URL, {"nip": "12345"})

    assert response.status_code == 200
    assert response.context["form"].errors["nip"]
    assert mail.outbox == []


def test_a_mailbox_cannot_be_flooded_three_links_an_hour(client, imported):
    for _attempt in range(6):
        assert client.post(SETUP_URL, {"nip": NIP}).status_code == 302

    assert len(mail.outbox) == 3


def test_the_sign_in_page_offers_the_way_to_a_first_password(client):
    assert SETUP_URL in client.get("/masuk/").content.decode()
