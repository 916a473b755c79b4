"""Tests of plastlib.randomwalk against the closed forms of the three walks.

Statistical checks use fixed seeds and a tolerance of several standard errors.
The false-failure rate quoted with each is that of an unseeded run.
"""

import dataclasses
import math

import numpy as np
import pytest
from scipy import integrate

from plastlib import randomwalk as rw

SOFT = rw.WalkParameters(p_p=0.1, p_d=0.1, c_p=0.1, c_d=0.1, rule="soft")
UNBOUNDED = rw.WalkParameters(p_p=0.3, p_d=0.2, c_p=0.05, c_d=0.08, rule="unbounded")


def _kernel_python_function():
    # Under NUMBA_DISABLE_JIT the kernel is already a plain function without py_func.
    return getattr(rw._advance, "py_func", rw._advance)


def _reference_walk(parameters, n_synapses, n_steps, w0, seed):
    """Simulate with NumPy alone, drawing every uniform number in one call."""
    uniforms = np.random.default_rng(seed).random((n_steps, n_synapses))
    w = np.full(n_synapses, float(w0))
    p = parameters
    for u in uniforms:
        potentiate = u < p.p_p
        depress = (u >= p.p_p) & (u < p.p_p + p.p_d)
        step_down = p.c_d * w if p.rule == "soft" else p.c_d
        w = np.where(potentiate, w + p.c_p, np.where(depress, w - step_down, w))
        if p.rule == "hard":
            w = np.clip(w, p.w_min, p.w_max)
    return w


# Deterministic limiting cases ------------------------------------------------

def test_certain_potentiation_adds_steps():
    parameters = rw.WalkParameters(p_p=1.0, p_d=0.0, c_p=0.25, c_d=0.1, rule="unbounded")
    result = rw.simulate_walk(parameters, n_synapses=3, n_steps=8, w0=1.0, rng=0)
    np.testing.assert_allclose(result.mean, 1.0 + 0.25 * np.arange(9), rtol=1e-12)
    np.testing.assert_allclose(result.variance, 0.0, atol=1e-12)


def test_certain_soft_depression_is_geometric():
    parameters = rw.WalkParameters(p_p=0.0, p_d=1.0, c_p=0.5, c_d=0.2, rule="soft")
    result = rw.simulate_walk(parameters, n_synapses=4, n_steps=10, w0=2.0, rng=0)
    np.testing.assert_allclose(result.mean, 2.0 * 0.8 ** np.arange(11), rtol=1e-12)


def test_no_events_keeps_weights():
    parameters = rw.WalkParameters(p_p=0.0, p_d=0.0, rule="hard")
    w0 = np.linspace(0.0, 2.0, 7)
    result = rw.simulate_walk(parameters, n_synapses=7, n_steps=20, w0=w0, rng=0)
    np.testing.assert_array_equal(result.weights, w0)


def test_zero_steps_returns_initial_weights():
    w0 = np.linspace(0.0, 1.0, 4)
    result = rw.simulate_walk(SOFT, n_synapses=4, n_steps=0, w0=w0, rng=0)
    np.testing.assert_array_equal(result.weights, w0)
    assert result.mean.shape == (1,)
    assert result.trajectories.shape == (1, 4)


def test_hard_bounds_clip_certain_steps():
    up = rw.WalkParameters(p_p=1.0, p_d=0.0, c_p=0.3, rule="hard", w_min=0.0, w_max=1.0)
    down = dataclasses.replace(up, p_p=0.0, p_d=1.0, c_d=0.3)
    np.testing.assert_array_equal(rw.simulate_walk(up, 2, 10, w0=0.5, rng=0).weights, 1.0)
    np.testing.assert_array_equal(rw.simulate_walk(down, 2, 10, w0=0.5, rng=0).weights, 0.0)


# Reproducibility and parity ---------------------------------------------------

def test_seed_reproduces_walk():
    first = rw.simulate_walk(SOFT, 50, 40, rng=7)
    second = rw.simulate_walk(SOFT, 50, 40, rng=np.random.default_rng(7))
    np.testing.assert_array_equal(first.weights, second.weights)
    np.testing.assert_array_equal(first.trajectories, second.trajectories)


def test_different_seeds_differ():
    first = rw.simulate_walk(SOFT, 50, 40, rng=7)
    second = rw.simulate_walk(SOFT, 50, 40, rng=8)
    assert not np.array_equal(first.weights, second.weights)


