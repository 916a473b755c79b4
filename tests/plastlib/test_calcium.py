"""Tests of plastlib.calcium: Mg block, Omega, eta and the two-pathway model."""

import dataclasses
import math

import numpy as np
import pytest

from plastlib import calcium


def test_mg_block_half_point():
    # B = 1/2 where exp(-0.062 v) mg / 3.57 = 1, so v = -ln(3.57 / mg) / 0.062 (-20.5 mV at 1 mM).
    v_half = -math.log(3.57) / 0.062
    assert calcium.mg_block(v_half, mg=1.0) == pytest.approx(0.5, abs=1e-12)


def test_mg_block_limits_and_monotonic():
    v = np.linspace(-100.0, 60.0, 161)
    block = calcium.mg_block(v)
    assert np.all(np.diff(block) > 0)
    assert np.all((block > 0) & (block < 1))
    assert calcium.mg_block(-65.0, mg=0.0) == 1.0
    # At -65 mV with 1 mM Mg: 1 / (1 + e^{4.03} / 3.57) = 0.0596 (hand calculation).
    assert calcium.mg_block(-65.0) == pytest.approx(0.0596, abs=5e-4)


def test_mg_block_rejects_negative_mg():
    with pytest.raises(ValueError, match="`mg` = -1.0 mM is invalid"):
        calcium.mg_block(-65.0, mg=-1.0)


def test_omega_three_regimes():
    # At 0 and 2 uM both sigmoids are within e^{-28} of 0 or 1. At 0.45 uM, 0.1 uM from
    # each threshold, they are within e^{-8} ~ 3e-4 of 1 and 0, so Omega ~ 4e-4 there.
    assert calcium.omega(0.0) == pytest.approx(0.25, abs=1e-9)
    assert calcium.omega(0.45) == pytest.approx(0.0, abs=1e-3)
    assert calcium.omega(2.0) == pytest.approx(1.0, abs=1e-9)


def test_omega_midpoints():
    # At alpha2 the potentiation sigmoid is exactly 1/2 and the depression one ~1.
    assert calcium.omega(0.55) == pytest.approx(0.5, abs=1e-6)
    assert calcium.omega(0.35) == pytest.approx(0.125, abs=1e-6)


def test_omega_rejects_bad_thresholds():
    with pytest.raises(ValueError, match="`alpha2` = 0.3 uM is invalid"):
        calcium.omega(0.1, alpha1=0.35, alpha2=0.3)
    with pytest.raises(ValueError, match="`ca` contains -0.1 uM"):
        calcium.omega(-0.1)


def test_eta_closed_form():
    # tau(0) = 100 / 1e-5 + 1000 ms = 1e7 + 1e3 ms; tau(1) = 100 / (1 + 1e-5) + 1000 ms.
    assert calcium.eta(0.0) == pytest.approx(1.0 / (1e7 + 1e3), rel=1e-12)
    assert calcium.eta(1.0) == pytest.approx(1.0 / (100.0 / (1.0 + 1e-5) + 1000.0), rel=1e-12)
    rates = calcium.eta(np.linspace(0, 3, 31))
    assert np.all(np.diff(rates) > 0)
    assert rates[-1] < 1e-3


def test_weight_rate_fixed_points():
    # Resting weight Omega(0) / lam = 0.25 does not move at rest.
    assert abs(calcium.weight_rate(0.25, 0.0)) < 1e-18
    assert calcium.weight_rate(0.25, 0.45) < 0
    assert calcium.weight_rate(0.25, 1.5) > 0
    assert calcium.weight_rate(1.0, 5.0) == pytest.approx(0.0, abs=1e-12)


def test_nmda_influx_sign_and_block():
    assert calcium.nmda_calcium_influx(1.0, 130.0, 1.0) == 0.0
    rest = calcium.nmda_calcium_influx(1.0, -65.0, 1.0)
    depolarized = calcium.nmda_calcium_influx(1.0, -20.0, 1.0)
    assert depolarized > 5 * rest > 0
    with pytest.raises(ValueError, match="`open_fraction` is invalid"):
        calcium.nmda_calcium_influx(1.5, -65.0, 1.0)


def test_regular_train_and_validation():
    train = calcium.regular_train(100.0, 5, onset=10.0)
    assert np.allclose(train, [10.0, 20.0, 30.0, 40.0, 50.0])
    with pytest.raises(ValueError, match="`rate` = 0.0 Hz is invalid"):
        calcium.regular_train(0.0, 5)


def test_model_validation():
    with pytest.raises(ValueError, match="`tau_ca` = -1.0 ms is invalid"):
        calcium.SynapseModel(tau_ca=-1.0)
    with pytest.raises(ValueError, match="`nmda_open_per_spike` = 0.0 is invalid"):
        calcium.SynapseModel(nmda_open_per_spike=0.0)


def test_simulate_rejects_coarse_dt_and_bad_trains():
    model = calcium.SynapseModel()
    with pytest.raises(ValueError, match="`dt` = 2.0 ms is invalid"):
        calcium.simulate_pathways(model, [[]], [1], 100.0, dt=2.0)
    with pytest.raises(ValueError, match="one per pathway"):
        calcium.simulate_pathways(model, [[]], [1, 1], 100.0)
    with pytest.raises(ValueError, match="pulses must lie in"):
        calcium.simulate_pathways(model, [[150.0]], [1], 100.0)


def test_no_input_no_change():
    result = calcium.simulate_pathways(calcium.SynapseModel(), [[]], [20], 200.0, dt=0.2)
    assert np.allclose(result.v, -65.0)
    assert np.all(result.ca == 0.0)
    assert abs(result.w_final[0] - 0.25) < 1e-12


