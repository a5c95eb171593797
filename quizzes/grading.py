"""How each kind of question is scored. Pure functions, so the rules are stated once and tested directly.

Scoring rules (0 to 1 point per question; the attempt's score is the sum over the drawn questions, in percent):
- multiple choice (one answer) and true/false: 1 for the correct choice, else 0;
- multiple correct answers: all-or-nothing, 1 only when the set of ticked choices equals the set of correct
  choices exactly (no partial credit, so ticking everything never pays);
- situational judgement: the chosen option's total score over all values divided by the best option's total
  (so the best option earns 1, a weaker one a fraction);
- essay: no automatic points; a trainer marks it (0–100 %), until then it counts 0 and the attempt is flagged.
"""

from decimal import ROUND_HALF_UP, Decimal

ONE = Decimal(1)
ZERO = Decimal(0)


def _ratio(numerator: int, denominator: int) -> Decimal:
    if not denominator:
        return ZERO
    return (Decimal(numerator) / Decimal(denominator)).quantize(Decimal("0.0001"), rounding=ROUND_HALF_UP)


def choice_points(*, is_correct: bool) -> Decimal:
    return ONE if is_correct else ZERO


def multiple_correct_points(*, chosen: set[int], correct: set[int]) -> Decimal:
    return ONE if chosen and chosen == correct else ZERO


def situational_points(*, chosen_total: int, option_totals: list[int]) -> Decimal:
    return _ratio(chosen_total, max(option_totals, default=0))


def percent(*, points: Decimal, questions: int) -> Decimal:
    if not questions:
        return ZERO
    return (Decimal(100) * points / questions).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