@pytest.mark.parametrize("rule", rw.RULES)
def test_walk_matches_numpy_reference(rule, monkeypatch):
    # A block of 3 steps exercises the block boundaries. The reference draws
    # all numbers at once, so agreement also shows that blocks do not matter.
    monkeypatch.setattr(rw, "_BLOCK_VALUES", 3 * 20)
    parameters = dataclasses.replace(SOFT, rule=rule, p_p=0.35, p_d=0.3)
    result = rw.simulate_walk(parameters, n_synapses=20, n_steps=25, w0=1.0, rng=3)
    expected = _reference_walk(parameters, 20, 25, 1.0, seed=3)
    np.testing.assert_allclose(result.weights, expected, rtol=1e-13, atol=1e-15)


def test_kernel_jit_matches_python():
    rng = np.random.default_rng(5)
    uniforms = rng.random((30, 16))
    outputs = []
    for kernel in (rw._advance, _kernel_python_function()):
        weights = np.linspace(0.0, 2.0, 16)
        mean = np.empty(31)
        variance = np.empty(31)
        trajectories = np.empty((31, 2))
        mean[0] = weights.mean()
        kernel(weights, uniforms, 2, 0.3, 0.3, 0.1, 0.1, 0.0, 2.0,
               mean, variance, trajectories, 1)
        outputs.append((weights, mean[1:], variance[1:], trajectories[1:]))
    for jitted, python in zip(*outputs):
        np.testing.assert_allclose(jitted, python, rtol=1e-13)


def test_recorded_statistics_match_weights():
    result = rw.simulate_walk(SOFT, 30, 12, n_recorded=30, rng=1)
    np.testing.assert_allclose(result.mean, result.trajectories.mean(axis=1), rtol=1e-12)
    np.testing.assert_allclose(result.variance, result.trajectories.var(axis=1, ddof=1),
                               rtol=1e-9, atol=1e-15)


def test_result_arrays_are_read_only():
    result = rw.simulate_walk(SOFT, 5, 3, rng=1)
    with pytest.raises(ValueError, match="read-only"):
        result.weights[0] = 0.0


# Closed forms ------------------------------------------------------------------

def test_unbounded_moments_closed_form():
    mean, variance = rw.unbounded_moments(UNBOUNDED, n_steps=4, w0=1.0)
    mu = 0.3 * 0.05 - 0.2 * 0.08
    sigma2 = 0.3 * 0.05**2 + 0.2 * 0.08**2 - mu**2
    np.testing.assert_allclose(mean, 1.0 + mu * np.arange(5), rtol=1e-14)
    np.testing.assert_allclose(variance, sigma2 * np.arange(5), rtol=1e-14)


def test_unbounded_walk_matches_moments():
    n_synapses, n_steps = 4000, 100
    result = rw.simulate_walk(UNBOUNDED, n_synapses, n_steps, w0=1.0, rng=11)
    mean, variance = rw.unbounded_moments(UNBOUNDED, n_steps, w0=1.0)
    # Standard errors of the sample mean and (near-Gaussian) sample variance at
    # the last step. 5 standard errors give a false-failure rate below 1e-6 each.
    se_mean = math.sqrt(variance[-1] / n_synapses)
    se_variance = variance[-1] * math.sqrt(2 / (n_synapses - 1))
    assert abs(result.mean[-1] - mean[-1]) < 5 * se_mean
    assert abs(result.variance[-1] - variance[-1]) < 5 * se_variance


def test_soft_mean_decays_geometrically():
    parameters = rw.WalkParameters(p_p=0.2, p_d=0.3, c_p=0.1, c_d=0.2, rule="soft")
    mean, _ = rw.soft_bound_moments(parameters, n_steps=50, w0=2.0)
    fixed_point = 0.2 * 0.1 / (0.3 * 0.2)
    expected = fixed_point + (2.0 - fixed_point) * (1 - 0.3 * 0.2) ** np.arange(51)
    np.testing.assert_allclose(mean, expected, rtol=1e-12)


def test_soft_walk_matches_transient_moments():
    parameters = rw.WalkParameters(p_p=0.2, p_d=0.3, c_p=0.1, c_d=0.2, rule="soft")
    n_synapses, n_steps = 4000, 60
    result = rw.simulate_walk(parameters, n_synapses, n_steps, w0=2.0, rng=12)
    mean, variance = rw.soft_bound_moments(parameters, n_steps, w0=2.0)
    # 5 standard errors at each of 60 correlated steps give a false-failure rate
    # below 1e-4 (union bound).
    se_mean = np.sqrt(np.maximum(variance, 1e-300) / n_synapses)
    assert np.all(np.abs(result.mean[1:] - mean[1:]) < 5 * se_mean[1:])


