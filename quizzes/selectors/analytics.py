"""Assessment analytics: value profiles, pre/post-test gain and item statistics.

HR reports call value_profile, pre_post_scores, normalised_gain and cohort_gain; their signatures are
keyword-only and stable.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Prefetch, QuerySet
from django.utils.translation import gettext as _

from courses.models import BerAkhlakValue

from ..models import Answer, Attempt, AttemptQuestion, Choice, Question, Quiz
from .attempts import grade_score, quiz_members

# --- value profile ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ValueScore:
    code: str
    label: str
    percent: float | None  # None: no answered item measures this value yet
    items: int


def value_profile(*, users: QuerySet) -> list[ValueScore]:
    """Per Ber-AKHLAK value, the average (0–100) over every answered item of the users' finished attempts.

    An item is a situational-judgement answer (chosen option's score for the value ÷ the best option's score
    for it; values no option scores are skipped) or a graded answer to a question tagged with the value
    (its points, 0–1). Every item weighs the same; previews and unmarked essays are left out. Pass one user
    (`User.objects.filter(pk=…)`) for a learner's profile or a unit's people for a cohort's.
    """
    sums: dict[int, float] = defaultdict(float)
    counts: dict[int, int] = defaultdict(int)
    answers = (
        Answer.objects.filter(
            attempt__user__in=users,
            attempt__status=Attempt.Status.FINISHED,
            attempt__is_preview=False,
            points__isnull=False,
        )
        .filter(question__kind=Question.Kind.SITUATIONAL)
        .select_related("question")
        .prefetch_related(
            Prefetch("question__choices", queryset=Choice.objects.prefetch_related("value_scores")),
        )
    )
    for answer in answers:
        best: dict[int, int] = defaultdict(int)
        chosen: dict[int, int] = {}
        for choice in answer.question.choices.all():
            for score in choice.value_scores.all():
                best[score.value_id] = max(best[score.value_id], score.score)
                if choice.pk == answer.choice_id:
                    chosen[score.value_id] = score.score
        for value_id, top in best.items():
            if top:
                sums[value_id] += chosen.get(value_id, 0) / top
                counts[value_id] += 1
    tagged = Answer.objects.filter(
        attempt__user__in=users,
        attempt__status=Attempt.Status.FINISHED,
        attempt__is_preview=False,
        points__isnull=False,
        question__value__isnull=False,
    ).exclude(question__kind=Question.Kind.SITUATIONAL)
    for value_id, points in tagged.values_list("question__value_id", "points"):
        sums[value_id] += float(points)
        counts[value_id] += 1
    return [
        ValueScore(
            code=value.code,
            label=value.get_code_display(),
            percent=round(100 * sums[value.pk] / counts[value.pk], 1) if counts[value.pk] else None,
            items=counts[value.pk],
        )
        for value in BerAkhlakValue.objects.order_by("id")
    ]


# --- pre-test / post-test -----------------------------------------------------------------------------------


def normalised_gain(*, pre: Decimal | float | None, post: Decimal | float | None) -> float | None:
    """Hake's normalised gain (post − pre) / (100 − pre), scores in percent; None when undefined (pre = 100)."""
    if pre is None or post is None or float(pre) >= 100:
        return None
    return round((float(post) - float(pre)) / (100 - float(pre)), 4)


@dataclass(frozen=True)
class PrePostScore:
    user_id: int
    pre: Decimal | None  # the first finished pre-test attempt
    post: Decimal | None  # the post-test grade under its grading method
    gain: float | None


def pre_post_by_pair(*, pairs: list[tuple[int, int | None]]) -> dict[tuple[int, int], tuple]:
    """(pre, post) per (user id, module id) for many pairs at once: two queries, whatever their number.

    Pairs whose module id is None (workshops) get nothing; pairs with neither score are left out.
    """
    users = {user_id for user_id, module_id in pairs if module_id is not None}
    modules = {module_id for _user_id, module_id in pairs if module_id is not None}
    if not users:
        return {}
    wanted = set(pairs)
    return {key: pair for key, pair in _pre_post(user_ids=users, module_ids=modules).items() if key in wanted}


