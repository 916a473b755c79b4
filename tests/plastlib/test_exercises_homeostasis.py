"""Tests of the exercise checks of the homeostasis chapter."""

import numpy as np
import pytest

from plastlib import homeostasis
from plastlib.exercises import homeostasis as check

TAUS = [1.0, 50.0]


def _network(largest, n=40, seed=7):
    raw = np.random.default_rng(seed).normal(size=(n, n))
    weights = (raw + raw.T) / 2
    return weights * largest / np.linalg.eigvalsh(weights).max()


def test_network_reference_passes():
    predicted = homeostasis.critical_tau(0.95, TAUS)
    # A bisection that stops at a 1 % bracket lands within 0.5 % of the threshold.
    feedback = check.check_network(1.005 * predicted, _network(0.95))
    assert feedback, feedback


def test_network_passes_without_weights():
    assert check.check_network(homeostasis.critical_tau(0.95, TAUS))


def test_network_seconds_fail():
    feedback = check.check_network(homeostasis.critical_tau(0.95, TAUS) / 1000)
    assert not feedback
    assert "seconds" in str(feedback)


def test_network_isolated_neuron_fails():
    feedback = check.check_network(homeostasis.critical_tau(0.0, TAUS))
    assert not feedback
    assert "isolated neuron" in str(feedback)


def test_network_chapter_eigenvalue_fails():
    feedback = check.check_network(homeostasis.critical_tau(0.9, TAUS))
    assert not feedback
    assert "chapter's network" in str(feedback)


def test_network_oscillation_free_threshold_fails():
    feedback = check.check_network(homeostasis.critical_tau(0.95, TAUS, oscillation_free=True))
    assert not feedback
    assert "stops oscillating" in str(feedback)


def test_network_inverted_bisection_fails():
    feedback = check.check_network(0.5 * 1.005 * homeostasis.critical_tau(0.95, TAUS))
    assert not feedback
    assert "wrong way" in str(feedback)


def test_network_off_by_ten_percent_fails():
    feedback = check.check_network(1.1 * homeostasis.critical_tau(0.95, TAUS))
    assert not feedback
    assert "too large" in str(feedback)


def test_network_wrong_weights_fail():
    predicted = homeostasis.critical_tau(0.95, TAUS)
    unscaled = _network(0.95) * 2
    assert "largest eigenvalue" in str(check.check_network(predicted, unscaled))
    asymmetric = _network(0.95) + np.triu(np.ones((40, 40)), 1) * 0.01
    assert "not symmetric" in str(check.check_network(predicted, asymmetric))
    assert "shape" in str(check.check_network(predicted, np.eye(3)))


@pytest.mark.parametrize("answer, message", [
    ("12 ms", "must be a number"),
    (None, "must be a number"),
    (float("nan"), "finite"),
    (-5.0, "positive"),
])
def test_network_bad_answers(answer, message):
    feedback = check.check_network(answer)
    assert not feedback
    assert message in str(feedback)
