"""Value profile, normalised gain and item statistics, on small data sets with hand-computed numbers."""

import pytest
from django.urls import reverse
from django.utils import timezone

from courses.models import BerAkhlakValue
from people.models import User
from quizzes.models import Attempt, Quiz
from quizzes.selectors import (
    cohort_gain,
    item_statistics,
    normalised_gain,
    pre_post_by_pair,
    pre_post_scores,
    value_profile,
)
from quizzes.services import attempt_answer, attempt_finish, attempt_start
from tests import factories
from tests.quizzes import factories as qf

pytestmark = pytest.mark.django_db


def _take(user, quiz, answers):
    attempt = attempt_start(user=user, quiz=quiz)
    attempt_answer(attempt=attempt, answers=answers)
    return attempt_finish(attempt=attempt)


def _profile(users):
    return {row.code: (row.percent, row.items) for row in value_profile(users=users)}


def test_value_profile_averages_sjt_options_and_value_tagged_questions(learner):
    quiz = qf.standalone_quiz()
    situation = qf.sjt(quiz)
    tagged = qf.mc(quiz, value=BerAkhlakValue.objects.get(code="akuntabel"))
    options = {c.text: c.pk for c in situation.choices.all()}
    _take(learner, quiz, {situation.pk: options["Tanggapan 1"], tagged.pk: qf.choice_named(tagged, "Benar")})
    _take(learner, quiz, {situation.pk: options["Tanggapan 0"], tagged.pk: qf.choice_named(tagged, "Salah 0")})

    profile = _profile(User.objects.filter(pk=learner.pk))
    # pelayanan: 2/4 and 4/4 → 75; harmonis: 1/3 and 3/3 → 66.7; akuntabel: right then wrong → 50
    assert profile["pelayanan"] == (75.0, 2)
    assert profile["harmonis"] == (66.7, 2)
    assert profile["akuntabel"] == (50.0, 2)
    assert profile["loyal"] == (None, 0)

    other = factories.UserFactory()
    _take(other, quiz, {situation.pk: options["Tanggapan 2"], tagged.pk: qf.choice_named(tagged, "Benar")})
    cohort = _profile(User.objects.filter(pk__in=[learner.pk, other.pk]))
    assert cohort["pelayanan"] == (50.0, 3)  # (0.5 + 1 + 0) / 3


def test_value_profile_leaves_out_open_attempts_and_previews(learner):
    quiz = qf.standalone_quiz()
    situation = qf.sjt(quiz)
    best = situation.choices.get(text="Tanggapan 0").pk
    preview = attempt_start(user=learner, quiz=quiz, preview=True)
    attempt_answer(attempt=preview, answers={situation.pk: best})
    attempt_finish(attempt=preview)
    open_attempt = attempt_start(user=learner, quiz=quiz)
    attempt_answer(attempt=open_attempt, answers={situation.pk: best})
    assert _profile(User.objects.filter(pk=learner.pk))["pelayanan"] == (None, 0)


def test_progress_page_shows_the_profile_chart_with_its_data_table(english, learner):
    quiz = qf.standalone_quiz()
    situation = qf.sjt(quiz)
    _take(learner, quiz, {situation.pk: situation.choices.get(text="Tanggapan 1").pk})
    page = english.get(reverse("quizzes:progress")).content.decode()
    assert "vendor/chartjs/chart.umd.min.js" in page and '<canvas id="value-profile"' in page
    assert "<td>50.0</td>" in page  # pelayanan 2/4 in the table


def test_progress_page_has_an_empty_state(english):
    page = english.get(reverse("quizzes:progress")).content.decode()
    assert "No answers measure a Ber-AKHLAK value yet." in page and "<canvas" not in page


@pytest.mark.parametrize(
    ("pre", "post", "gain"),
    [(40, 70, 0.5), (80, 90, 0.5), (20, 20, 0.0), (50, 25, -0.5), (100, 100, None), (None, 70, None)],
)
def test_normalised_gain_is_post_minus_pre_over_100_minus_pre(pre, post, gain):
    assert normalised_gain(pre=pre, post=post) == gain


