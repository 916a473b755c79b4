"""Tests of the exercise checks of the Hebbian learning chapter."""

import numpy as np
import pytest

from plastlib import hebbian as hb
from plastlib.exercises import hebbian as check

BOUNDS = dict(w_min=0.0, w_max=1.0)
EYES = np.array([[1.0, 0.5], [0.5, 1.0]])
EYES_START = np.array([0.52, 0.48])


@pytest.fixture(scope="module")
def inputs_2d():
    ensemble = hb.mixture_ensemble(np.array(check.PATTERNS_2D), check.NOISE_STD_2D**2)
    samples, _ = ensemble.sample(40_000, rng=1)
    return ensemble, samples


@pytest.fixture(scope="module")
def grid_starts():
    grid = np.linspace(0.05, 0.95, 7)
    return np.array([(u, v) for u in grid for v in grid])


def _final_weights(inputs, starts, rule, constraint, **kwargs):
    return np.array([hb.learn_online(inputs[:5000], s, 0.005, rule, constraint, **kwargs).final
                     for s in starts])


def test_plain_bounds_reference_passes(inputs_2d, grid_starts):
    ends = _final_weights(inputs_2d[1], grid_starts, "hebb", "hard", **BOUNDS)
    feedback = check.check_plain_bounds(ends)
    assert feedback, feedback


def test_plain_bounds_covariance_rule_fails(inputs_2d, grid_starts):
    ensemble, inputs = inputs_2d
    ends = _final_weights(inputs, grid_starts, "covariance", "hard", input_mean=ensemble.mean,
                          **BOUNDS)
    feedback = check.check_plain_bounds(ends)
    assert not feedback
    assert "covariance rule" in str(feedback)


def test_plain_bounds_without_bounds_fails(inputs_2d, grid_starts):
    ends = _final_weights(inputs_2d[1], grid_starts, "hebb", "none")
    feedback = check.check_plain_bounds(ends)
    assert not feedback
    assert "constraint='hard'" in str(feedback)


def test_plain_bounds_unconverged_fails():
    ends = np.full((49, 2), 0.7)
    feedback = check.check_plain_bounds(ends)
    assert not feedback
    assert "not converged" in str(feedback)


def test_plain_bounds_wrong_shape_and_type():
    assert "49 rows" in str(check.check_plain_bounds(np.ones((10, 2))))
    assert "shape" in str(check.check_plain_bounds(np.ones(49)))
    assert "array of numbers" in str(check.check_plain_bounds("all at one"))


def _eyes(constraint, **kwargs):
    return hb.learn_averaged(EYES, EYES_START, 0.05, 2000, constraint=constraint, **kwargs).final


def test_segregation_reference_passes():
    feedback = check.check_segregation(_eyes("divisive"), _eyes("subtractive", **BOUNDS))
    assert feedback, feedback


def test_segregation_swapped_answers_fail():
    feedback = check.check_segregation(_eyes("subtractive", **BOUNDS), _eyes("divisive"))
    assert not feedback
    assert "swapped" in str(feedback)


def test_segregation_wrong_winner_fails():
    feedback = check.check_segregation(_eyes("divisive"), _eyes("subtractive", **BOUNDS)[::-1])
    assert not feedback
    assert "wrong input wins" in str(feedback)


def test_segregation_unconstrained_divisive_fails():
    feedback = check.check_segregation(_eyes("none"), _eyes("subtractive", **BOUNDS))
    assert not feedback
    assert "Euclidean norm" in str(feedback)


def test_segregation_unconverged_subtractive_fails():
    short = hb.learn_averaged(EYES, EYES_START, 0.05, 20, constraint="subtractive",
                              **BOUNDS).final
    feedback = check.check_segregation(_eyes("divisive"), short)
    assert not feedback
    assert "not segregated" in str(feedback)


def test_segregation_bad_types():
    feedback = check.check_segregation(None, [1.0, 0.0, 0.0])
    assert not feedback
    assert "`w_divisive`" in str(feedback)
    assert "`w_subtractive` must have shape (2,)" in str(feedback)


def _bcm(inputs, theta_rate):
    return hb.learn_online(inputs, np.array([0.1, 0.15]), 0.002, "bcm", theta_rate=theta_rate,
                           record_every=100)


def test_bcm_slow_reference_passes(inputs_2d):
    feedback = check.check_bcm_slow(_bcm(inputs_2d[1], 0.0005))
    assert feedback, feedback


def test_bcm_slow_fast_threshold_fails(inputs_2d):
    feedback = check.check_bcm_slow(_bcm(inputs_2d[1], 0.02))
    assert not feedback
    assert "theta_rate=0.0005" in str(feedback)


def test_bcm_slow_short_run_fails(inputs_2d):
    feedback = check.check_bcm_slow(_bcm(inputs_2d[1][:1000], 0.0005))
    assert not feedback
    assert "stops after 1000 presentations" in str(feedback)


def test_bcm_slow_other_rule_fails(inputs_2d):
    ensemble, inputs = inputs_2d
    run = hb.learn_online(inputs, np.array([0.1, 0.15]), 0.002, "covariance",
                          input_mean=ensemble.mean)
    feedback = check.check_bcm_slow(run)
    assert not feedback
    assert "rule='bcm'" in str(feedback)


def test_bcm_slow_bad_types(inputs_2d):
    run = _bcm(inputs_2d[1], 0.0005)
    assert "LearningResult" in str(check.check_bcm_slow(run.weights))
    wide = hb.learn_online(np.ones((100, 3)), np.full(3, 0.1), 0.002, "bcm")
    assert "2-D ensemble" in str(check.check_bcm_slow(wide))