def test_soft_stationary_moments_are_fixed_point():
    stationary_mean, stationary_variance = rw.soft_bound_stationary_moments(SOFT)
    mean, variance = rw.soft_bound_moments(SOFT, n_steps=5000, w0=0.0)
    assert stationary_mean == pytest.approx(0.1 * 0.1 / (0.1 * 0.1), rel=1e-14)
    assert mean[-1] == pytest.approx(stationary_mean, rel=1e-10)
    assert variance[-1] == pytest.approx(stationary_variance, rel=1e-10)


def test_gaussian_variance_ratio():
    _, exact = rw.soft_bound_stationary_moments(SOFT)
    assert rw.soft_bound_gaussian_variance(SOFT) / exact == pytest.approx((2 - 0.1) / 2)


@pytest.mark.slow
def test_soft_walk_reaches_stationary_moments():
    n_synapses = 20000
    result = rw.simulate_walk(SOFT, n_synapses, 1000, w0=1.0, rng=13)
    mean, variance = rw.soft_bound_stationary_moments(SOFT)
    weights = result.weights
    kurtosis = np.mean((weights - mean) ** 4) / variance**2
    # Standard errors of the sample mean and variance, the latter from the
    # sample kurtosis. 5 standard errors give a false-failure rate below 1e-6 each.
    assert abs(weights.mean() - mean) < 5 * math.sqrt(variance / n_synapses)
    se_variance = variance * math.sqrt((kurtosis - 1) / n_synapses)
    assert abs(weights.var(ddof=1) - variance) < 5 * se_variance


def test_fokker_planck_density_moments_match_walk():
    # The drift and the jump's second moment fix the first two moments of the
    # Fokker-Planck density, so they equal those of the discrete walk exactly.
    for parameters in (SOFT, dataclasses.replace(SOFT, p_p=0.2, c_d=0.2)):
        mean, variance = rw.soft_bound_stationary_moments(parameters)
        density = rw.fokker_planck_density(parameters)

        def moment(order, density=density, mean=mean):
            return integrate.quad(lambda w: (w - mean) ** order * density(w),
                                  -np.inf, np.inf, limit=200)[0]

        assert moment(0) == pytest.approx(1.0, rel=1e-8)
        assert moment(1) == pytest.approx(0.0, abs=1e-8)
        assert moment(2) == pytest.approx(variance, rel=1e-7)


def test_fokker_planck_density_is_zero_flux():
    # Zero probability flux: A P - (1/2) d(D P)/dw = 0, by central differences.
    w = np.linspace(0.2, 3.0, 15)
    h = 1e-5
    density = rw.fokker_planck_density(SOFT)
    flux_derivative = (rw.diffusion(w + h, SOFT) * density(w + h)
                       - rw.diffusion(w - h, SOFT) * density(w - h))
    flux = rw.drift(w, SOFT) * density(w) - 0.5 * flux_derivative / (2 * h)
    np.testing.assert_allclose(flux, 0.0, atol=1e-7)


# Hard bounds -------------------------------------------------------------------

def test_hard_bounds_keep_weights_inside():
    parameters = rw.WalkParameters(p_p=0.4, p_d=0.3, c_p=0.3, c_d=0.2, rule="hard",
                                   w_min=-0.5, w_max=1.0)
    result = rw.simulate_walk(parameters, 200, 300, w0=0.0, n_recorded=200, rng=4)
    assert result.trajectories.min() >= -0.5
    assert result.trajectories.max() <= 1.0


def test_hard_bound_lattice_stationary_distribution():
    # With c_p = c_d = c and bounds on the lattice of multiples of c, the walk
    # is a birth-death chain. Detailed balance gives P(k) proportional to
    # (p_p / p_d)**k on the K + 1 states. c = 0.25 keeps the lattice exact in floats.
    parameters = rw.WalkParameters(p_p=0.3, p_d=0.2, c_p=0.25, c_d=0.25, rule="hard",
                                   w_min=0.0, w_max=1.0)
    n_synapses = 4000
    result = rw.simulate_walk(parameters, n_synapses, 200, w0=0.5, rng=5)
    states = np.rint(result.weights / 0.25).astype(int)
    np.testing.assert_allclose(states * 0.25, result.weights, atol=1e-12)
    expected = 1.5 ** np.arange(5)
    expected /= expected.sum()
    observed = np.bincount(states, minlength=5) / n_synapses
    # Binomial standard error of each frequency. Allowing 5 of them at each of the
    # 5 states gives a false-failure rate below 1e-5.
    se = np.sqrt(expected * (1 - expected) / n_synapses)
    assert np.all(np.abs(observed - expected) < 5 * se)


