"""Quiz test data beyond tests.factories: every question kind, categories and SJT scores."""

from courses.models import BerAkhlakValue
from quizzes.models import Category, Choice, Question, Quiz
from quizzes.services import question_create
from tests import factories


def standalone_quiz(*, title="Kuis mandiri", slug=None, module=None, **settings) -> Quiz:
    """A published quiz with no questions yet; settings are Quiz fields."""
    fields = {"title": title, "module": module, "is_published": True, **settings}
    if slug:
        fields["slug"] = slug
    return Quiz.objects.create(**fields)


def mc(quiz: Quiz, text="Pertanyaan pilihan ganda?", correct=1, options=3, **kwargs) -> Question:
    """A one-answer question whose correct choice is 'Benar' at position `correct` (0-based)."""
    choices = [("Benar" if index == correct else f"Salah {index}", index == correct) for index in range(options)]
    return question_create(quiz=quiz, text=text, choices=choices, **kwargs)


def multi(quiz: Quiz, text="Pilih semua yang benar", correct=(0, 2), options=4, **kwargs) -> Question:
    choices = [(f"Opsi {index}", index in correct) for index in range(options)]
    return question_create(quiz=quiz, text=text, choices=choices, kind=Question.Kind.MULTIPLE_CORRECT, **kwargs)


def essay(quiz: Quiz, text="Jelaskan sikap melayani.", **kwargs) -> Question:
    return question_create(quiz=quiz, text=text, kind=Question.Kind.ESSAY, **kwargs)


def sjt(quiz: Quiz, text="Warga marah di loket. Apa yang Anda lakukan?", scores=None, **kwargs) -> Question:
    """Three options scored per value; default: option 0 best for pelayanan (4) and harmonis (3)."""
    values = {value.code: value for value in BerAkhlakValue.objects.all()}
    scores = scores or [
        {"pelayanan": 4, "harmonis": 3},
        {"pelayanan": 2, "harmonis": 1},
        {"pelayanan": 0, "harmonis": 0},
    ]
    return question_create(
        quiz=quiz,
        text=text,
        kind=Question.Kind.SITUATIONAL,
        choices=[(f"Tanggapan {index}", False) for index in range(len(scores))],
        value_scores=[{values[code]: score for code, score in option.items()} for option in scores],
        **kwargs,
    )


def category(name="Pelayanan publik", parent=None) -> Category:
    return Category.objects.create(name=name, parent=parent)


def choice_named(question: Question, text: str) -> int:
    return Choice.objects.get(question_id=question.pk, text=text).pk


__all__ = ["factories"]
