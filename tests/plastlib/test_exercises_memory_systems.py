"""Tests of the exercise checks of the chapter on memory systems."""

import numpy as np

from plastlib import conditioning
from plastlib.exercises import memory_systems as check

EPSILON = 0.15


def _partial_finals(n_learners, rng, p_us=0.4, epsilon=EPSILON, n_trials=10):
    generator = np.random.default_rng(rng)
    return np.array([
        conditioning.condition(*conditioning.make_protocol("partial", n_trials, rng=generator,
                                                           p_us=p_us), epsilon=epsilon).w[-1]
        for _ in range(n_learners)
    ])


def test_criterion_reference_passes():
    feedback = check.check_criterion(11, 45)
    assert feedback, feedback
    assert check.check_criterion(np.int64(11), 45.0)


def test_criterion_rounded_down():
    feedback = check.check_criterion(10, 44)
    assert not feedback
    assert "one trial short" in str(feedback)


def test_criterion_small_epsilon_approximation():
    # ceil(ln 10 / 0.2) = 12 and ceil(ln 10 / 0.05) = 47.
    feedback = check.check_criterion(12, 47)
    assert not feedback
    assert "ln(1 - ε) ≈ -ε" in str(feedback)


def test_criterion_chapter_level():
    feedback = check.check_criterion(8, 32)
    assert not feedback
    assert "chapter's criterion 0.8" in str(feedback)


def test_criterion_swapped():
    feedback = check.check_criterion(45, 11)
    assert not feedback
    assert "swapped" in str(feedback)
    assert len(feedback.problems) == 1


def test_criterion_not_whole_or_not_number():
    feedback = check.check_criterion(10.3, "45")
    assert not feedback
    assert "not a whole number" in str(feedback)
    assert "must be a number" in str(feedback)


def test_partial_reference_passes():
    finals = _partial_finals(2000, rng=1)
    predicted = 1 - (1 - EPSILON * 0.4) ** 10
    feedback = check.check_partial(finals, predicted)
    assert feedback, feedback


def test_partial_mean_in_exponent():
    finals = _partial_finals(2000, rng=2)
    feedback = check.check_partial(finals, 1 - (1 - EPSILON) ** (10 * 0.4))
    assert not feedback
    assert "exponent" in str(feedback)


def test_partial_scaled_curve():
    finals = _partial_finals(2000, rng=3)
    feedback = check.check_partial(finals, 0.4 * (1 - (1 - EPSILON) ** 10))
    assert not feedback
    assert "scales the paired learning curve" in str(feedback)


def test_partial_same_seed_every_learner():
    single = _partial_finals(1, rng=4)[0]
    feedback = check.check_partial(np.full(2000, single), 1 - (1 - EPSILON * 0.4) ** 10)
    assert not feedback
    assert "same final weight" in str(feedback)


def test_partial_default_learning_rate():
    finals = _partial_finals(2000, rng=5, epsilon=0.1)
    feedback = check.check_partial(finals, 1 - (1 - EPSILON * 0.4) ** 10)
    assert not feedback
    assert "default of `condition`" in str(feedback)


def test_partial_every_trial_reinforced():
    finals = _partial_finals(2000, rng=6, p_us=1.0)
    feedback = check.check_partial(finals, 1 - (1 - EPSILON * 0.4) ** 10)
    assert not feedback
    assert "every trial" in str(feedback)


def test_partial_too_few_learners_and_bad_types():
    feedback = check.check_partial(_partial_finals(50, rng=7), None)
    assert not feedback
    assert "at least 1000 learners" in str(feedback)
    assert "must be a number" in str(feedback)
    feedback = check.check_partial("weights", 0.46)
    assert not feedback
    assert "array of numbers" in str(feedback)


def test_partial_false_failure_rate_is_small():
    # 20 independent correct simulations: with a 4-sigma tolerance (6e-5 each) all pass
    # unless the tolerance is too tight.
    predicted = 1 - (1 - EPSILON * 0.4) ** 10
    for seed in range(20):
        rng = np.random.default_rng(100 + seed)
        k = rng.binomial(10, 0.4, size=2000)
        finals = 1 - (1 - EPSILON) ** k
        assert check.check_partial(finals, predicted), seed
