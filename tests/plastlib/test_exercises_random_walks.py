"""Tests of the exercise checks of the chapter on random walks of weights."""

import dataclasses

import numpy as np
import pytest
from scipy import stats

from plastlib import randomwalk as rw
from plastlib.exercises import random_walks as ex

HARD = ex.HARD
LEVELS = round((HARD.w_max - HARD.w_min) / HARD.c_p)
VARIANCE = HARD.c_p**2 * LEVELS * (LEVELS + 2) / 12
LONG_RUN = 4 * round(LEVELS * (LEVELS + 2) / (24 * HARD.p_p))


@pytest.fixture(scope="module")
def stationary_weights():
    return rw.simulate_walk(HARD, 10_000, LONG_RUN, w0=1.0, rng=7).weights


def test_hard_simulation_reference_passes(stationary_weights):
    feedback = ex.check_hard_simulation(VARIANCE, stationary_weights, LONG_RUN)
    assert feedback, feedback


def test_hard_simulation_continuous_uniform_named(stationary_weights):
    feedback = ex.check_hard_simulation(HARD.c_p**2 * LEVELS**2 / 12, stationary_weights,
                                        LONG_RUN)
    assert not feedback
    assert "continuous uniform" in str(feedback)


def test_hard_simulation_missing_step_squared_named(stationary_weights):
    feedback = ex.check_hard_simulation(LEVELS * (LEVELS + 2) / 12, stationary_weights,
                                        LONG_RUN)
    assert not feedback
    assert "step size squared" in str(feedback)


def test_hard_simulation_short_run_named():
    short = rw.simulate_walk(HARD, 10_000, 100, w0=1.0, rng=8).weights
    feedback = ex.check_hard_simulation(VARIANCE, short, 100)
    assert not feedback
    assert "too short" in str(feedback)
    assert "not yet spread" in str(feedback)


def test_hard_simulation_wrong_rule_named():
    unbounded = dataclasses.replace(HARD, rule="unbounded")
    weights = rw.simulate_walk(unbounded, 10_000, LONG_RUN, w0=1.0, rng=9).weights
    feedback = ex.check_hard_simulation(VARIANCE, weights, LONG_RUN)
    assert not feedback
    assert "outside the bounds" in str(feedback)


def test_hard_simulation_bad_types_reported():
    feedback = ex.check_hard_simulation("0.1", [[1.0, 2.0]], None)
    assert not feedback
    text = str(feedback)
    assert "`predicted_variance` must be a number" in text
    assert "`n_steps` must be a number" in text
    assert "shape" in text


def _distances(seed, steps=(0.2, 0.1, 0.05), n_steps_factor=10.0):
    edges = np.linspace(0.0, 3.0, 41)
    result = {}
    for step in steps:
        parameters = dataclasses.replace(ex.SOFT, c_p=step, c_d=step)
        n_steps = round(n_steps_factor / (parameters.p_d * parameters.c_d))
        walk = rw.simulate_walk(parameters, 20_000, n_steps, w0=1.0, rng=seed)
        sd = np.sqrt(rw.soft_bound_gaussian_variance(parameters))
        result[step] = (
            rw.total_variation_distance(walk.weights, rw.fokker_planck_density(parameters),
                                        edges),
            rw.total_variation_distance(walk.weights,
                                        lambda v, sd=sd: stats.norm.pdf(v, 1.0, sd), edges))
    return result


@pytest.fixture(scope="module")
def small_step_distances():
    return _distances(seed=11)


@pytest.mark.slow  # over 10 s with NUMBA_DISABLE_JIT=1
def test_small_steps_reference_passes(small_step_distances):
    feedback = ex.check_small_steps(small_step_distances)
    assert feedback, feedback


@pytest.mark.slow  # its fixture runs over 10 s with NUMBA_DISABLE_JIT=1
def test_small_steps_swapped_pair_named(small_step_distances):
    swapped = {step: (gauss, fp) for step, (fp, gauss) in small_step_distances.items()}
    feedback = ex.check_small_steps(swapped)
    assert not feedback
    assert "swapped" in str(feedback)


@pytest.mark.slow  # over 10 s with NUMBA_DISABLE_JIT=1
def test_small_steps_unconverged_run_named():
    # Starting at w = 1 for a tenth of a relaxation time leaves the weights far too narrow.
    feedback = ex.check_small_steps(_distances(seed=12, n_steps_factor=0.1))
    assert not feedback
    assert "relaxation times" in str(feedback)


@pytest.mark.slow  # its fixture runs over 10 s with NUMBA_DISABLE_JIT=1
def test_small_steps_missing_step_named(small_step_distances):
    partial = {0.2: small_step_distances[0.2]}
    feedback = ex.check_small_steps(partial)
    assert not feedback
    assert "no entry" in str(feedback)


def test_small_steps_bad_types_reported():
    assert "must be a dict" in str(ex.check_small_steps([0.1, 0.2]))
    feedback = ex.check_small_steps({0.2: "small", 0.1: (0.1,), 0.05: (0.0, 2.0)})
    assert not feedback
    assert "shape" in str(feedback)
