"""seed_demo: an idempotent, realistic demo built through the domain services, with printed sign-ins."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse

from certificates.models import Certificate
from courses.models import LessonPage, ModulePage
from demo.services import DEMO_ASN_NIP
from people.models import Role, Unit, UnitScope
from people.validators import validate_nip
from quizzes.models import Quiz
from records.models import Completion

pytestmark = pytest.mark.django_db

User = get_user_model()


def seed(*args) -> list[str]:
    out = io.StringIO()
    call_command("seed_demo", *args, stdout=out)
    return out.getvalue().splitlines()


def counts() -> dict[str, int]:
    return {
        "users": User.objects.count(),
        "units": Unit.objects.count(),
        "modules": ModulePage.objects.filter(locale__language_code="id").count(),  # English copies aside
        "lessons": LessonPage.objects.count(),
        "quizzes": Quiz.objects.count(),
        "completions": Completion.objects.count(),
        "certificates": Certificate.objects.count(),
        "scopes": UnitScope.objects.count(),
    }


def test_seed_demo_prints_exactly_four_sign_ins_with_the_default_password():
    lines = seed()

    assert lines == [
        f"asn {DEMO_ASN_NIP} Melayani#2026",
        "trainer pengajar Melayani#2026",
        "hr kepegawaian Melayani#2026",
        "admin admin Melayani#2026",
    ]


def test_seed_demo_honours_password_and_the_printed_sign_ins_work(client):
    lines = seed("--password", "Coba#Demo-77")

    assert len(lines) == 4
    for line in lines:
        role, login, password = line.split(" ")
        assert password == "Coba#Demo-77"
        response = client.post(reverse("people:login"), {"username": login, "password": password})
        assert response.status_code == 302, f"{role} could not sign in"
        assert client.session.get("_auth_user_id"), f"{role} is not signed in"
        client.logout()


def test_seed_demo_is_idempotent():
    seed()
    first = counts()

    seed()

    assert counts() == first
    assert first["modules"] >= 2 and first["quizzes"] == first["modules"]
    assert first["completions"] == first["certificates"] == 1


def test_the_demo_asn_has_one_completed_module_with_a_certificate_pdf(client):
    lines = seed()
    _role, nip, password = lines[0].split(" ")

    asn = User.objects.get(nip=nip)
    completion = Completion.objects.get(user=asn)
    certificate = Certificate.objects.get(completion=completion)
    assert certificate.pdf and certificate.sha256
    with certificate.pdf.open("rb") as handle:
        assert handle.read().startswith(b"%PDF")
    assert certificate.holder_name == asn.display_name

    assert client.post(reverse("people:login"), {"username": nip, "password": password}).status_code == 302
    download = client.get(reverse("certificates:download", args=[certificate.pk]))
    assert download.status_code == 200
    assert b"".join(download.streaming_content).startswith(b"%PDF")


def test_the_demo_roles_have_their_groups_and_the_hr_officer_is_scoped_to_one_unit():
    seed()

    hr = User.objects.get(username="kepegawaian")
    assert hr.has_role(Role.HR) and hr.is_staff and not hr.is_superuser
    assert list(hr.unit_scopes.values_list("unit__code", flat=True)) == ["SDA"]
    assert hr.has_perm("records.view_unit_records")
    assert User.objects.get(username="pengajar").has_role(Role.TRAINER)
    assert User.objects.get(username="admin").is_superuser
    asn = User.objects.get(nip=DEMO_ASN_NIP)
    assert asn.has_role(Role.LEARNER) and not asn.is_staff


def test_the_demo_hr_officer_sees_the_demo_completion_inside_their_scope(client):
    seed()
    client.force_login(User.objects.get(username="kepegawaian"))

    response = client.get(reverse("reports_completion_records_csv"))

    assert DEMO_ASN_NIP in b"".join(response.streaming_content).decode("utf-8-sig")


def test_learners_adds_synthetic_asn_with_valid_nips_and_completions_in_several_units():
    seed()
    before = User.objects.count()

    seed("--learners", "50")

    synthetic = User.objects.filter(full_name__startswith="Peserta Sintetis")
    assert User.objects.count() - before == 50
    assert synthetic.count() == 50
    for user in synthetic:
        try:
            validate_nip(user.nip)
        except ValidationError as error:  # pragma: no cover - the message names the bad NIP
            pytest.fail(f"{user.nip}: {error.messages}")
        assert user.username == user.nip
        assert user.has_role(Role.LEARNER)
    completions = Completion.objects.filter(user__in=synthetic)
    assert completions.exists()
    assert completions.values("unit").distinct().count() > 1


def test_learners_is_idempotent_too():
    seed("--learners", "50")
    first = counts()

    seed("--learners", "50")

    assert counts() == first
