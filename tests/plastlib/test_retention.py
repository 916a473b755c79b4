"""Tests of plastlib.retention: double-well potential, escape times, autocorrelation."""

import math
from dataclasses import replace

import numpy as np
import pytest

from plastlib import retention, stdp

COEFFICIENTS = retention.quartic_double_well(0.45, 1.0, -0.2e-3)
DIFFUSION = 1.5e-4


def potential(w):
    return retention.quartic_potential(w, COEFFICIENTS)


def test_quartic_has_requested_extrema():
    c2, c3, c4 = COEFFICIENTS
    slope = lambda w: 2 * c2 * w + 3 * c3 * w**2 + 4 * c4 * w**3  # noqa: E731
    for w in (0.0, 0.45, 1.0):
        assert slope(w) == pytest.approx(0.0, abs=1e-15)
    assert potential(1.0) == pytest.approx(-0.2e-3, rel=1e-12)
    assert potential(0.45) > max(potential(0.0), potential(1.0))


def test_kramers_close_to_exact_passage_time():
    # Kramers' formula is the leading term of an expansion in D / (2 barrier).
    # For a barrier of about 5 D/2 the correction is below 15 %.
    c2, c3, c4 = COEFFICIENTS
    curvature = lambda w: 2 * c2 + 6 * c3 * w + 12 * c4 * w**2  # noqa: E731
    barrier = potential(0.45) - potential(0.0)
    kramers = retention.kramers_escape_time(curvature(0.0), curvature(0.45), barrier, DIFFUSION)
    exact = retention.mean_first_passage_time(potential, DIFFUSION, 0.0, 0.725, -0.5)
    assert abs(kramers - exact) / exact < 0.15


def test_passage_time_of_free_diffusion():
    # Flat potential, reflecting at 0, absorbing at L: T = L**2 / D from 0
    # (variance D t per unit time). Trapezoid error is O(h**2).
    time = retention.mean_first_passage_time(lambda w: 0 * w, 2.0, 1e-9, 1.0, 0.0, 20001)
    assert time == pytest.approx(0.5, rel=1e-3)


@pytest.mark.slow
def test_simulated_dwell_matches_exact_passage_time():
    # About 300 dwells in each well: the mean of exponential dwells then has a
    # relative standard error of 1 / sqrt(300) = 6 %, so 20 % is over 3 standard errors.
    exact = retention.mean_first_passage_time(potential, DIFFUSION, 0.225, 0.725, -0.5)
    exact_down = retention.mean_first_passage_time(lambda w: potential(1.0 - w), DIFFUSION,
                                                   0.275, 0.775, -0.5)
    low, _ = retention.simulate_double_well(COEFFICIENTS, DIFFUSION,
                                            duration=300 * (exact + exact_down), rng=3)
    assert low.size > 150
    assert abs(low.mean() - exact) / exact < 0.2


def test_double_well_reproducible_and_validated():
    first = retention.simulate_double_well(COEFFICIENTS, DIFFUSION, 2e5, rng=5)
    second = retention.simulate_double_well(COEFFICIENTS, DIFFUSION, 2e5, rng=5)
    np.testing.assert_array_equal(first[0], second[0])
    with pytest.raises(ValueError, match="`diffusion` = -1.0 is invalid"):
        retention.simulate_double_well(COEFFICIENTS, -1.0, 1e3)
    with pytest.raises(ValueError, match="`u_max` = 0.1 is invalid"):
        retention.quartic_double_well(0.4, 1.0, 0.1)


def test_switching_correlation_time():
    assert retention.switching_correlation_time(2.0, 2.0) == pytest.approx(1.0)
    assert retention.switching_correlation_time(1.0, 1e9) == pytest.approx(1.0, rel=1e-8)
    with pytest.raises(ValueError, match="`time_up` = 0.0 is invalid"):
        retention.switching_correlation_time(0.0, 1.0)


def test_autocorrelation_of_ornstein_uhlenbeck():
    # 2000 independent AR(1) sequences with coefficient rho: C(k) = rho**k.
    # Standard error of each C(k) is about 1 / sqrt(2000 * n_starts) < 0.01.
    generator = np.random.default_rng(0)
    rho, n = 0.8, 40
    weights = np.empty((n, 2000))
    weights[0] = generator.normal(size=2000)
    for k in range(1, n):
        weights[k] = rho * weights[k - 1] + math.sqrt(1 - rho**2) * generator.normal(size=2000)
    measured = retention.weight_autocorrelation(weights, 5)
    np.testing.assert_allclose(measured, rho ** np.arange(6), atol=0.03)


def test_restoring_rate_of_van_rossum_rule():
    params = replace(stdp.STDPParams(), mu_minus=1.0, depression_ratio=2.0)
    alpha = retention.restoring_rate(params, 10.0, 8.0)
    expected = 10e-3 * 8e-3 * params.a_minus * params.tau_minus
    assert alpha == pytest.approx(expected, rel=1e-6)
    with pytest.raises(ValueError, match="no fixed point"):
        retention.restoring_rate(stdp.STDPParams(), 10.0, 8.0)


def test_trajectory_samples_and_seed():
    time, weight = retention.simulate_double_well_trajectory(
        COEFFICIENTS, DIFFUSION, 50_000.0, dt=5.0, record_interval=100.0, rng=4)
    assert time.shape == weight.shape == (501,)
    assert time[1] == pytest.approx(100.0)
    assert weight[0] == 0.0
    _, again = retention.simulate_double_well_trajectory(
        COEFFICIENTS, DIFFUSION, 50_000.0, dt=5.0, record_interval=100.0, rng=4)
    np.testing.assert_array_equal(weight, again)


def test_trajectory_without_noise_relaxes_to_minimum():
    # D tiny: from w0 = 0.8 (above the barrier at 0.45) the weight relaxes to 1.
    _, weight = retention.simulate_double_well_trajectory(
        COEFFICIENTS, 1e-12, 100_000.0, w0=0.8, record_interval=1000.0, rng=0)
    assert weight[-1] == pytest.approx(1.0, abs=1e-3)


def test_trajectory_variance_in_lower_well():
    # At this low noise the weight stays in the lower well (barrier at 0.45),
    # where U is nearly quadratic, so its variance is D / (2 U''(0)) = D / (4 c2).
    c2 = COEFFICIENTS[0]
    _, weight = retention.simulate_double_well_trajectory(
        COEFFICIENTS, 0.2 * DIFFUSION, 200_000.0, record_interval=50.0, rng=5)
    assert weight.max() < 0.45
    variance = 0.2 * DIFFUSION / (4 * c2)
    # 4000 samples 50 ms apart with a correlation time 1 / (2 c2) = 93 ms: about
    # 2000 independent ones, so the variance has a relative standard error near
    # sqrt(2 / 2000) = 3 %, and 10 % is 3 standard errors.
    assert np.var(weight) == pytest.approx(variance, rel=0.1)


def test_trajectory_rejects_bad_arguments():
    with pytest.raises(ValueError, match="record_interval"):
        retention.simulate_double_well_trajectory(COEFFICIENTS, DIFFUSION, 1000.0,
                                                  record_interval=0.0)
    with pytest.raises(ValueError, match="coefficients"):
        retention.simulate_double_well_trajectory((0.0, 1.0, -1.0), DIFFUSION, 1000.0)
