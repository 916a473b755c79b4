"""Tests of the exercise checks of the chapter on information capacity."""

import math

import numpy as np
import pytest

from plastlib import capacity
from plastlib.exercises import information_capacity as ex

LAMBDA_0 = math.pi**2 / 8
ONE_MODE = 3 / (2 * LAMBDA_0**3) / (4 * math.pi * math.log(2))
SNRS = np.geomspace(0.1, 30, 12)


def _information(rate_factor=2.0):
    return {n: np.array([capacity.predicted_information("soft", s / (rate_factor * n), n)
                         for s in SNRS]) for n in (50, 100, 200)}


def test_single_mode_reference_passes():
    feedback = ex.check_single_mode(ONE_MODE)
    assert feedback, feedback


@pytest.mark.parametrize("wrong, named", [
    (3 / (2 * LAMBDA_0**3), "not bits"),
    (ONE_MODE / 3, "factor 3"),
    (2 * ONE_MODE, "contains 1/2"),
    (0.2, "exceeds the full hard-bound capacity"),
])
def test_single_mode_wrong_answers_named(wrong, named):
    feedback = ex.check_single_mode(wrong)
    assert not feedback
    assert named in str(feedback)


def test_single_mode_bad_type_reported():
    assert "must be a number" in str(ex.check_single_mode("0.09"))


@pytest.mark.slow  # over 10 s with NUMBA_DISABLE_JIT=1
def test_collapse_reference_passes():
    record = capacity.measure_capacity("soft", 0.05, 50, n_tests=20_000, rng=1)
    feedback = ex.check_collapse(_information(), SNRS, simulated=record["information"])
    assert feedback, feedback


def test_collapse_rate_without_factor_two_named():
    feedback = ex.check_collapse(_information(rate_factor=1.0), SNRS)
    assert not feedback
    assert "a = S(0) / (2 N)" in str(feedback)


def test_collapse_per_neuron_named():
    per_neuron = {n: values * n for n, values in _information().items()}
    feedback = ex.check_collapse(per_neuron, SNRS)
    assert not feedback
    assert "per neuron" in str(feedback)


def test_collapse_wrong_simulation_named():
    feedback = ex.check_collapse(_information(), SNRS, simulated=0.03)
    assert not feedback
    assert "`simulated`" in str(feedback)


def test_collapse_bad_types_reported():
    assert "must be a dict" in str(ex.check_collapse([1, 2], SNRS))
    feedback = ex.check_collapse({50: [0.1, 0.2]}, SNRS)
    assert not feedback
    assert "shape" in str(feedback)
    assert "no entry" in str(ex.check_collapse({50: _information()[50]}, SNRS))
