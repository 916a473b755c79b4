"""Tests of plastlib.exercises.ltp_maintenance: reference answers pass, typical mistakes are named."""

import math
from dataclasses import replace

import pytest
import sympy as sp

from plastlib import tagging
from plastlib.exercises import ltp_maintenance as check
from plastlib.tagging import HOUR, MINUTE

PARAMS = tagging.TaggingParameters()
F_CRITICAL = 2 * PARAMS.theta / (1 + PARAMS.theta**2)


def test_critical_fraction_bounds_upper_state():
    # Just above f_c the scaled drift reaches zero for some z > 0 (an upper
    # fixed point exists). Just below it the drift is negative everywhere.
    z = [k / 10000 for k in range(1, 20001)]

    def max_drift(f):
        beta = 1 + PARAMS.theta**2
        return max(-x + f * beta * x**2 / (PARAMS.theta**2 + x**2) for x in z)

    assert max_drift(1.001 * F_CRITICAL) > 0
    assert max_drift(0.999 * F_CRITICAL) < 0


def test_partial_reference_passes():
    assert check.check_partial(F_CRITICAL)


def test_partial_accepts_sympy_number():
    theta = sp.symbols("theta", positive=True)
    answer = (2 * theta / (1 + theta**2)).subs(theta, sp.Rational(3, 5))
    assert check.check_partial(answer)


@pytest.mark.parametrize("answer, words", [
    (1 - F_CRITICAL, "removes"),
    (100 * (1 - F_CRITICAL), "percentage"),
    (2 * PARAMS.theta, "beta"),
    (PARAMS.theta**2, "unstable state"),
    (F_CRITICAL**2, "power"),
    (0.5, "too small"),
])
def test_partial_wrong_answers_named(answer, words):
    feedback = check.check_partial(answer)
    assert not feedback
    assert words in str(feedback)


def test_partial_reports_symbols_and_lists():
    theta = sp.symbols("theta", positive=True)
    expression = 2 * theta / (1 + theta**2)
    assert "symbol" in str(check.check_partial(expression))
    assert "list" in str(check.check_partial([expression]))


def test_partial_reports_bad_type():
    feedback = check.check_partial("0.88")
    assert not feedback
    assert "must be a number" in str(feedback)


@pytest.fixture(scope="module")
def slow_windows():
    slow = replace(PARAMS, tau_protein=2 * PARAMS.tau_protein)
    return tagging.simulated_capture_window(slow, dt=0.5 * MINUTE)


def test_protein_reference_passes(slow_windows):
    assert check.check_protein(*slow_windows)


def test_protein_swapped_windows_named(slow_windows):
    before, after = slow_windows
    feedback = check.check_protein(after, before)
    assert not feedback
    assert "swapped" in str(feedback)


def test_protein_minutes_named(slow_windows):
    before, after = slow_windows
    feedback = check.check_protein(before / MINUTE, after / MINUTE)
    assert not feedback
    assert "minutes" in str(feedback)


def test_protein_default_model_named():
    before, after = tagging.simulated_capture_window(PARAMS, dt=0.5 * MINUTE)
    feedback = check.check_protein(before, after)
    assert not feedback
    assert "default model" in str(feedback)


def test_protein_negative_after_named(slow_windows):
    before, after = slow_windows
    feedback = check.check_protein(before, -after)
    assert not feedback
    assert "negative" in str(feedback)


def test_protein_off_by_minutes_fails(slow_windows):
    before, after = slow_windows
    feedback = check.check_protein(before + 5 * MINUTE, after)
    assert not feedback
    assert "`before`" in str(feedback)
    assert "too large" in str(feedback)


def test_protein_reports_bad_type(slow_windows):
    feedback = check.check_protein(None, slow_windows[1])
    assert not feedback
    assert "must be a number" in str(feedback)


NOISY = replace(PARAMS, noise=0.004)
PREDICTED = 1 - math.exp(-tagging.kramers_rate(NOISY, "lower") * 48 * HOUR)


def simulated_fraction(seed):
    run = tagging.simulate_tagging(48 * HOUR, 0.5 * MINUTE, n_synapses=400, params=NOISY,
                                   record_interval=10 * MINUTE, rng=seed)
    return float((run.late[:, 0, :] > 0.8).any(axis=0).mean())


@pytest.mark.slow
def test_kramers_reference_passes():
    # The chapter's seed and another one: both are within 3 standard errors.
    for seed in (2026, 7):
        assert check.check_kramers(simulated_fraction(seed), PREDICTED)


@pytest.mark.slow
def test_kramers_prediction_errors_named():
    switched = simulated_fraction(2026)
    rate_times_t = tagging.kramers_rate(NOISY, "lower") * 48 * HOUR
    feedback = check.check_kramers(switched, rate_times_t)
    assert not feedback
    assert "expected number of escapes" in str(feedback)
    upper = 1 - math.exp(-tagging.kramers_rate(NOISY, "upper") * 48 * HOUR)
    assert "upper state" in str(check.check_kramers(switched, upper))


@pytest.mark.slow
def test_kramers_simulation_errors_named():
    assert "Kramers prediction" in str(check.check_kramers(PREDICTED, PREDICTED))
    assert "not a fraction" in str(check.check_kramers(229, PREDICTED))
    assert "default noise" in str(check.check_kramers(0.0, PREDICTED))


def test_kramers_reports_bad_type():
    feedback = check.check_kramers([0.5], PREDICTED)
    assert not feedback
    assert "must be a number" in str(feedback)
