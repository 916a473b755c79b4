"""Tests of plastlib.stdp: the neuron, the pair rule, the Fokker-Planck coefficients."""

import math
from dataclasses import replace

import numpy as np
import pytest

from plastlib import stdp

ADDITIVE = stdp.STDPParams()
VAN_ROSSUM = replace(ADDITIVE, mu_minus=1.0, depression_ratio=2.0)


def lif_rate_constant_conductance(params, g_ex):
    """Firing rate (Hz) of the neuron under a constant excitatory conductance ``g_ex``."""
    v_inf = (params.v_rest + g_ex * params.e_ex) / (1 + g_ex)
    tau_eff = params.tau_m / (1 + g_ex)
    period = tau_eff * math.log((v_inf - params.v_reset) / (v_inf - params.v_threshold))
    return 1e3 / period


def test_neuron_rate_matches_mean_driven_lif():
    # 100 inputs at 1 kHz with w * g_max = 1e-3 give a mean conductance
    # N nu tau_ex w g_max = 0.5 with a standard deviation of about 3 % of it.
    # Predicted period 7.97 ms (125 Hz); the spike-time grid of dt = 0.1 ms adds
    # a delay of dt/2 per period on average (0.6 %), so 5 % covers both effects.
    params = replace(ADDITIVE, n_inputs=100, g_max=0.01, a_plus=0.0, n_inhibitory=0)
    result = stdp.simulate_stdp(params, duration=1000.0, rates=1000.0, initial_weights=0.1,
                                snapshot_interval=1000.0, rng=1)
    predicted = lif_rate_constant_conductance(params, g_ex=0.5)
    measured = result.output_rate(start=100.0)
    assert abs(measured - predicted) / predicted < 0.05


def test_neuron_silent_without_input():
    params = replace(ADDITIVE, n_inputs=10, n_inhibitory=0)
    result = stdp.simulate_stdp(params, duration=500.0, rates=0.0, rng=0,
                                snapshot_interval=500.0)
    assert result.spike_times.size == 0
    np.testing.assert_array_equal(result.weights[0], result.weights[-1])


@pytest.mark.parametrize("pairing", ["all", "nearest"])
@pytest.mark.parametrize("delta_t", [-50.0, -20.0, -5.0, -0.5, 0.0, 1.0, 20.0, 60.0])
def test_single_pair_equals_window(pairing, delta_t):
    params = replace(ADDITIVE, pairing=pairing)
    post = 100.0 + delta_t
    final, _ = stdp.apply_stdp_to_spike_trains([100.0], [post], params, initial_weight=0.5)
    expected = float(stdp.stdp_window(delta_t, params, weight=0.5))
    assert final - 0.5 == pytest.approx(expected, rel=1e-12, abs=1e-15)


def test_window_signs_follow_post_minus_pre():
    assert stdp.stdp_window(10.0) > 0
    assert stdp.stdp_window(-10.0) < 0
    assert stdp.stdp_window(0.0) == pytest.approx(ADDITIVE.a_plus)
    assert stdp.stdp_window(-1e-9) == pytest.approx(-ADDITIVE.a_minus)


def test_van_rossum_depression_scales_with_weight():
    low = stdp.stdp_window(-10.0, VAN_ROSSUM, weight=0.2)
    high = stdp.stdp_window(-10.0, VAN_ROSSUM, weight=0.4)
    assert high / low == pytest.approx(2.0, rel=1e-12)
    potentiation_low = stdp.stdp_window(10.0, VAN_ROSSUM, weight=0.2)
    potentiation_high = stdp.stdp_window(10.0, VAN_ROSSUM, weight=0.4)
    assert potentiation_low == pytest.approx(potentiation_high, rel=1e-12)


def test_all_to_all_sums_every_pre_before_post():
    a_plus, tau = ADDITIVE.a_plus, ADDITIVE.tau_plus
    final, _ = stdp.apply_stdp_to_spike_trains([0.0, 10.0], [20.0], ADDITIVE, 0.5)
    assert final - 0.5 == pytest.approx(a_plus * (math.exp(-20 / tau) + math.exp(-10 / tau)))


def test_nearest_pairs_only_latest_pre():
    params = replace(ADDITIVE, pairing="nearest")
    final, _ = stdp.apply_stdp_to_spike_trains([0.0, 10.0], [20.0], params, 0.5)
    assert final - 0.5 == pytest.approx(params.a_plus * math.exp(-10 / params.tau_plus))


def test_nearest_pairs_only_latest_post():
    params = replace(ADDITIVE, pairing="nearest")
    final, _ = stdp.apply_stdp_to_spike_trains([20.0], [0.0, 10.0], params, 0.5)
    assert final - 0.5 == pytest.approx(-params.a_minus * math.exp(-10 / params.tau_minus))


