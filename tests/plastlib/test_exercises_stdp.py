"""Tests of the exercise checks of the chapter on STDP."""

from dataclasses import replace

import pytest

from plastlib import stdp
from plastlib.exercises import stdp as ex

RATE_POST = 0.55  # Hz, about the output rate of the nearest-neighbour run
PREDICTED = (1 + RATE_POST * 1e-3 * 20) / (1 + 10 * 1e-3 * 20) / 2


@pytest.fixture(scope="module")
def nearest_run():
    return stdp.simulate_stdp(replace(ex.WEIGHT_DEPENDENT, pairing="nearest"), 300e3,
                              rates=10.0, snapshot_interval=10e3, rng=3, progress=False)


@pytest.mark.slow  # over 10 s with NUMBA_DISABLE_JIT=1
def test_nearest_solution_passes(nearest_run):
    rate = nearest_run.output_rate(start=150e3)
    predicted = (1 + rate * 1e-3 * 20) / (1 + 10 * 1e-3 * 20) / 2
    feedback = ex.check_nearest(nearest_run.final_weights.mean(), predicted, rate)
    assert feedback, feedback


@pytest.mark.slow  # over 10 s with NUMBA_DISABLE_JIT=1
def test_nearest_all_to_all_prediction_named():
    feedback = ex.check_nearest(0.485, 0.5, RATE_POST)
    assert not feedback
    assert "all-to-all fixed point" in str(feedback)


def test_nearest_swapped_rates_named():
    swapped = (1 + 10 * 1e-3 * 20) / (1 + RATE_POST * 1e-3 * 20) / 2
    feedback = ex.check_nearest(0.485, swapped, RATE_POST)
    assert not feedback
    assert "swaps the rates" in str(feedback)


def test_nearest_units_named():
    per_ms_as_hz = (1 + RATE_POST * 20) / (1 + 10 * 20) / 2
    assert "convert the rates" in str(ex.check_nearest(0.485, per_ms_as_hz, RATE_POST))
    assert "per ms" in str(ex.check_nearest(0.485, PREDICTED, RATE_POST * 1e-3))


@pytest.mark.slow  # over 10 s with NUMBA_DISABLE_JIT=1
def test_nearest_all_to_all_simulation_named():
    all_to_all = stdp.simulate_stdp(ex.WEIGHT_DEPENDENT, 300e3, rates=10.0,
                                    snapshot_interval=10e3, rng=4, progress=False)
    feedback = ex.check_nearest(all_to_all.final_weights.mean(), PREDICTED, RATE_POST)
    assert not feedback
    assert "all-to-all run" in str(feedback)


def test_nearest_bad_types_reported():
    feedback = ex.check_nearest("0.48", None, [1.0, 2.0])
    assert not feedback
    text = str(feedback)
    assert "`rate_post` must be a number" in text
    assert "`predicted` must be a number" in text
    assert "`mean_weight` must be a number" in text
