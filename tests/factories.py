"""Factories for test data; pages are added to the tree the way Wagtail's admin would."""

import itertools

import factory
from wagtail.models import Page, Site

from certificates.models import Certificate
from courses.models import BerAkhlakValue, CataloguePage, LessonPage, ModulePage
from people.models import Role, Unit, UnitScope, User
from people.services import roles_sync
from quizzes.models import Choice, Question, Quiz

_nip_counter = itertools.count(1)
PASSWORD = "Rahasia#2026"


def next_nip() -> str:
    """A valid NIP, different for every call."""
    index = next(_nip_counter)
    return f"1990{1 + index % 12:02d}{1 + index % 28:02d}201503{index % 2 + 1}{index % 1000:03d}"


class UnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Unit

    code = factory.Sequence(lambda n: f"U{n:04d}")
    name = factory.Sequence(lambda n: f"Unit Kerja {n}")
    kind = Unit.Kind.WORK_UNIT

    @classmethod
    def _create(cls, model_class, *args, parent=None, **kwargs):
        if parent is None:
            return model_class.add_root(**kwargs)
        parent.refresh_from_db()
        return parent.add_child(**kwargs)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    nip = factory.LazyFunction(next_nip)
    username = factory.LazyAttribute(lambda user: user.nip)
    full_name = factory.Faker("name", locale="id_ID")
    unit = factory.SubFactory(UnitFactory)
    password = factory.django.Password(PASSWORD)

    @factory.post_generation
    def role(self, create, extracted, **kwargs):
        if create:
            roles_sync()
            from django.contrib.auth.models import Group

            self.groups.add(Group.objects.get(name=extracted or Role.LEARNER))


def hr_user(*, units: list[Unit], **kwargs) -> User:
    user = UserFactory(nip=None, username=f"hr{next(_nip_counter)}", role=Role.HR, is_staff=True, **kwargs)
    for unit in units:
        UnitScope.objects.create(user=user, unit=unit)
    return user


def catalogue() -> CataloguePage:
    existing = CataloguePage.objects.first()
    if existing:
        return existing
    root = Page.get_first_root_node()
    page = root.add_child(instance=CataloguePage(title="Katalog", slug="katalog-test"))
    site = Site.objects.get(is_default_site=True)
    site.root_page = page
    site.save()
    return page


def module(*, title="Modul Pelayanan", jp=4, lessons=2, values=("pelayanan",), parent=None) -> ModulePage:
    parent = parent or catalogue()
    slug = f"modul-{ModulePage.objects.count() + 1}"
    page = parent.add_child(instance=ModulePage(title=title, slug=slug, summary="Ringkasan modul.", jp=jp))
    page.values.set(BerAkhlakValue.objects.filter(code__in=values))
    page.save_revision().publish()
    for index in range(lessons):
        lesson(module=page, title=f"Pelajaran {index + 1}")
    return page


def lesson(*, module: ModulePage, title="Pelajaran", html="<p>Isi pelajaran.</p>") -> LessonPage:
    slug = f"pelajaran-{LessonPage.objects.count() + 1}"
    page = module.add_child(instance=LessonPage(title=title, slug=slug, body=[("text", html)]))
    page.save_revision().publish()
    return page


def quiz(*, module: ModulePage, questions=3, pass_mark=70, display=Quiz.Display.ALL) -> Quiz:
    """A published quiz whose correct answer is always the choice whose text starts with 'Benar'."""
    instance = Quiz.objects.create(module=module, title="Kuis", pass_mark=pass_mark, display=display, is_published=True)
    for number in range(questions):
        question = Question.objects.create(
            quiz=instance,
            text=f"Pertanyaan {number + 1}?",
            sort_order=number,
            explanation=f"Penjelasan rahasia {number + 1}",
        )
        Choice.objects.create(question=question, text=f"Salah A{number}", is_correct=False, sort_order=0)
        Choice.objects.create(question=question, text=f"Benar {number}", is_correct=True, sort_order=1)
        Choice.objects.create(question=question, text=f"Salah B{number}", is_correct=False, sort_order=2)
    return instance