def _finished(user, quiz, score):
    return Attempt.objects.create(
        user=user,
        quiz=quiz,
        status=Attempt.Status.FINISHED,
        score=score,
        passed=score >= quiz.pass_mark,
        finished_at=timezone.now(),
    )


def test_pre_post_scores_and_cohort_gain_on_one_module():
    module = factories.module(lessons=0)
    pre = qf.standalone_quiz(module=module, purpose=Quiz.Purpose.PRE_TEST, title="Pre")
    post = qf.standalone_quiz(module=module, purpose=Quiz.Purpose.POST_TEST, title="Post")
    a, b, c, d = (factories.UserFactory() for _ in range(4))
    for user, before, after in ((a, 40, 70), (b, 80, 90), (c, 20, 20)):
        _finished(user, pre, before)
        _finished(user, post, after)
    _finished(a, pre, 90)  # a second pre-test attempt does not replace the first
    _finished(d, pre, 60)  # no post-test yet
    users = User.objects.filter(pk__in=[a.pk, b.pk, c.pk, d.pk]).order_by("pk")

    rows = {row.user_id: (row.pre, row.post, row.gain) for row in pre_post_scores(users=users, module=module)}
    assert rows[a.pk] == (40, 70, 0.5) and rows[b.pk] == (80, 90, 0.5) and rows[c.pk] == (20, 20, 0.0)
    assert rows[d.pk] == (60, None, None)

    cohort = cohort_gain(users=users, module=module)
    assert cohort.learners == 3
    assert (cohort.mean_pre, cohort.mean_post) == (46.67, 60.0)
    assert cohort.gain_of_means == 0.25  # (60 − 46.67) / (100 − 46.67)
    assert cohort.mean_of_gains == 0.3333  # (0.5 + 0.5 + 0) / 3


# Ten learners × five questions; 1 = right. Q5 is answered right by everyone.
PATTERNS = [
    (1, 1, 1, 1),
    (1, 1, 1, 1),
    (1, 1, 0, 1),
    (1, 0, 1, 1),
    (1, 1, 0, 1),
    (1, 0, 0, 1),
    (0, 1, 0, 1),
    (1, 0, 0, 1),
    (0, 0, 1, 1),
    (0, 0, 0, 1),
]


def test_item_statistics_on_a_known_data_set():
    quiz = qf.standalone_quiz()
    q1, q2, q3 = (qf.mc(quiz, text=f"Soal {n}") for n in (1, 2, 3))
    easy = qf.mc(quiz, text="Soal mudah")
    questions = [q1, q2, q3, easy]
    for pattern in PATTERNS:
        user = factories.UserFactory()
        _take(
            user,
            quiz,
            {
                q.pk: qf.choice_named(q, "Benar" if right else "Salah 0")
                for q, right in zip(questions, pattern, strict=True)
            },
        )
    # A second attempt of the first learner is ignored: statistics use first attempts.
    first_user = Attempt.objects.order_by("pk").first().user
    _take(first_user, quiz, {q.pk: qf.choice_named(q, "Salah 0") for q in questions})

    stats = {item.question.pk: item for item in item_statistics(quiz=quiz)}
    # Upper 27 % = 3 best attempts (learners 1–3), lower = 3 worst (learners 8–10).
    assert (stats[q1.pk].facility, stats[q1.pk].discrimination) == (0.7, 0.6667)  # 1 − 1/3
    assert (stats[q2.pk].facility, stats[q2.pk].discrimination) == (0.5, 1.0)  # 1 − 0
    assert (stats[q3.pk].facility, stats[q3.pk].discrimination) == (0.4, 0.3333)  # 2/3 − 1/3
    assert (stats[easy.pk].facility, stats[easy.pk].discrimination) == (1.0, 0.0)
    assert stats[q1.pk].answered == 10
    popularity = {choice.text: (picked, share) for choice, picked, share in stats[q1.pk].options}
    assert popularity == {"Salah 0": (3, 0.3), "Benar": (7, 0.7), "Salah 2": (0, 0.0)}
    assert stats[q1.pk].warnings == [] and stats[q2.pk].warnings == []
    assert len(stats[easy.pk].warnings) == 2  # too easy, and separates nobody


