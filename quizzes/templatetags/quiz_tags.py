"""Lets the module page show its quizzes without courses importing quizzes."""

from django import template

from ..selectors import attempt_grade, best_finished_attempt, pre_test_for_module, quiz_for_module

register = template.Library()


@register.inclusion_tag("quizzes/includes/module_quiz.html", takes_context=True)
def module_quiz(context, module):
    user = context["request"].user
    quiz = quiz_for_module(module=module)
    pre_test = pre_test_for_module(module=module)
    signed_in = user.is_authenticated
    best = best_finished_attempt(user=user, quiz=quiz) if quiz and signed_in else None
    pre_grade = attempt_grade(user=user, quiz=pre_test) if pre_test and signed_in else None
    return {
        "quiz": quiz,
        "best": best,
        "pre_test": pre_test,
        "pre_grade": pre_grade,
        "user": user,
        "request": context["request"],
    }