def test_single_pulse_calcium_closed_form():
    # With the voltage clamped near rest (g_ampa = 0 and a tiny NMDA conductance), the
    # influx after a pulse is J0 e^{-t/tau_n} with J0 = k g_N B(-65)(130 + 65), and the
    # calcium is J0 tau_c tau_n / (tau_n - tau_c) (e^{-t/tau_n} - e^{-t/tau_c}).
    # Its peak, at t* = ln(tau_n / tau_c) tau_c tau_n / (tau_n - tau_c), equals
    # J0 * 25 ms for tau_n = 100 ms and tau_c = 50 ms. The exponential-Euler step of
    # 0.05 ms shifts the peak by O(dt / tau) ~ 0.1 %, hence the 1 % tolerance.
    model = calcium.SynapseModel(g_ampa=0.0, g_nmda=1e-6, ca_per_charge=1.0)
    result = calcium.simulate_pathways(model, [[1.0]], [1], 400.0, dt=0.05, record_interval=0.05)
    j0 = 1.0 * 1e-6 * calcium.mg_block(-65.0) * 195.0
    assert result.ca_peak[0] == pytest.approx(j0 * 25.0, rel=0.01)


def test_input_specificity():
    model = calcium.SynapseModel()
    tetanus = calcium.regular_train(100.0, 100, onset=10.0)
    result = calcium.simulate_pathways(model, [tetanus, []], [20, 20], 1500.0, dt=0.2)
    assert result.w_final[0] > 0.5
    assert result.w_final[1] == pytest.approx(0.25, abs=1e-9)


def test_cooperativity_and_associativity():
    model = calcium.SynapseModel()
    tetanus = calcium.regular_train(100.0, 100, onset=10.0)
    weak_alone = calcium.simulate_pathways(model, [tetanus, []], [2, 20], 1500.0, dt=0.2)
    paired = calcium.simulate_pathways(model, [tetanus, tetanus], [2, 20], 1500.0, dt=0.2)
    assert weak_alone.ca_peak[0] < 0.35
    assert abs(weak_alone.w_final[0] - 0.25) < 1e-3
    assert paired.w_final[0] > 0.5


def test_ap5_blocks_ltp():
    model = dataclasses.replace(calcium.SynapseModel(), g_nmda=0.0)
    tetanus = calcium.regular_train(100.0, 100, onset=10.0)
    result = calcium.simulate_pathways(model, [tetanus], [20], 1500.0, dt=0.2)
    assert result.ca_peak[0] == 0.0
    assert abs(result.w_final[0] - 0.25) < 1e-9


@pytest.mark.slow
def test_frequency_dependence():
    model = calcium.SynapseModel()
    final = {}
    for rate in (1.0, 100.0):
        train = calcium.regular_train(rate, 300, onset=10.0)
        result = calcium.simulate_pathways(model, [train], [20], train[-1] + 1000.0, dt=0.2,
                                           record_interval=100.0)
        final[rate] = result.w_final[0]
    assert final[1.0] < 0.2
    assert final[100.0] > 0.8


def test_kernel_jit_python_parity():
    # The kernel draws no random numbers, so the compiled and the pure-Python kernel must
    # agree to rounding (both evaluate the same floating-point operations).
    model = calcium.SynapseModel()
    train = calcium.regular_train(100.0, 20, onset=5.0)
    compiled = calcium.simulate_pathways(model, [train, []], [20, 2], 400.0, dt=0.2)
    kernel = calcium._simulate_kernel
    original = getattr(kernel, "py_func", kernel)
    try:
        calcium._simulate_kernel = original
        python = calcium.simulate_pathways(model, [train, []], [20, 2], 400.0, dt=0.2)
    finally:
        calcium._simulate_kernel = kernel
    assert np.allclose(compiled.v, python.v, rtol=1e-9, atol=1e-9)
    assert np.allclose(compiled.ca, python.ca, rtol=1e-9, atol=1e-12)
    assert np.allclose(compiled.w_final, python.w_final, rtol=1e-12)


def test_frequency_sweep_matches_single_runs():
    model = calcium.SynapseModel()
    rates = [5.0, 50.0]
    sweep = calcium.frequency_sweep(model, rates, 10, 20, onset=10.0, settle=200.0, dt=0.2,
                                    progress=False)
    assert len(sweep) == 2
    for rate, result in zip(rates, sweep):
        train = calcium.regular_train(rate, 10, onset=10.0)
        single = calcium.simulate_pathways(model, [train], [20], train[-1] + 200.0, dt=0.2,
                                           record_interval=100.0)
        # Same kernel, same inputs: the results must be identical, not just close.
        assert np.array_equal(result.w_final, single.w_final)
        assert np.array_equal(result.ca_peak, single.ca_peak)


def test_frequency_sweep_rejects_bad_arguments():
    model = calcium.SynapseModel()
    with pytest.raises(ValueError, match="rates"):
        calcium.frequency_sweep(model, [1.0, -2.0], 10, 20)
    with pytest.raises(ValueError, match="rates"):
        calcium.frequency_sweep(model, [], 10, 20)
    with pytest.raises(ValueError, match="n_pulses"):
        calcium.frequency_sweep(model, [1.0], 0, 20)
    with pytest.raises(ValueError, match="settle"):
        calcium.frequency_sweep(model, [1.0], 10, 20, settle=0.0)


@pytest.mark.parametrize("enabled", ["1", "0"])
def test_frequency_sweep_progress_bar(enabled, monkeypatch, capfd):
    monkeypatch.setenv("PLASTLIB_PROGRESS", enabled)
    calcium.frequency_sweep(calcium.SynapseModel(), [20.0, 50.0], 5, 20, settle=100.0, dt=0.2)
    stderr = capfd.readouterr().err
    if enabled == "1":
        assert "frequencies" in stderr
    else:
        assert stderr == ""