def _pre_post(*, user_ids, module_ids) -> dict[tuple[int, int], tuple]:
    """The one implementation: query 1 finds each module's pre-test and graded quiz (the first published of each,
    as pre_test_for_module and quiz_for_module do); query 2 reads the finished attempts on them in order."""
    pre_of, post_of = {}, {}
    quizzes = (
        Quiz.objects.filter(module_id__in=module_ids, is_published=True)
        .order_by("pk")
        .values_list("pk", "module_id", "purpose", "grading_method")
    )
    for pk, module_id, purpose, method in quizzes:
        if purpose == Quiz.Purpose.PRE_TEST:
            pre_of.setdefault(module_id, pk)
        else:
            post_of.setdefault(module_id, (pk, method))
    quiz_ids = [*pre_of.values(), *(pk for pk, _method in post_of.values())]
    if not quiz_ids:
        return {}
    module_of = {pk: module_id for module_id, pk in pre_of.items()}
    module_of.update({pk: module_id for module_id, (pk, _method) in post_of.items()})
    pre_ids = set(pre_of.values())
    firsts: dict[tuple[int, int], Decimal] = {}
    posts: dict[tuple[int, int], list[Decimal]] = defaultdict(list)
    attempts = (
        Attempt.objects.filter(
            user_id__in=user_ids, quiz_id__in=quiz_ids, status=Attempt.Status.FINISHED, is_preview=False
        )
        .order_by("finished_at", "pk")
        .values_list("user_id", "quiz_id", "score")
    )
    for user_id, quiz_id, score in attempts:
        key = (user_id, module_of[quiz_id])
        if quiz_id in pre_ids:
            firsts.setdefault(key, score)
        else:
            posts[key].append(score)
    cents = Decimal("0.01")
    result = {}
    for key in firsts.keys() | posts.keys():
        scores = posts.get(key)
        post = grade_score(method=post_of[key[1]][1], scores=scores) if scores else None
        pre = firsts.get(key)
        result[key] = tuple(None if value is None else Decimal(value).quantize(cents) for value in (pre, post))
    return result


def pre_post_scores(*, users: QuerySet, module) -> list[PrePostScore]:
    """Pre-test and post-test scores of each user on the module, with their normalised gain (two queries).

    The pre-test is the module's first finished pre-test attempt; the post-test is the grade (under its
    grading method) on the module's graded quiz (purpose post-test or quiz). Users who took neither are left
    out; rows come in user id order.
    """
    scores = _pre_post(user_ids=users.values("pk"), module_ids=[module.pk])
    return [
        PrePostScore(user_id=user_id, pre=pre, post=post, gain=normalised_gain(pre=pre, post=post))
        for (user_id, _module_id), (pre, post) in sorted(scores.items())
    ]


@dataclass(frozen=True)
class CohortGain:
    learners: int  # learners with both scores
    mean_pre: float | None
    mean_post: float | None
    gain_of_means: float | None  # Hake's class gain: from the mean pre and post scores
    mean_of_gains: float | None  # average of the individual gains (learners with pre = 100 left out)


def cohort_gain(*, users: QuerySet, module) -> CohortGain:
    """The cohort's normalised gain on the module, both ways it is commonly reported."""
    paired = [
        row for row in pre_post_scores(users=users, module=module) if row.pre is not None and row.post is not None
    ]
    if not paired:
        return CohortGain(0, None, None, None, None)
    mean_pre = sum(float(row.pre) for row in paired) / len(paired)
    mean_post = sum(float(row.post) for row in paired) / len(paired)
    gains = [row.gain for row in paired if row.gain is not None]
    return CohortGain(
        learners=len(paired),
        mean_pre=round(mean_pre, 2),
        mean_post=round(mean_post, 2),
        gain_of_means=normalised_gain(pre=mean_pre, post=mean_post),
        mean_of_gains=round(sum(gains) / len(gains), 4) if gains else None,
    )


# --- item statistics ----------------------------------------------------------------------------------------

FACILITY_LOW, FACILITY_HIGH, DISCRIMINATION_LOW = 0.2, 0.9, 0.2
GROUP_SHARE = 0.27


