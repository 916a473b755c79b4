"""Tests of plastlib.tagging: early/late LTP, tagging and capture, maintenance."""

import os
import subprocess
import sys
from dataclasses import replace

import numpy as np
import pytest

from plastlib import tagging as tg
from plastlib.tagging import HOUR, MINUTE, TaggingParameters, Tetanus

QUIET = TaggingParameters(noise=0.0)
DT = 0.5 * MINUTE


def weight_after(tetani, at, n_pathways=2, params=QUIET, **protocol):
    """Return the mean weight of each pathway at time ``at`` (ms) of a run lasting ``at + dt``."""
    result = tg.simulate_tagging(at + DT, DT, tetani=tetani, n_pathways=n_pathways,
                                 params=params, **protocol)
    return result.weight_at(at)


def test_weak_tetanus_gives_decaying_early_ltp():
    weight = weight_after([Tetanus(0.0, 0, False)], 30 * MINUTE, n_pathways=1)
    # Without noise or capture z stays 0 and e decays exactly, so only rounding remains.
    expected = 1 + QUIET.early_amplitude * np.exp(-30 * MINUTE / QUIET.tau_early)
    assert weight[0] == pytest.approx(expected, abs=1e-12)

    late = weight_after([Tetanus(0.0, 0, False)], 8 * HOUR, n_pathways=1)
    assert late[0] < 1.01


def test_strong_tetanus_gives_late_ltp():
    weight = weight_after([Tetanus(0.0, 0, True)], 8 * HOUR, n_pathways=1)
    # e has decayed to exp(-8) and z sits at its stable state 1.
    assert weight[0] == pytest.approx(1 + QUIET.late_amplitude, abs=0.01)


def test_anisomycin_blocks_late_phase():
    weight = weight_after([Tetanus(HOUR, 0, True)], 9 * HOUR, n_pathways=1,
                          anisomycin=[(0.5 * HOUR, 3 * HOUR)])
    assert weight[0] < 1.01


def test_anisomycin_after_synthesis_spares_capture():
    # Frey & Morris (1997): proteins made before the drug are captured by a
    # second pathway tetanized under the drug.
    tetani = [Tetanus(HOUR, 0, True), Tetanus(HOUR + 35 * MINUTE, 1, True)]
    weight = weight_after(tetani, 9 * HOUR, anisomycin=[(HOUR + 10 * MINUTE, 4 * HOUR)])
    assert weight[1] == pytest.approx(1 + QUIET.late_amplitude, abs=0.01)


@pytest.mark.parametrize("delta_hours, captured", [
    (-1.0, True), (1.0, True), (-4.0, False), (4.0, False),
])
def test_weak_pathway_capture_depends_on_interval(delta_hours, captured):
    weak_time = 5 * HOUR
    tetani = [Tetanus(weak_time, 0, False), Tetanus(weak_time + delta_hours * HOUR, 1, True)]
    weight = weight_after(tetani, weak_time + 8 * HOUR)
    if captured:
        assert weight[0] > 1.45
    else:
        assert weight[0] < 1.01
    # The strong pathway is consolidated in every case.
    assert weight[1] > 1.45


def test_modulator_converts_early_to_late_ltp():
    weak = [Tetanus(HOUR, 0, False)]
    converted = weight_after(weak, 9 * HOUR, n_pathways=1, modulators=[HOUR + 30 * MINUTE])
    too_late = weight_after(weak, 9 * HOUR, n_pathways=1, modulators=[HOUR + 3 * HOUR])
    blocked = weight_after(weak, 9 * HOUR, n_pathways=1, modulators=[HOUR + 30 * MINUTE],
                           anisomycin=[(HOUR, 2 * HOUR)])
    assert converted[0] > 1.45
    assert too_late[0] < 1.01
    assert blocked[0] < 1.01


