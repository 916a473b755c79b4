"""Tests of the exercise checks of the chapter on spines."""

import numpy as np
import pytest

from plastlib import spines
from plastlib.exercises import spines as ex


@pytest.fixture(scope="module")
def reference():
    return ex._reference_changes(300, 600, ex.SEED + 1)


def _as_dict(values):
    return dict(zip(ex.EXPONENTS, values))


@pytest.mark.slow
def test_exponent_solution_passes():
    # The chapter's solution: every synapse simulated, grouped by relative_change_by_size.
    rng = np.random.default_rng(ex.SEED + 1)
    w_start = np.exp(rng.uniform(np.log(0.2), np.log(8.0), 300))
    volts = spines.draw_episode_voltages(300, 600, rng=rng)
    changes = {}
    for a_value in ex.EXPONENTS:
        model = spines.SpineModel(nmda_exponent=a_value)
        final = spines.simulate_population(w_start, spines.nmda_drive(volts, model), model,
                                           ex.PROTOCOL, record_every=600,
                                           progress=False).final
        changes[a_value] = spines.relative_change_by_size(w_start, final, n_groups=5)[1][-1]
    feedback = ex.check_exponent(changes)
    assert feedback, feedback


@pytest.mark.slow
def test_exponent_other_seed_passes(reference):
    # Measured with seed SEED + 6 by the procedure of the solution.
    feedback = ex.check_exponent(_as_dict([0.0, 0.0008, 0.0112, 0.0373, 0.0276]))
    assert feedback, feedback


@pytest.mark.slow
def test_exponent_percent_named(reference):
    feedback = ex.check_exponent(_as_dict(100 * reference))
    assert not feedback
    assert "percentages" in str(feedback)


@pytest.mark.slow
def test_exponent_reversed_order_named(reference):
    feedback = ex.check_exponent(_as_dict(reference[::-1]))
    assert not feedback
    assert "a = 0 is too large" in str(feedback)


@pytest.mark.slow
def test_exponent_smallest_fifth_named(reference):
    feedback = ex.check_exponent(_as_dict([0.9, 0.8, 0.6, 0.5, 0.4]))
    assert not feedback
    assert "smallest fifth" in str(feedback)


def test_exponent_negative_change_named():
    feedback = ex.check_exponent(_as_dict([0.0, -0.001, -0.02, -0.05, -0.03]))
    assert not feedback
    assert "absolute value" in str(feedback)


def test_exponent_bad_types_reported():
    assert "must be a dict" in str(ex.check_exponent([0.0, 0.1]))
    feedback = ex.check_exponent({0.0: "small", 0.5: None})
    assert not feedback
    assert "must be a number" in str(feedback)
    assert "no entry" in str(ex.check_exponent({0.0: 0.0}))
