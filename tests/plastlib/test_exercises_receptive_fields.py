"""Tests of the exercise checks of the receptive-field chapter."""

from dataclasses import replace

import numpy as np
import pytest

from plastlib import network
from plastlib.exercises import receptive_fields as check

ADDITIVE = network.NetworkParams()
WEIGHT_DEPENDENT = replace(ADDITIVE, cell=replace(ADDITIVE.cell, mu_minus=1.0,
                                                  depression_ratio=2.0))


@pytest.fixture(scope="module")
def additive_start():
    run = network.simulate_network(replace(ADDITIVE, g_lateral=1.0), 300e3,
                                   snapshot_interval=30e3, rng=1, progress=False)
    return run.final_weights


def _retention(params, start, seed=2):
    times = {}
    for g_lateral in (0.2, 1.0):
        run = network.simulate_network(replace(params, g_lateral=g_lateral), 200e3,
                                       initial_weights=start, snapshot_interval=1e3, rng=seed,
                                       progress=False)
        correlation = network.receptive_field_correlation(run.weights)
        times[g_lateral] = network.decay_time(run.snapshot_times, correlation, 0.2) / 1e3
    return times


@pytest.mark.slow
def test_additive_reference_passes(additive_start):
    feedback = check.check_additive(_retention(ADDITIVE, additive_start), additive_start)
    assert feedback, feedback


@pytest.mark.slow
def test_additive_other_seed_passes(additive_start):
    feedback = check.check_additive(_retention(ADDITIVE, additive_start, seed=4), additive_start)
    assert feedback, feedback


@pytest.mark.slow
def test_additive_milliseconds_fail(additive_start):
    in_ms = {g: 1000 * tau for g, tau in _retention(ADDITIVE, additive_start).items()}
    feedback = check.check_additive(in_ms, additive_start)
    assert not feedback
    assert "in ms" in str(feedback)


@pytest.mark.slow
def test_additive_weight_dependent_rule_fails(additive_start):
    feedback = check.check_additive(_retention(WEIGHT_DEPENDENT, additive_start), additive_start)
    assert not feedback
    assert "far too short" in str(feedback)
    assert "WEIGHT_DEPENDENT" in str(feedback)


def test_additive_random_start_fails():
    random_start = np.random.default_rng(0).uniform(size=(10, 100))
    feedback = check.check_additive({0.2: 500.0, 1.0: 3000.0}, random_start)
    assert not feedback
    assert "mean selectivity" in str(feedback)


def test_additive_bad_types():
    weights = np.zeros((10, 100))
    weights[:, :10] = 1.0
    assert "must be a dict" in str(check.check_additive([500.0, 3000.0], weights))
    assert "no entry for g_lat = 1" in str(check.check_additive({0.2: 500.0}, weights))
    assert "must be a number" in str(check.check_additive({0.2: "long", 1.0: 3.0}, weights))
    assert "shape (10, 100)" in str(check.check_additive({0.2: 1.0, 1.0: 3.0}, np.ones(100)))
    assert "[0, 1]" in str(check.check_additive({0.2: 1.0, 1.0: 3.0}, 2 * weights))