@dataclass
class ItemStatistics:
    question: Question
    answered: int  # attempts this question was drawn in
    facility: float | None  # mean points, 0–1 (share answering correctly)
    discrimination: float | None  # upper 27 % mean − lower 27 % mean
    options: list[tuple[Choice, int, float]] = field(default_factory=list)  # choice, picked, share of answers
    warnings: list[str] = field(default_factory=list)


def item_statistics(*, quiz: Quiz) -> list[ItemStatistics]:
    """Classical item analysis on each learner's first finished attempt.

    Facility index = mean points on the item. Discrimination index = mean item points in the upper group
    minus the lower group, the groups being the top and bottom 27 % of attempts by total score (at least one
    attempt each; needs at least two attempts). A question is flagged when its facility is below 0.2 or above
    0.9, or its discrimination is below 0.2 (negative: check the answer key).
    """
    firsts: dict[int, Attempt] = {}
    for attempt in Attempt.objects.filter(quiz=quiz, status=Attempt.Status.FINISHED, is_preview=False).order_by(
        "finished_at", "pk"
    ):
        firsts.setdefault(attempt.user_id, attempt)
    attempts = sorted(firsts.values(), key=lambda attempt: (-attempt.score, attempt.pk))
    size = max(1, round(GROUP_SHARE * len(attempts))) if len(attempts) >= 2 else 0
    upper = {attempt.pk for attempt in attempts[:size]}
    lower = {attempt.pk for attempt in attempts[len(attempts) - size :]} if size else set()
    ids = [attempt.pk for attempt in attempts]
    drawn: dict[int, set[int]] = defaultdict(set)
    for attempt_id, question_id in AttemptQuestion.objects.filter(attempt_id__in=ids).values_list(
        "attempt_id", "question_id"
    ):
        drawn[question_id].add(attempt_id)
    points: dict[tuple[int, int], float] = {}
    picks: dict[int, int] = defaultdict(int)
    answers = Answer.objects.filter(attempt_id__in=ids).prefetch_related("choices")
    for answer in answers:
        points[(answer.attempt_id, answer.question_id)] = float(answer.points or 0)
        if answer.choice_id:
            picks[answer.choice_id] += 1
        for choice in answer.choices.all():
            picks[choice.pk] += 1
    answered_count: dict[int, int] = defaultdict(int)
    for _attempt_id, question_id in points:
        answered_count[question_id] += 1
    result = []
    for question in quiz_members(quiz=quiz).prefetch_related("choices"):
        sat = drawn.get(question.pk, set())
        stats = ItemStatistics(question=question, answered=len(sat), facility=None, discrimination=None)
        if sat:
            stats.facility = round(sum(points.get((a, question.pk), 0.0) for a in sat) / len(sat), 4)
            top, bottom = sat & upper, sat & lower
            if top and bottom:
                mean_top = sum(points.get((a, question.pk), 0.0) for a in top) / len(top)
                mean_bottom = sum(points.get((a, question.pk), 0.0) for a in bottom) / len(bottom)
                stats.discrimination = round(mean_top - mean_bottom, 4)
        total_answers = answered_count.get(question.pk, 0)
        stats.options = [
            (
                choice,
                picks.get(choice.pk, 0),
                round(picks.get(choice.pk, 0) / total_answers, 4) if total_answers else 0.0,
            )
            for choice in question.choices.all()
        ]
        stats.warnings = _warnings(stats)
        result.append(stats)
    return result


def _warnings(stats: ItemStatistics) -> list[str]:
    warnings = []
    if stats.facility is not None and stats.facility < FACILITY_LOW:
        warnings.append(_("Very hard: fewer than 20% answer it correctly."))
    if stats.facility is not None and stats.facility > FACILITY_HIGH:
        warnings.append(_("Very easy: more than 90% answer it correctly."))
    if stats.discrimination is not None and stats.discrimination < 0:
        warnings.append(_("Weaker learners do better than stronger ones: check the answer key."))
    elif stats.discrimination is not None and stats.discrimination < DISCRIMINATION_LOW:
        warnings.append(_("Hardly separates stronger from weaker learners: revise it."))
    return warnings