def correct_answers(quiz_instance: Quiz) -> dict[int, int]:
    return {q.pk: q.choices.get(is_correct=True).pk for q in quiz_instance.questions.all()}


def wrong_answers(quiz_instance: Quiz) -> dict[int, int]:
    return {q.pk: q.choices.filter(is_correct=False).first().pk for q in quiz_instance.questions.all()}


__all__ = ["Certificate", "PASSWORD"]


# --- quizzes / records helpers (appended) ---


def answers_scoring(quiz_instance: Quiz, *, correct: int) -> dict[int, int]:
    """Answers for every question of the quiz: the first `correct` right, the rest wrong (in question order)."""
    right, wrong = correct_answers(quiz_instance), wrong_answers(quiz_instance)
    ordered = quiz_instance.questions.order_by("sort_order", "pk").values_list("pk", flat=True)
    return {pk: (right[pk] if index < correct else wrong[pk]) for index, pk in enumerate(ordered)}


def attempt(*, user: User, quiz_instance: Quiz, answers: dict[int, int] | None = None, finish: bool = False):
    """An attempt started (and answered, and finished if asked) through the quiz services."""
    from quizzes.services import attempt_answer, attempt_finish, attempt_start

    started = attempt_start(user=user, quiz=quiz_instance)
    if answers:
        started = attempt_answer(attempt=started, answers=answers)
    if finish:
        started = attempt_finish(attempt=started)
    return started


def lessons_complete(*, user: User, module_page: ModulePage, count: int | None = None) -> None:
    """Mark the module's first `count` lessons (all by default) done through the courses service."""
    from courses.selectors import module_lessons
    from courses.services import lesson_complete

    lessons = list(module_lessons(module=module_page))
    for lesson_page in lessons if count is None else lessons[:count]:
        lesson_complete(user=user, lesson=lesson_page)


def draft_lesson(*, module: ModulePage, title="Pelajaran draf") -> LessonPage:
    """A lesson saved under a module but never published (live=False)."""
    slug = f"pelajaran-{LessonPage.objects.count() + 1}"
    page = module.add_child(instance=LessonPage(title=title, slug=slug, live=False, body=[("text", "<p>Draf.</p>")]))
    page.save_revision()
    return page


def image(*, title="Gambar uji", width=40, height=30):
    """A Wagtail image backed by a real, tiny PNG file."""
    import io

    from django.core.files.images import ImageFile
    from PIL import Image as PILImage
    from wagtail.images.models import Image

    buffer = io.BytesIO()
    PILImage.new("RGB", (width, height), "teal").save(buffer, format="PNG")
    return Image.objects.create(title=title, file=ImageFile(buffer, name="uji.png"))


def document(*, title="Panduan layanan", name="panduan.pdf", content=b"%PDF-1.4 uji"):
    """A Wagtail document backed by a small file."""
    from django.core.files.base import ContentFile
    from wagtail.documents.models import Document

    return Document.objects.create(title=title, file=ContentFile(content, name=name))


_module_factory = module


def completion(*, user=None, module=None, unit=None, completed_at=None, jp=None, score=80):
    """A records.Completion written directly (no signal, no certificate; yearly summaries kept); unit defaults to
    the user's unit."""
    from django.utils import timezone

    from records.models import Completion
    from records.services import summary_add_completion

    user = user or UserFactory()
    module = module or _module_factory(lessons=0)
    completion = Completion.objects.create(
        user=user,
        module=module,
        unit=unit if unit is not None else user.unit,
        jp=module.jp if jp is None else jp,
        score=score,
        completed_at=completed_at or timezone.now(),
    )
    summary_add_completion(completion=completion)  # as records.services does for real completions
    return completion
