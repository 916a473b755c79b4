"""Tests of plastlib.network: input tuning, inhibition, seeds, bounds, validation, analysis."""

import math
from dataclasses import replace

import numpy as np
import pytest

from plastlib import network as nw
from plastlib.stdp import STDPParams

SMALL_CELL = STDPParams(n_inputs=20, g_max=0.3, n_inhibitory=0, dt=0.5, a_plus=0.05)
SMALL = nw.NetworkParams(cell=SMALL_CELL, n_outputs=4)


def test_input_rates_match_von_mises():
    params = replace(SMALL, rate_background=3.0, rate_peak=40.0, concentration=1.5)
    preferred = nw.preferred_orientations(20)
    rates = nw.input_rates(27.0, params)
    expected = 3.0 + 40.0 * np.exp(1.5 * (np.cos(np.deg2rad(2 * (27.0 - preferred))) - 1))
    np.testing.assert_allclose(rates, expected, rtol=1e-12)


def test_input_rates_peak_and_trough():
    params = replace(SMALL, rate_background=3.0, rate_peak=40.0, concentration=1.5)
    rates = nw.input_rates(nw.preferred_orientations(20)[5], params)
    assert rates[5] == pytest.approx(43.0, rel=1e-12)
    # For the input 90 degrees away (10 inputs of 9 degrees), cos(180 degrees) = -1.
    assert rates[15] == pytest.approx(3.0 + 40.0 * math.exp(-3.0), rel=1e-12)


def test_input_rates_period_is_180_degrees():
    np.testing.assert_allclose(nw.input_rates(10.0, SMALL), nw.input_rates(190.0, SMALL),
                               rtol=1e-12)


def test_mean_input_rate_matches_numerical_average():
    theta = np.arange(3600) * 0.05  # degrees, a uniform grid over one period
    numerical = nw.input_rates(theta, SMALL).mean()
    assert nw.mean_input_rate(SMALL) == pytest.approx(numerical, rel=1e-9)


def test_simulated_input_rate_matches_mean():
    # 20 inputs x 10 s x about 19 Hz = 3800 spikes: Poisson relative error 1.6 %. The summed
    # rate of evenly spaced inputs barely depends on the orientation, so 6 % is about 4 sigma.
    result = nw.simulate_network(SMALL, duration=10_000.0, plastic=False, rng=3)
    measured = result.input_counts.mean() / 10.0
    assert measured == pytest.approx(nw.mean_input_rate(SMALL), rel=0.06)


def test_lateral_inhibition_reduces_output_rates():
    weights = np.full((4, 20), 0.5)
    rates = []
    for g_lateral in (0.0, 0.5, 2.0):
        params = replace(SMALL, g_lateral=g_lateral)
        result = nw.simulate_network(params, duration=5_000.0, initial_weights=weights,
                                     plastic=False, rng=5)
        rates.append(result.output_rates().mean())
    assert rates[0] > 5.0
    assert rates[1] < rates[0]
    assert rates[2] < rates[1]


def test_single_output_ignores_lateral_inhibition():
    # Lateral inhibition acts only on the other outputs, so one output is unaffected.
    alone = replace(SMALL, n_outputs=1)
    first = nw.simulate_network(alone, duration=2_000.0, rng=7)
    second = nw.simulate_network(replace(alone, g_lateral=5.0), duration=2_000.0, rng=7)
    np.testing.assert_array_equal(first.spike_counts, second.spike_counts)
    np.testing.assert_array_equal(first.final_weights, second.final_weights)


def test_identical_outputs_stay_identical():
    # Same inputs and weights give identical membranes, so mutual inhibition stays symmetric.
    params = replace(SMALL, g_lateral=1.0)
    result = nw.simulate_network(params, duration=3_000.0, initial_weights=0.5, rng=11)
    assert result.spike_counts.sum() > 0
    for k in range(1, 4):
        np.testing.assert_array_equal(result.spike_counts[:, k], result.spike_counts[:, 0])
        np.testing.assert_array_equal(result.final_weights[k], result.final_weights[0])


def test_same_seed_same_result():
    first = nw.simulate_network(SMALL, duration=2_000.0, snapshot_interval=500.0, rng=42)
    second = nw.simulate_network(SMALL, duration=2_000.0, snapshot_interval=500.0, rng=42)
    np.testing.assert_array_equal(first.weights, second.weights)
    np.testing.assert_array_equal(first.spike_counts, second.spike_counts)
    third = nw.simulate_network(SMALL, duration=2_000.0, snapshot_interval=500.0, rng=43)
    assert not np.array_equal(first.weights, third.weights)


@pytest.mark.parametrize("mu_minus, ratio", [(0.0, 1.05), (1.0, 2.0)])
def test_weights_stay_in_bounds(mu_minus, ratio):
    cell = replace(SMALL_CELL, a_plus=0.5, mu_minus=mu_minus, depression_ratio=ratio)
    params = replace(SMALL, cell=cell, g_recurrent=0.2, recurrent_plastic=True)
    result = nw.simulate_network(params, duration=2_000.0, snapshot_interval=250.0, rng=1)
    for array in (result.weights, result.recurrent_weights):
        assert array.min() >= 0.0
        assert array.max() <= 1.0
    assert not np.array_equal(result.weights[0], result.weights[-1])
    assert not np.array_equal(result.recurrent_weights[0], result.recurrent_weights[-1])


def test_frozen_weights_without_plasticity():
    result = nw.simulate_network(SMALL, duration=1_000.0, plastic=False, rng=2)
    np.testing.assert_array_equal(result.weights[0], result.weights[-1])


