"""Tests of plastlib.exercises.hopfield: checks of the mixture, perfect-recall and basin exercises."""

import numpy as np
import pytest
from scipy.optimize import brentq

from plastlib import hopfield
from plastlib.exercises import hopfield as check

N_UNITS = 500
FLIP_FRACTIONS = np.linspace(0.05, 0.45, 9)


# -- hop-ex-mixture -------------------------------------------------------------------------


def _mixture_answer(seed):
    rng = np.random.default_rng(seed)
    patterns = hopfield.random_patterns(int(0.02 * N_UNITS), N_UNITS, rng)
    weights = hopfield.hebbian_weights(patterns)
    mixture = np.sign(patterns[:3].sum(axis=0))
    settled = hopfield.recall_async(weights, mixture, rng=rng)
    overlaps = [hopfield.overlap(xi, mixture) for xi in patterns[:3]]
    return overlaps, int(np.sum(settled.state != mixture)), mixture, patterns


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_mixture_reference_passes(seed):
    overlaps, n_changed, _, _ = _mixture_answer(seed)
    feedback = check.check_mixture(overlaps, n_changed)
    assert feedback, feedback


def test_mixture_agreement_fraction_fails():
    _, n_changed, mixture, patterns = _mixture_answer(0)
    fractions = [np.mean(xi == mixture) for xi in patterns[:3]]
    feedback = check.check_mixture(fractions, n_changed)
    assert not feedback
    assert "2 * fraction - 1" in str(feedback)


def test_mixture_wrong_pattern_fails():
    _, n_changed, mixture, patterns = _mixture_answer(0)
    overlaps = [hopfield.overlap(xi, mixture) for xi in patterns[[0, 1, 5]]]
    feedback = check.check_mixture(overlaps, n_changed)
    assert not feedback
    assert "pattern 3" in str(feedback)
    assert "not built from this pattern" in str(feedback)


def test_mixture_unnormalised_overlaps_fail():
    overlaps, n_changed, _, _ = _mixture_answer(0)
    feedback = check.check_mixture(np.array(overlaps) * N_UNITS, n_changed)
    assert not feedback
    assert "divide the sum over units by N" in str(feedback)


def test_mixture_high_load_changes_too_many_units():
    # At load 0.2 recall moves 24 % to 43 % of the units away from the mixture.
    rng = np.random.default_rng(3)
    patterns = hopfield.random_patterns(int(0.2 * N_UNITS), N_UNITS, rng)
    mixture = np.sign(patterns[:3].sum(axis=0))
    settled = hopfield.recall_async(hopfield.hebbian_weights(patterns), mixture, rng=rng)
    n_changed = int(np.sum(settled.state != mixture))
    assert n_changed > 0.3 * N_UNITS
    feedback = check.check_mixture([0.5, 0.5, 0.5], n_changed)
    assert not feedback
    assert "not close to a fixed point" in str(feedback)


def test_mixture_bad_types_reported():
    feedback = check.check_mixture([0.5, 0.5], "none")
    assert not feedback
    assert "`overlaps` must have shape" in str(feedback)
    assert "`n_changed` must be a number" in str(feedback)


# -- hop-ex-perfect -------------------------------------------------------------------------


def _perfect_root(allowed=0.01, per_pattern=True, per_unit=True):
    def excess(p):
        count = 1.0
        if per_pattern:
            count *= p
        if per_unit:
            count *= 1000
        return count * hopfield.predicted_error_fraction(p / 1000) - allowed
    return brentq(excess, 1.0, 500.0)


def test_perfect_reference_and_rounded_pass():
    root = _perfect_root()
    for answer in (root, np.floor(root), np.ceil(root)):
        feedback = check.check_perfect(answer)
        assert feedback, feedback


@pytest.mark.parametrize("answer, message", [
    (1000 / (4 * np.log(1000)), "large-N estimate"),
    (_perfect_root(per_pattern=False), "factor p"),
    (_perfect_root(allowed=0.99), "not 0.99"),
    (_perfect_root(per_unit=False), "factor N is missing"),
    (_perfect_root() / 1000, "load p/N"),
])
def test_perfect_typical_mistakes_named(answer, message):
    feedback = check.check_perfect(answer)
    assert not feedback
    assert message in str(feedback)


def test_perfect_other_wrong_value_says_direction():
    feedback = check.check_perfect(1.2 * _perfect_root())
    assert not feedback
    assert "too large" in str(feedback)


def test_perfect_bad_types_reported():
    assert "`p_perfect` must be a number" in str(check.check_perfect("forty"))
    assert "`probability` must lie in (0.5, 1)" in str(check.check_perfect(40.0, probability=2))


# -- hop-ex-basins --------------------------------------------------------------------------


def _basin_answer(seed, loads=(0.05, 0.12)):
    rng = np.random.default_rng(seed)
    rows = []
    for load in loads:
        patterns = hopfield.random_patterns(int(load * N_UNITS), N_UNITS, rng)
        weights = hopfield.hebbian_weights(patterns)
        rows.append([np.mean([hopfield.overlap(xi, hopfield.recall_async(
            weights, hopfield.corrupt_pattern(xi, f, rng), rng=rng).state)
            for xi in patterns[:5]]) for f in FLIP_FRACTIONS])
    return np.array(rows)


@pytest.mark.slow
def test_basins_reference_passes():
    # 5 seeds. With a tolerance of 4 standard errors, a correct answer fails with an
    # estimated probability below 1e-4.
    for seed in range(5):
        feedback = check.check_basins(1 - 2 * FLIP_FRACTIONS, _basin_answer(seed))
        assert feedback, feedback


@pytest.mark.slow
def test_basins_typical_mistakes_named():
    answer = _basin_answer(1)
    initial = 1 - 2 * FLIP_FRACTIONS

    swapped = check.check_basins(initial, answer[::-1])
    assert not swapped
    assert "swapped" in str(swapped)

    flip_axis = check.check_basins(FLIP_FRACTIONS, answer)
    assert not flip_axis
    assert "flip fractions" in str(flip_axis)

    wrong_load = check.check_basins(initial, _basin_answer(2, loads=(0.05, 0.2)))
    assert not wrong_load
    assert "load 0.12" in str(wrong_load)
    assert "too small" in str(wrong_load)


def test_basins_shape_and_scale_reported():
    initial = 1 - 2 * FLIP_FRACTIONS
    one_row = check.check_basins(initial, np.ones(9))
    assert not one_row
    assert "must have shape (2, 9)" in str(one_row)

    unnormalised = check.check_basins(initial, np.full((2, 9), 300.0))
    assert not unnormalised
    assert "divide the sum over units by N" in str(unnormalised)

    assert "must be an array" in str(check.check_basins(initial, "curve"))