def test_pair_weights_respect_hard_bounds():
    params = replace(ADDITIVE, a_plus=0.6)
    up, _ = stdp.apply_stdp_to_spike_trains([0.0], [1.0], params, 0.9)
    down, _ = stdp.apply_stdp_to_spike_trains([1.0], [0.0], params, 0.1)
    assert up == 1.0
    assert down == 0.0


def test_simulation_weights_stay_in_bounds():
    params = replace(ADDITIVE, n_inputs=50, a_plus=0.3, g_max=0.3)
    result = stdp.simulate_stdp(params, duration=500.0, rates=20.0, rng=3,
                                snapshot_interval=50.0)
    assert result.weights.min() >= 0.0
    assert result.weights.max() <= 1.0
    assert result.spike_times.size > 0


def test_simulation_reproducible_under_seed():
    params = replace(ADDITIVE, n_inputs=50, g_max=0.2)
    first = stdp.simulate_stdp(params, duration=300.0, rng=7, snapshot_interval=100.0)
    second = stdp.simulate_stdp(params, duration=300.0, rng=7, snapshot_interval=100.0)
    third = stdp.simulate_stdp(params, duration=300.0, rng=8, snapshot_interval=100.0)
    np.testing.assert_array_equal(first.weights, second.weights)
    np.testing.assert_array_equal(first.spike_times, second.spike_times)
    assert not np.array_equal(first.weights, third.weights)


def test_result_shapes_and_rates():
    params = replace(ADDITIVE, n_inputs=20, g_max=0.3)
    result = stdp.simulate_stdp(params, duration=400.0, rng=2, snapshot_interval=100.0)
    assert result.weights.shape == (5, 20)
    np.testing.assert_allclose(result.snapshot_times, [0, 100, 200, 300, 400])
    assert result.rates.shape == (4,)
    total = result.rates.sum() * 100.0 / 1e3
    assert total == result.spike_times.size
    assert result.output_rate() == pytest.approx(result.rates.mean())


def test_drift_diffusion_match_poisson_pairs():
    # Independent Poisson trains at 20 Hz (pre) and 30 Hz (post), frozen weight
    # w = 0.5 (additive rule, no bound is reached in a 2 s window since the
    # change stays below 0.05). 400 windows: the standard error of the mean
    # change is sqrt(D T / 400) and of the variance about sqrt(2 / 400) of it,
    # so 5 and 4 standard errors give a false-failure rate below 1e-4.
    params = replace(ADDITIVE, a_plus=0.002)
    generator = np.random.default_rng(11)
    window, n_windows = 2000.0, 400
    changes = np.empty(n_windows)
    for k in range(n_windows):
        pre = np.sort(generator.uniform(0, window, generator.poisson(20.0 * window / 1e3)))
        post = np.sort(generator.uniform(0, window, generator.poisson(30.0 * window / 1e3)))
        final, _ = stdp.apply_stdp_to_spike_trains(pre, post, params, 0.5)
        changes[k] = final - 0.5
    drift, diffusion = stdp.drift_diffusion(0.5, params, rate_pre=20.0, rate_post=30.0)
    standard_error = math.sqrt(diffusion * window / n_windows)
    # In a finite window a pair at lag u fits in T - |u| ways, which removes
    # nu_x nu_y int |u| K(u) du from the mean change A T.
    edge = 20e-3 * 30e-3 * (params.a_plus * params.tau_plus**2
                            - params.a_minus * params.tau_minus**2)
    assert abs(changes.mean() - (drift * window - edge)) < 5 * standard_error
    variance_ratio = changes.var() / (diffusion * window)
    assert abs(variance_ratio - 1) < 4 * math.sqrt(2 / n_windows) + 0.03


def test_stationary_density_normalised_and_peaked():
    grid = np.linspace(0, 1, 1001)
    density = stdp.stationary_density(grid, VAN_ROSSUM, rate_pre=10.0, rate_post=10.0)
    assert np.trapezoid(density, grid) == pytest.approx(1.0, rel=1e-9)
    # Drift vanishes at w* = a_plus tau_plus / (a_minus tau_minus) = 1 / depression_ratio.
    assert grid[np.argmax(density)] == pytest.approx(0.5, abs=0.01)