def test_item_statistics_page_needs_view_sittings_and_shows_the_warning(client):
    quiz = qf.standalone_quiz()
    question = qf.mc(quiz)
    for _ in range(3):
        _take(factories.UserFactory(), quiz, {question.pk: qf.choice_named(question, "Benar")})
    url = reverse("quizzes_admin_statistics", args=[quiz.pk])
    hr = factories.UserFactory(nip=None, username="hr-statistik", role="kepegawaian", is_staff=True)
    client.force_login(hr)
    assert client.get(url).status_code in (302, 403)
    trainer = factories.UserFactory(nip=None, username="pelatih-statistik", role="pengajar", is_staff=True)
    client.force_login(trainer)
    client.cookies["django_language"] = "en"
    page = client.get(url).content.decode()
    assert "Very easy: more than 90% answer it correctly." in page


def test_module_page_offers_the_pre_test_then_shows_its_score_and_the_pre_test_never_completes(english, learner):
    module = factories.module(lessons=1)
    pre = qf.standalone_quiz(module=module, purpose=Quiz.Purpose.PRE_TEST, title="Pre-test Pelayanan")
    qf.mc(qf.standalone_quiz(module=module, purpose=Quiz.Purpose.POST_TEST, title="Post-test Pelayanan"))
    question = qf.mc(pre)
    factories.lessons_complete(user=learner, module_page=module)
    page = english.get(module.url).content.decode()
    assert "Pre-test Pelayanan" in page and reverse("quizzes:start", args=[pre.pk]) in page
    _take(learner, pre, {question.pk: qf.choice_named(question, "Benar")})
    page = english.get(module.url).content.decode()
    assert "Your pre-test score: 100.00%" in page
    from records.models import Completion

    assert not Completion.objects.filter(user=learner).exists()  # the post-test counts, not the pre-test


@pytest.mark.parametrize("learners", [2, 12])
def test_pre_post_scores_cost_two_queries_whatever_the_number_of_learners(learners, django_assert_num_queries):
    module = factories.module(lessons=0)
    pre = qf.standalone_quiz(module=module, purpose=Quiz.Purpose.PRE_TEST, title="Pre")
    post = qf.standalone_quiz(
        module=module, purpose=Quiz.Purpose.POST_TEST, title="Post", grading_method=Quiz.GradingMethod.LAST
    )
    people = [factories.UserFactory() for _ in range(learners)]
    for user in people:
        _finished(user, pre, 50)
        _finished(user, post, 90)
        _finished(user, post, 75)  # the last attempt counts under "last"
    users = User.objects.filter(pk__in=[user.pk for user in people])

    with django_assert_num_queries(2):
        rows = pre_post_scores(users=users, module=module)

    assert [(row.user_id, row.pre, row.post, row.gain) for row in rows] == [
        (user.pk, 50, 75, 0.5) for user in sorted(people, key=lambda user: user.pk)
    ]


def test_export_pairs_use_the_same_rule_in_two_queries(django_assert_num_queries):
    module, other = factories.module(lessons=0), factories.module(lessons=0)
    post = qf.standalone_quiz(
        module=module, purpose=Quiz.Purpose.POST_TEST, title="Post", grading_method=Quiz.GradingMethod.FIRST
    )
    a, b = factories.UserFactory(), factories.UserFactory()
    _finished(a, post, 60)
    _finished(a, post, 100)

    with django_assert_num_queries(2):
        scores = pre_post_by_pair(pairs=[(a.pk, module.pk), (b.pk, module.pk), (a.pk, other.pk), (a.pk, None)])

    assert scores == {(a.pk, module.pk): (None, 60)}
