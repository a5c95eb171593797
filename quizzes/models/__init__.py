"""Quizzes, their questions, attempts and answers: rows, so grading can be checked and audited."""

from .attempts import Answer, Attempt, AttemptQuestion, CategoryProgress
from .categories import Category
from .questions import Choice, ChoiceValueScore, Question, QuizQuestion
from .quizzes import Quiz

__all__ = [
    "Answer",
    "Attempt",
    "AttemptQuestion",
    "Category",
    "CategoryProgress",
    "Choice",
    "ChoiceValueScore",
    "Question",
    "Quiz",
    "QuizQuestion",
]
