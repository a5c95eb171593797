"""Building the demo: every write goes through the domain services, as a real user's would."""

import datetime
import random

from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone
from wagtail.models import GroupPagePermission, Page, Site
from wagtail.rich_text import RichText

from certificates.services import certificate_issue
from courses.models import (
    BerAkhlakValue,
    CataloguePage,
    IppAspectTag,
    LessonPage,
    ModulePage,
    UnitSectionPage,
    ValuePage,
)
from courses.services import lesson_complete, moderation_sync, trainer_section_grant, unit_section_create
from people.models import Role, Unit, User
from people.services import person_create, roles_sync, staff_create, unit_create
from quizzes.models import Quiz
from quizzes.services import attempt_answer, attempt_finish, attempt_start, question_create, question_create_true_false
from records.models import Completion

from . import content
from .translation import demo_translate_module
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


RICH_TEXT_FIELDS = {
    "text": None,
    "callout": ("text",),
    "case": ("situation", "model_answer"),
    "knowledge_check": ("explanation",),
}


def demo_lesson_body(body) -> list:
    """Lesson content from the spec: plain HTML becomes one text block; rich-text parts become RichText."""
    if isinstance(body, str):
        return [("text", RichText(body))]
    blocks = []
    for kind, value in body:
        fields = RICH_TEXT_FIELDS.get(kind, ())
        if fields is None:
            value = RichText(value)
        elif fields:
            value = {**value, **{name: RichText(value[name]) for name in fields}}
        blocks.append((kind, value))
    return blocks


def demo_sections(*, catalogue: CataloguePage, units: dict[str, Unit]) -> dict[str, UnitSectionPage]:
    return {code: unit_section_create(catalogue=catalogue, unit=units[code]) for code in content.SECTIONS}


def demo_module(*, catalogue: CataloguePage, spec: dict, sections: dict | None = None) -> ModulePage:
    module = ModulePage.objects.descendant_of(catalogue).filter(slug=spec["slug"]).first()
    values = BerAkhlakValue.objects.filter(code__in=spec["values"])
    if module is None:
        parent = (sections or {}).get(content.MODULE_SECTIONS.get(spec["slug"]), catalogue)
        parent.refresh_from_db()
        module = parent.add_child(
            instance=ModulePage(
                title=spec["title"],
                slug=spec["slug"],
                summary=spec["summary"],
                objectives=spec.get("objectives", ""),
                jp=spec["jp"],
                estimated_minutes=spec["minutes"],
            )
        )
        module.values.set(values)
        module.ipp_aspects.set(IppAspectTag.objects.filter(code__in=spec.get("aspects", [])))
        module.save_revision().publish()
    for slug, title, body in spec["lessons"]:
        if not LessonPage.objects.child_of(module).filter(slug=slug).exists():
            blocks = demo_lesson_body(body) + demo_lesson_body(content.EXTRA_LESSON_BLOCKS.get(slug, []))
            module.refresh_from_db()
            lesson = module.add_child(instance=LessonPage(title=title, slug=slug, body=blocks))
            lesson.values.set(values)
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


def demo_value_pages(*, catalogue: CataloguePage) -> list[ValuePage]:
    pages = []
    for spec in content.VALUE_PAGES:
        page = ValuePage.objects.child_of(catalogue).filter(value__code=spec["code"]).first()
        if page is None:
            catalogue.refresh_from_db()
            page = catalogue.add_child(
                instance=ValuePage(
                    title=spec["title"],
                    slug=f"nilai-{spec['code']}",
                    value=BerAkhlakValue.objects.get(code=spec["code"]),
                    summary=spec["summary"],
                    explanation=spec["explanation"],
                    behaviours=[
                        ("behaviour", {"name": name, "description": text}) for name, text in spec["behaviours"]
                    ],
                )
            )
            page.save_revision().publish()
        pages.append(page)
    return pages


def demo_trainer_permissions(*, catalogue: CataloguePage, trainer: User, unit: Unit) -> None:
    """The demo trainer edits only their unit's section; the catalogue-wide grant of older demos is removed."""
    GroupPagePermission.objects.filter(group__name=Role.TRAINER, page=catalogue).delete()
    trainer_section_grant(user=trainer, unit=unit)


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
    rng = random.Random(2026)  # reproducible demo data  # nosec B311
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
    """Idempotent demo: units, four accounts, a module per Ber-AKHLAK value, value pages, one certificate."""
    roles_sync()
    units = demo_units()
    catalogue = demo_catalogue()
    moderation_sync()
    sections = demo_sections(catalogue=catalogue, units=units)
    modules = [demo_module(catalogue=catalogue, spec=spec, sections=sections) for spec in content.MODULES]
    demo_value_pages(catalogue=catalogue)
    asn = person_create(
        nip=DEMO_ASN_NIP,
        full_name="Siti Rahmawati, S.Sos.",
        password=password,
        unit=units["SDA-BBWS-CC"],
        email="siti.rahmawati@example.go.id",
        position="Analis Pelayanan Publik",
    )
    trainer = staff_create(
        username="pengajar",
        full_name="Drs. Agus Widodo, M.Si.",
        password=password,
        role=Role.TRAINER,
        unit=units["SETJEN-BKP"],
    )
    demo_trainer_permissions(catalogue=catalogue, trainer=trainer, unit=units["SETJEN"])
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
    demo_translate_module(catalogue=catalogue)
    work_units = [unit for unit in units.values() if unit.kind != Unit.Kind.MINISTRY]
    demo_learners(count=learners, password=password, modules=modules, units=work_units)
    return [
        ("asn", DEMO_ASN_NIP, password),
        ("trainer", "pengajar", password),
        ("hr", "kepegawaian", password),
        ("admin", "admin", password),
    ]
