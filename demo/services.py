"""Building the demo: every write goes through the domain services, as a real user's would."""

import datetime
import random

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.utils import timezone
from wagtail.models import GroupPagePermission, Page, Site

from certificates.services import certificate_issue
from courses.models import BerAkhlakValue, CataloguePage, LessonPage, ModulePage
from courses.services import lesson_complete
from people.models import Role, Unit, User
from people.services import person_create, roles_sync, staff_create, unit_create
from quizzes.models import Quiz
from quizzes.services import attempt_answer, attempt_finish, attempt_start, question_create, question_create_true_false
from records.models import Completion

from . import content
from .workshop import demo_workshop_seed

DEMO_ASN_NIP = "198503122010012002"


def demo_units() -> dict[str, Unit]:
    units: dict[str, Unit] = {}
    for code, name, kind, parent in content.UNITS:
        units[code] = unit_create(code=code, name=name, kind=kind, parent=units.get(parent) if parent else None)
    return units


def demo_catalogue() -> CataloguePage:
    """The catalogue becomes the site's home page; Wagtail's placeholder welcome page goes."""
    root = Page.get_first_root_node()
    catalogue = CataloguePage.objects.first()
    if catalogue is None:
        catalogue = root.add_child(
            instance=CataloguePage(title=content.CATALOGUE["title"], slug="katalog", intro=content.CATALOGUE["intro"])
        )
        catalogue.save_revision().publish()
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(
            hostname="localhost", port=80, root_page=catalogue, is_default_site=True, site_name="Melayani"
        )
    elif site.root_page_id != catalogue.pk:
        old_root = site.root_page
        site.root_page = catalogue
        site.site_name = "Melayani"
        site.save()
        if old_root.specific_class is Page and not old_root.get_children().exists():
            old_root.delete()
    return catalogue


def demo_module(*, catalogue: CataloguePage, spec: dict) -> ModulePage:
    module = ModulePage.objects.child_of(catalogue).filter(slug=spec["slug"]).first()
    if module is None:
        module = catalogue.add_child(
            instance=ModulePage(
                title=spec["title"],
                slug=spec["slug"],
                summary=spec["summary"],
                jp=spec["jp"],
                estimated_minutes=spec["minutes"],
            )
        )
        module.values.set(BerAkhlakValue.objects.filter(code__in=spec["values"]))
        module.save_revision().publish()
    for slug, title, html in spec["lessons"]:
        if not LessonPage.objects.child_of(module).filter(slug=slug).exists():
            lesson = module.add_child(instance=LessonPage(title=title, slug=slug, body=[("text", html)]))
            lesson.save_revision().publish()
    quiz_spec = spec["quiz"]
    if not Quiz.objects.filter(module=module, title=quiz_spec["title"]).exists():
        quiz = Quiz.objects.create(
            module=module,
            title=quiz_spec["title"],
            pass_mark=quiz_spec["pass_mark"],
            display=quiz_spec["display"],
            is_published=True,
        )
        for kind, text, answer, explanation in quiz_spec["questions"]:
            if kind == "tf":
                question_create_true_false(quiz=quiz, text=text, answer=answer, explanation=explanation)
            else:
                question_create(quiz=quiz, text=text, choices=answer, explanation=explanation)
    return module


def demo_complete_module(*, user: User, module: ModulePage) -> Completion:
    """Walk the real path: every lesson, then a passing attempt; records and certificates follow."""
    for lesson in module.lessons():
        lesson_complete(user=user, lesson=lesson)
    quiz = Quiz.objects.filter(module=module, is_published=True).first()
    if quiz is not None and not Completion.objects.filter(user=user, module=module).exists():
        attempt = attempt_start(user=user, quiz=quiz)
        answers = {q.pk: q.choices.get(is_correct=True).pk for q in quiz.questions.all()}
        attempt_answer(attempt=attempt, answers=answers)
        attempt_finish(attempt=attempt)
    completion = Completion.objects.get(user=user, module=module)
    certificate_issue(completion=completion)
    return completion


