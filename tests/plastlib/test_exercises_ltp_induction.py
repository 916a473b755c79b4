"""Tests of the exercise checks of the chapter on LTP induction."""

import dataclasses
import math

import numpy as np
import pytest

from plastlib import calcium
from plastlib.exercises import ltp_induction as check

W_REST = 0.25


def _v90(mg):
    return math.log(9 * mg / 3.57) / 0.062


def _tetanus_run(model, trains, fibres, dt=0.2):
    tetanus = calcium.regular_train(100.0, 100, onset=10.0)
    trains = [tetanus if train else np.array([]) for train in trains]
    run = calcium.simulate_pathways(model, trains, fibres, tetanus[-1] + 1500.0, dt=dt)
    return 100 * (run.w_final / W_REST - 1)


def test_block_reference_passes():
    feedback = check.check_block(_v90(1.0), _v90(2.0))
    assert feedback, feedback
    # A root read off a 0.1 mV grid is accepted.
    assert check.check_block(round(_v90(1.0), 1), round(_v90(2.0), 1))


def test_block_ninety_percent_blocked():
    blocked = [math.log(mg / (9 * 3.57)) / 0.062 for mg in (1.0, 2.0)]
    feedback = check.check_block(*blocked)
    assert not feedback
    assert "still blocked (B = 0.1)" in str(feedback)


def test_block_wrong_sign_and_log10():
    feedback = check.check_block(-_v90(1.0), math.log10(9 * 2.0 / 3.57) / 0.062)
    assert not feedback
    assert "wrong sign" in str(feedback)
    assert "base-10 logarithm" in str(feedback)


def test_block_volts_and_wrong_direction():
    feedback = check.check_block(_v90(1.0) / 1000, _v90(1.0))
    assert not feedback
    assert "in volts" in str(feedback)
    feedback = check.check_block(_v90(1.0), _v90(1.0) - 5.0)
    assert not feedback
    assert "more magnesium blocks more" in str(feedback)


def test_block_bad_types():
    feedback = check.check_block("14.9 mV", None)
    assert not feedback
    assert str(feedback).count("must be a number") == 2


@pytest.mark.slow
def test_threshold_reference_passes():
    fibres = np.arange(1, 13)
    changes = np.array([_tetanus_run(calcium.SynapseModel(), [True], [n])[0] for n in fibres])
    threshold = int(fibres[np.argmax(changes > 50)])
    feedback = check.check_threshold(threshold, changes)
    assert feedback, feedback


def test_threshold_ltd_onset():
    # With 4 fibres the tetanus depresses the pathway: the first count that changes it.
    feedback = check.check_threshold(4)
    assert not feedback
    assert "that is LTD" in str(feedback)


@pytest.mark.slow
def test_threshold_changes_units():
    fibres = np.arange(1, 13)
    changes = np.array([_tetanus_run(calcium.SynapseModel(), [True], [n])[0] for n in fibres])
    ratio = changes + 100
    feedback = check.check_threshold(5, ratio)
    assert not feedback
    assert "subtract 1" in str(feedback)
    feedback = check.check_threshold(5, changes / 100)
    assert not feedback
    assert "fractions" in str(feedback)
    feedback = check.check_threshold(5, changes * W_REST)
    assert not feedback
    assert "divide by the resting weight" in str(feedback)


def test_threshold_bad_types():
    feedback = check.check_threshold(5.5, np.zeros(3))
    assert not feedback
    assert "not a whole number" in str(feedback)
    assert "shape (12,)" in str(feedback)
    feedback = check.check_threshold("five")
    assert not feedback
    assert "must be a number" in str(feedback)


def test_magnesium_reference_passes():
    low_mg = dataclasses.replace(calcium.SynapseModel(), mg=0.1)
    feedback = check.check_magnesium(_tetanus_run(low_mg, [True, False], [2, 20]))
    assert feedback, feedback


def test_magnesium_step_size_accepted():
    low_mg = dataclasses.replace(calcium.SynapseModel(), mg=0.1)
    assert check.check_magnesium(_tetanus_run(low_mg, [True, False], [2, 20], dt=0.1))


def test_magnesium_forgot_low_mg():
    feedback = check.check_magnesium(_tetanus_run(calcium.SynapseModel(), [True, False], [2, 20]))
    assert not feedback
    assert "1 mM magnesium" in str(feedback)


def test_magnesium_both_pathways_stimulated():
    low_mg = dataclasses.replace(calcium.SynapseModel(), mg=0.1)
    feedback = check.check_magnesium(_tetanus_run(low_mg, [True, True], [2, 20]))
    assert not feedback
    assert "S2 changed" in str(feedback)


def test_magnesium_fractions_and_bad_types():
    low_mg = dataclasses.replace(calcium.SynapseModel(), mg=0.1)
    feedback = check.check_magnesium(_tetanus_run(low_mg, [True, False], [2, 20]) / 100)
    assert not feedback
    assert "fractions" in str(feedback)
    feedback = check.check_magnesium(187.0)
    assert not feedback
    assert "shape (2,)" in str(feedback)
    feedback = check.check_magnesium(["a", "b"])
    assert not feedback
    assert "array of numbers" in str(feedback)
