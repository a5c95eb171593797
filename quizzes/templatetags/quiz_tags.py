"""Lets the module page show its quiz without courses importing quizzes."""

from django import template

from ..selectors import best_finished_attempt, quiz_for_module

register = template.Library()


@register.inclusion_tag("quizzes/includes/module_quiz.html", takes_context=True)
def module_quiz(context, module):
    user = context["request"].user
    quiz = quiz_for_module(module=module)
    best = best_finished_attempt(user=user, quiz=quiz) if quiz and user.is_authenticated else None
    return {"quiz": quiz, "best": best, "user": user, "request": context["request"]}