def test_feedback_block_erases_only_when_long():
    long_block = tg.simulate_tagging(3 * HOUR, DT, params=QUIET, initial_late=1.0,
                                     feedback_block=[(0.0, HOUR)])
    short_block = tg.simulate_tagging(3 * HOUR, DT, params=QUIET, initial_late=1.0,
                                      feedback_block=[(0.0, 5 * MINUTE)])
    assert long_block.final_late[0, 0] < 0.01
    # z relaxes to 1 at rate (1 - F'(1)) / tau_z = 0.47 / tau_z, so within 3 h
    # (18 tau_z) the distance left is of order 1e-4.
    assert short_block.final_late[0, 0] == pytest.approx(1.0, abs=1e-3)


def test_critical_block_matches_closed_form():
    simulated = tg.simulated_critical_block(QUIET, dt=0.1 * MINUTE)
    predicted = tg.critical_block_duration(QUIET)
    # Euler shortens the decay time by about dt / (2 tau_z) = 0.5 %, the
    # bisection resolution adds 0.01 min (0.1 %), event rounding up to dt / 2.
    assert abs(simulated - predicted) / predicted < 0.02


def test_fixed_points_of_drift():
    theta2 = tg.unstable_state(QUIET)
    assert tg.maintenance_drift(theta2, QUIET) == pytest.approx(0.0, abs=1e-12)
    assert tg.maintenance_drift(1.0, QUIET) == pytest.approx(0.0, abs=1e-12)
    assert tg.maintenance_drift(0.0, QUIET) == 0.0


def test_potential_derivative_is_minus_drift():
    z = np.linspace(0.05, 1.5, 30)
    step = 1e-6
    upper = tg.maintenance_potential(z + step)
    lower = tg.maintenance_potential(z - step)
    derivative = (upper - lower) / (2 * step)
    # Truncation error is of order step**2 = 1e-12 and round-off of order
    # 1e-16 / step = 1e-10, both far below the tolerance.
    np.testing.assert_allclose(derivative, -tg.maintenance_drift(z), atol=1e-8)


def test_capture_threshold_is_saddle_node():
    threshold = tg.capture_threshold(QUIET)
    z = np.linspace(0.0, tg.unstable_state(QUIET), 20001)
    at_threshold = tg.maintenance_drift(z, QUIET, drive=threshold)
    below = tg.maintenance_drift(z, QUIET, drive=0.99 * threshold)
    # At the threshold the drift touches zero from above, and the grid spacing
    # 2e-5 gives a quadratic error near 1e-9. Just below it the drift has a root.
    assert at_threshold.min() == pytest.approx(0.0, abs=1e-8)
    assert below.min() < 0


def test_simulated_window_below_quasistatic_bound():
    bound_before, bound_after = tg.capture_window(QUIET)
    before, after = tg.simulated_capture_window(QUIET, dt=DT)
    assert 0.3 * bound_before < before < bound_before
    assert 0.3 * bound_after < after < bound_after
    # Proteins decay more slowly than the tag, so the strong-first window is longer.
    assert after > before


def test_capture_window_zero_without_enough_gain():
    weak_gain = replace(QUIET, capture_gain=0.5 * tg.capture_threshold(QUIET))
    assert tg.capture_window(weak_gain) == (0.0, 0.0)


def test_noise_chunks_keep_stream(monkeypatch):
    params = TaggingParameters(noise=0.002)
    tetani = [Tetanus(HOUR, 0, True)]
    first = tg.simulate_tagging(3 * HOUR, DT, tetani=tetani, n_synapses=7, params=params, rng=3)
    monkeypatch.setattr(tg, "_NOISE_CHUNK", 50)
    chunked = tg.simulate_tagging(3 * HOUR, DT, tetani=tetani, n_synapses=7, params=params, rng=3)
    np.testing.assert_array_equal(first.late, chunked.late)
    assert np.all(first.late >= 0)