# Comparison helper ---------------------------------------------------------------

def test_total_variation_distance_limits():
    edges = np.linspace(0.0, 1.0, 11)
    samples = (np.arange(1000) + 0.5) / 1000

    def uniform(w):
        return 1.0 if 0.0 <= w <= 1.0 else 0.0

    def outside(w):
        return 1.0 if 2.0 <= w <= 3.0 else 0.0

    assert rw.total_variation_distance(samples, uniform, edges) == pytest.approx(0.0, abs=1e-9)
    assert rw.total_variation_distance(samples, outside, edges) == pytest.approx(1.0)


# Input validation ----------------------------------------------------------------

@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"rule": "linear"}, "`rule` = 'linear' is invalid"),
        ({"p_p": 1.2}, r"`p_p` = 1.2 is invalid: it must lie in \[0.0, 1.0\]"),
        ({"p_d": -0.1}, "`p_d` = -0.1 is invalid"),
        ({"p_p": 0.6, "p_d": 0.5}, "must sum to at most 1"),
        ({"c_p": -1.0}, "`c_p` = -1.0 is invalid: it must be >= 0"),
        ({"c_d": 1.5}, r"`c_d` = 1.5 is invalid: it must lie in \[0.0, 1.0\]"),
        ({"rule": "hard", "w_min": 1.0, "w_max": 1.0}, "w_min < w_max"),
        ({"w_max": float("nan")}, "`w_max` = nan is invalid: it must be finite"),
    ],
)
def test_parameters_reject_invalid(changes, message):
    with pytest.raises(ValueError, match=message):
        dataclasses.replace(SOFT, **changes)


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        ({"n_synapses": 1}, "`n_synapses` = 1 is invalid: it must be >= 2"),
        ({"n_steps": -1}, "`n_steps` = -1 is invalid"),
        ({"n_steps": 2.5}, "`n_steps` = 2.5 is invalid: it must be an integer"),
        ({"n_recorded": 11}, "`n_recorded` = 11 is invalid: it must be <= 10"),
        ({"w0": -0.5}, "with soft bounds every initial weight must be >= 0"),
        ({"w0": np.ones(3)}, r"`w0` has shape \(3,\)"),
        ({"rng": -3}, "`rng` = -3 is invalid"),
    ],
)
def test_simulate_rejects_invalid(arguments, message):
    call = {"n_synapses": 10, "n_steps": 5, "rng": 0, **arguments}
    with pytest.raises(ValueError, match=message):
        rw.simulate_walk(SOFT, **call)


def test_simulate_rejects_weights_outside_hard_bounds():
    parameters = dataclasses.replace(SOFT, rule="hard", w_min=0.0, w_max=1.0)
    with pytest.raises(ValueError, match=r"must lie in \[0.0, 1.0\]"):
        rw.simulate_walk(parameters, 10, 5, w0=1.5, rng=0)


def test_simulate_rejects_non_parameters():
    with pytest.raises(ValueError, match="pass a WalkParameters instance"):
        rw.simulate_walk({"p_p": 0.1}, 10, 5, rng=0)


def test_jump_moments_reject_non_parameters():
    with pytest.raises(ValueError, match="pass a WalkParameters instance"):
        rw.drift(1.0, None)
    with pytest.raises(ValueError, match="pass a WalkParameters instance"):
        rw.diffusion(1.0, "soft")


def test_jump_moments_closed_form():
    np.testing.assert_allclose(rw.drift([0.0, 2.0], SOFT), [0.01, -0.01], rtol=1e-12)
    np.testing.assert_allclose(rw.diffusion(2.0, SOFT), 0.1 * 0.01 + 0.1 * 0.04, rtol=1e-12)
    assert rw.drift(5.0, UNBOUNDED) == pytest.approx(0.3 * 0.05 - 0.2 * 0.08)


def test_closed_forms_reject_wrong_rule():
    with pytest.raises(ValueError, match="only to rule = 'soft'"):
        rw.soft_bound_stationary_moments(UNBOUNDED)
    with pytest.raises(ValueError, match="only to rule = 'unbounded'"):
        rw.unbounded_moments(SOFT, 10)


def test_stationary_moments_reject_no_depression():
    with pytest.raises(ValueError, match="no stationary distribution"):
        rw.soft_bound_stationary_moments(dataclasses.replace(SOFT, p_d=0.0))


def test_total_variation_rejects_bad_edges():
    with pytest.raises(ValueError, match="`edges` = .* is invalid"):
        rw.total_variation_distance([0.5], lambda w: 1.0, [1.0, 0.0])