@pytest.mark.slow
def test_correlated_group_wins_competition():
    # Additive STDP favours inputs that fire together: a group of 100 inputs with
    # c = 0.2 ends stronger than the 900 independent ones.
    groups = np.full(1000, -1)
    groups[:100] = 0
    result = stdp.simulate_stdp(ADDITIVE, duration=200e3, rates=20.0, groups=groups,
                                correlations=[0.2], rng=5, snapshot_interval=10e3)
    final = result.final_weights
    assert final[:100].mean() > 0.8
    assert final[100:].mean() < 0.4


@pytest.mark.slow
def test_additive_bimodal_weight_dependent_unimodal():
    additive = stdp.simulate_stdp(ADDITIVE, duration=200e3, rates=40.0, rng=1,
                                  snapshot_interval=10e3).final_weights
    near_bounds = np.mean((additive < 0.1) | (additive > 0.9))
    assert near_bounds > 0.6
    soft = stdp.simulate_stdp(VAN_ROSSUM, duration=200e3, rates=40.0, rng=1,
                              snapshot_interval=10e3).final_weights
    assert np.mean((soft < 0.1) | (soft > 0.9)) < 0.01


def test_params_validation_messages():
    with pytest.raises(ValueError, match="`tau_m` = -1.0 ms is invalid"):
        stdp.STDPParams(tau_m=-1.0)
    with pytest.raises(ValueError, match="`pairing` = 'pairs' is invalid"):
        stdp.STDPParams(pairing="pairs")
    with pytest.raises(ValueError, match="`mu_minus` = 2.0 is invalid"):
        stdp.STDPParams(mu_minus=2.0)
    with pytest.raises(ValueError, match="`v_threshold` = -80.0 mV is invalid"):
        stdp.STDPParams(v_threshold=-80.0)
    with pytest.raises(ValueError, match="`dt` = 1.0 ms is invalid"):
        stdp.STDPParams(dt=1.0)
    with pytest.raises(ValueError, match="`n_inputs` = 0 is invalid"):
        stdp.STDPParams(n_inputs=0)


def test_simulate_validation_messages():
    params = replace(ADDITIVE, n_inputs=4)
    with pytest.raises(ValueError, match="`duration` = 0.0 ms is invalid"):
        stdp.simulate_stdp(params, duration=0.0)
    with pytest.raises(ValueError, match="`rates` contains -1.0 Hz"):
        stdp.simulate_stdp(params, duration=10.0, rates=[1, 2, 3, -1])
    with pytest.raises(ValueError, match="`initial_weights` span"):
        stdp.simulate_stdp(params, duration=10.0, initial_weights=1.5, snapshot_interval=10.0)
    with pytest.raises(ValueError, match="`correlations\\[0\\]` = 1.5 is invalid"):
        stdp.simulate_stdp(params, duration=10.0, groups=[0, 0, -1, -1], correlations=[1.5],
                           snapshot_interval=10.0)
    with pytest.raises(ValueError, match="all inputs of a group must share one rate"):
        stdp.simulate_stdp(params, duration=10.0, rates=[1, 2, 3, 4], groups=[0, 0, -1, -1],
                           correlations=[0.5], snapshot_interval=10.0)
    with pytest.raises(ValueError, match="`snapshot_interval` = 0.25 ms is invalid"):
        stdp.simulate_stdp(params, duration=10.0, snapshot_interval=0.25)
    with pytest.raises(ValueError, match="`rng` = -1 is invalid"):
        stdp.simulate_stdp(params, duration=10.0, snapshot_interval=10.0, rng=-1)
    with pytest.raises(ValueError, match="`pre_times` is invalid"):
        stdp.apply_stdp_to_spike_trains([2.0, 1.0], [0.0])
    with pytest.raises(ValueError, match="`weight` = 1.5 is invalid"):
        stdp.stdp_window(1.0, weight=1.5)


def test_simulate_stdp_chunks_do_not_change_result(monkeypatch):
    params = replace(stdp.STDPParams(), mu_minus=1.0, depression_ratio=2.0)
    whole = stdp.simulate_stdp(params, 5e3, snapshot_interval=1e3, rng=3, progress=False)
    monkeypatch.setattr(stdp, "_CHUNK_STEPS", 777)
    chunked = stdp.simulate_stdp(params, 5e3, snapshot_interval=1e3, rng=3, progress=False)
    np.testing.assert_array_equal(whole.weights, chunked.weights)
    np.testing.assert_array_equal(whole.spike_times, chunked.spike_times)


@pytest.mark.parametrize("setting, shown", [("1", True), ("0", False)])
def test_simulate_stdp_progress_bar(monkeypatch, capsys, setting, shown):
    monkeypatch.setenv("PLASTLIB_PROGRESS", setting)
    stdp.simulate_stdp(duration=100.0, rng=1)
    assert ("STDP simulation" in capsys.readouterr().err) == shown