def test_noise_keeps_baseline_synapses_near_zero():
    params = TaggingParameters(noise=0.001)
    result = tg.simulate_tagging(24 * HOUR, DT, n_synapses=200, params=params, rng=11,
                                 record_interval=HOUR)
    # Kramers predicts about 3e-6 escapes per synapse per day, so the chance
    # that any of 200 synapses escapes in one day is below 1e-3.
    assert result.final_late.max() < tg.unstable_state(params)
    # Reflected noise of variance D / V''(0) = 0.001 gives mean sqrt(2 D / pi) = 0.025.
    assert result.final_late.mean() == pytest.approx(np.sqrt(2 * 0.001 / np.pi), rel=0.2)


def test_kramers_rate_orders():
    params = TaggingParameters(noise=0.004)
    assert tg.kramers_rate(params, "lower") > tg.kramers_rate(params, "upper") > 0
    assert tg.kramers_rate(QUIET) == 0.0


def test_unit_conversions():
    assert tg.hours_to_ms(2) == 7_200_000.0
    assert tg.minutes_to_ms(1.5) == 90_000.0
    np.testing.assert_allclose(tg.ms_to_hours(np.array([3_600_000.0, 0.0])), [1.0, 0.0])


@pytest.mark.parametrize("kwargs, message", [
    ({"dt": 2 * MINUTE}, r"`dt` = 120000.0 ms is invalid: it must be at most tau_z / 10"),
    ({"duration": -1.0}, r"`duration` = -1.0 ms is invalid: it must be > 0"),
    ({"tetani": [Tetanus(0.0, 3, False)]}, r"`Tetanus.pathway` = 3 is invalid: it must be <= 0"),
    ({"tetani": [(0.0, 0, False)]}, r"must be a Tetanus"),
    ({"anisomycin": [(HOUR, 0.5 * HOUR)]}, r"stop must exceed start"),
    ({"modulators": [100 * HOUR]}, r"must be earlier than the duration"),
    ({"n_synapses": 0}, r"`n_synapses` = 0 is invalid: it must be >= 1"),
    ({"rng": -2}, r"`rng` = -2 is invalid"),
])
def test_simulate_tagging_rejects_invalid_input(kwargs, message):
    arguments = {"duration": HOUR, "dt": DT}
    arguments.update(kwargs)
    with pytest.raises(ValueError, match=message):
        tg.simulate_tagging(**arguments)


def test_parameters_reject_invalid_values():
    with pytest.raises(ValueError, match=r"`theta` = 1.5 is invalid: it must lie in \(0.0, 1.0\)"):
        TaggingParameters(theta=1.5)
    with pytest.raises(ValueError, match=r"`tau_tag` = 0.0 ms is invalid: it must be > 0"):
        TaggingParameters(tau_tag=0.0)
    with pytest.raises(ValueError, match=r"`from_state` = 'middle' is invalid"):
        tg.kramers_rate(QUIET, "middle")



_PARITY_SCRIPT = """
import sys
import numpy as np
from plastlib import tagging as tg
result = tg.simulate_tagging(2 * tg.HOUR, 0.5 * tg.MINUTE, tetani=[tg.Tetanus(0.0, 0, True)],
                             n_synapses=5, params=tg.TaggingParameters(noise=0.002), rng=7)
np.save(sys.argv[1], result.late)
"""


@pytest.mark.slow
def test_jit_and_python_give_same_run(tmp_path):
    # The noise is drawn outside the kernel, so the compiled and the pure-Python
    # kernel see the same numbers and may differ only in floating-point rounding.
    runs = {}
    for name, disable_jit in (("jit", "0"), ("python", "1")):
        output = tmp_path / f"{name}.npy"
        environment = dict(os.environ, NUMBA_DISABLE_JIT=disable_jit)
        subprocess.run([sys.executable, "-c", _PARITY_SCRIPT, str(output)], check=True,
                       env=environment)
        runs[name] = np.load(output)
    np.testing.assert_allclose(runs["jit"], runs["python"], rtol=1e-10, atol=1e-12)