def test_chunks_give_identical_results():
    # The random stream continues from one chunk to the next, so chunking changes nothing.
    single = nw.simulate_network(SMALL, duration=2_000.0, snapshot_interval=200.0, n_chunks=1,
                                 rng=9)
    for n_chunks in (3, 10, 50):
        chunked = nw.simulate_network(SMALL, duration=2_000.0, snapshot_interval=200.0,
                                      n_chunks=n_chunks, rng=9)
        np.testing.assert_array_equal(chunked.weights, single.weights)
        np.testing.assert_array_equal(chunked.spike_counts, single.spike_counts)
        np.testing.assert_array_equal(chunked.input_counts, single.input_counts)


def test_progress_bar_follows_setting(monkeypatch, capfd):
    monkeypatch.setenv("PLASTLIB_PROGRESS", "1")
    nw.simulate_network(SMALL, duration=1_000.0, snapshot_interval=200.0, rng=3)
    assert "network simulation" in capfd.readouterr().err
    nw.simulate_network(SMALL, duration=1_000.0, snapshot_interval=200.0, rng=3,
                        progress=False)
    assert capfd.readouterr().err == ""
    monkeypatch.setenv("PLASTLIB_PROGRESS", "0")
    nw.simulate_network(SMALL, duration=1_000.0, snapshot_interval=200.0, rng=3)
    assert capfd.readouterr().err == ""


def test_selectivity_limits():
    n = 36
    assert nw.weight_selectivity(np.ones(n)) == pytest.approx(0.0, abs=1e-12)
    single = np.zeros(n)
    single[9] = 1.0
    assert nw.weight_selectivity(single) == pytest.approx(1.0)
    assert nw.weight_preferred_orientation(single) == pytest.approx(45.0)
    assert nw.weight_selectivity(np.zeros(n)) == 0.0


def test_preferred_orientation_of_tuned_weights():
    params = replace(SMALL, cell=replace(SMALL_CELL, n_inputs=60))
    weights = nw.input_rates(130.0, params)
    assert nw.weight_preferred_orientation(weights) == pytest.approx(130.0, abs=1e-9)


def test_correlations_of_unchanged_vectors_are_one():
    rng = np.random.default_rng(0)
    snapshot = rng.uniform(size=(3, 20))
    weights = np.stack([snapshot, snapshot])
    np.testing.assert_allclose(nw.vector_correlation(weights), 1.0)
    np.testing.assert_allclose(nw.receptive_field_correlation(weights), 1.0)


def test_receptive_field_correlation_of_rotated_fields():
    params = replace(SMALL, cell=replace(SMALL_CELL, n_inputs=60))
    before = nw.input_rates([0.0, 60.0], params)
    after = nw.input_rates([45.0, 105.0], params)
    # A turn by 45 degrees turns each orientation vector by 90 degrees: similarity cos 90 = 0.
    similarity = nw.receptive_field_correlation(np.stack([before, after]))
    assert similarity[1] == pytest.approx(0.0, abs=1e-9)


def test_decay_time_recovers_exponential():
    times = np.arange(0, 100.0, 5.0)
    assert nw.decay_time(times, np.exp(-times / 30.0)) == pytest.approx(30.0, rel=1e-9)
    assert nw.decay_time(times, np.ones_like(times)) == math.inf


def test_tuning_curves_bin_stimuli():
    result = nw.simulate_network(SMALL, duration=3_000.0, plastic=False,
                                 orientations=np.repeat([10.0, 100.0], 30), rng=4)
    centres, rates = nw.tuning_curves(result, n_bins=2)
    np.testing.assert_allclose(centres, [45.0, 135.0])
    np.testing.assert_allclose(rates[0], result.spike_counts[:30].mean(axis=0) * 1e3 / 50.0)
    np.testing.assert_allclose(rates[1], result.spike_counts[30:].mean(axis=0) * 1e3 / 50.0)


@pytest.mark.parametrize("kwargs, message", [
    (dict(n_outputs=0), "n_outputs"),
    (dict(rate_peak=-1.0), "rate_peak"),
    (dict(rate_peak=500.0), "rate_background \\+ rate_peak"),
    (dict(concentration=-0.5), "concentration"),
    (dict(stimulus_duration=50.25), "multiple of dt"),
    (dict(g_lateral=-1.0), "g_lateral"),
    (dict(cell="additive"), "STDPParams"),
])
def test_params_validation(kwargs, message):
    with pytest.raises(ValueError, match=message):
        nw.NetworkParams(**kwargs)


@pytest.mark.parametrize("kwargs, message", [
    (dict(duration=-5.0), "duration"),
    (dict(duration=20.0), "stimulus_duration"),
    (dict(snapshot_interval=75.0), "multiple of stimulus_duration"),
    (dict(initial_weights=1.5), "initial_weights"),
    (dict(orientations=[0.0, 10.0]), "orientations"),
    (dict(n_chunks=0), "n_chunks"),
    (dict(rng=-1), "rng"),
])
def test_simulation_validation(kwargs, message):
    arguments = dict(duration=200.0)
    arguments.update(kwargs)
    with pytest.raises(ValueError, match=message):
        nw.simulate_network(SMALL, **arguments)


def test_analysis_validation():
    with pytest.raises(ValueError, match="floor"):
        nw.decay_time([0, 1], [1, 0.5], floor=1.5)
    with pytest.raises(ValueError, match="constant vector"):
        nw.vector_correlation(np.ones((2, 5)))
    with pytest.raises(ValueError, match="n_times, n_outputs, n_inputs"):
        nw.receptive_field_correlation(np.ones((2, 5)))