def demo_trainer_permissions(*, catalogue: CataloguePage) -> None:
    group = Group.objects.get(name=Role.TRAINER)
    for codename in ("add_page", "change_page", "publish_page"):
        permission = Permission.objects.get(content_type__app_label="wagtailcore", codename=codename)
        GroupPagePermission.objects.get_or_create(group=group, page=catalogue, permission=permission)


def synthetic_nip(index: int) -> str:
    """A valid, unique NIP per index: birth date from index // 1000, sequence from index % 1000."""
    born = datetime.date(1970, 1, 1) + datetime.timedelta(days=index // 1000)
    return f"{born:%Y%m%d}200501{1 + index % 2}{index % 1000:03d}"


def demo_learners(*, count: int, password: str, modules: list[ModulePage], units: list[Unit]) -> int:
    """Bulk synthetic ASN with completions spread over units and the year, for benchmarks; idempotent."""
    if count <= 0:
        return 0
    template = User(username="x")
    template.set_password(password)
    learner_group = Group.objects.get(name=Role.LEARNER)
    rng = random.Random(2026)
    nips = [synthetic_nip(index) for index in range(1, count + 1)]
    existing = set(User.objects.filter(nip__in=nips).values_list("nip", flat=True))
    created = 0
    batch = 2000
    for start in range(0, len(nips), batch):
        chunk = [nip for nip in nips[start : start + batch] if nip not in existing]
        if not chunk:
            continue
        with transaction.atomic():
            users = User.objects.bulk_create(
                [
                    User(
                        username=nip,
                        nip=nip,
                        password=template.password,
                        full_name=f"Peserta Sintetis {nip[-6:]}",
                        unit=rng.choice(units),
                        position="Analis Pelayanan",
                    )
                    for nip in chunk
                ]
            )
            users = list(User.objects.filter(nip__in=chunk))
            User.groups.through.objects.bulk_create(
                [User.groups.through(user_id=user.pk, group_id=learner_group.pk) for user in users]
            )
            now = timezone.now()
            completions = []
            for user in users:
                for module in modules:
                    if rng.random() < 0.7:
                        completions.append(
                            Completion(
                                user=user,
                                module=module,
                                unit=user.unit,
                                jp=module.jp,
                                score=rng.choice([70, 80, 90, 100]),
                                completed_at=now - datetime.timedelta(days=rng.randint(0, 300)),
                            )
                        )
            Completion.objects.bulk_create(completions)
            created += len(users)
    return created


def demo_seed(*, password: str, learners: int = 0) -> list[tuple[str, str, str]]:
    """Idempotent demo: units, four accounts, two modules, one completion with its certificate."""
    roles_sync()
    units = demo_units()
    catalogue = demo_catalogue()
    modules = [demo_module(catalogue=catalogue, spec=spec) for spec in content.MODULES]
    demo_trainer_permissions(catalogue=catalogue)
    asn = person_create(
        nip=DEMO_ASN_NIP,
        full_name="Siti Rahmawati, S.Sos.",
        password=password,
        unit=units["SDA-BBWS-CC"],
        email="siti.rahmawati@example.go.id",
        position="Analis Pelayanan Publik",
    )
    staff_create(
        username="pengajar",
        full_name="Drs. Agus Widodo, M.Si.",
        password=password,
        role=Role.TRAINER,
        unit=units["SETJEN-BKP"],
    )
    staff_create(
        username="kepegawaian",
        full_name="Rina Marlina, S.E.",
        password=password,
        role=Role.HR,
        unit=units["SDA"],
        scope=[units["SDA"]],
    )
    staff_create(username="admin", full_name="Administrator Melayani", password=password, role=Role.ADMIN)
    demo_complete_module(user=asn, module=modules[0])
    demo_workshop_seed(catalogue=catalogue, units=units, participant=asn)
    work_units = [unit for unit in units.values() if unit.kind != Unit.Kind.MINISTRY]
    demo_learners(count=learners, password=password, modules=modules, units=work_units)
    return [
        ("asn", DEMO_ASN_NIP, password),
        ("trainer", "pengajar", password),
        ("hr", "kepegawaian", password),
        ("admin", "admin", password),
    ]
