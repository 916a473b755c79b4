"""Tests of plastlib.hebbian: closed forms, conservation laws and fixed points."""

import numpy as np
import pytest

from plastlib import hebbian as hb

# A two-input ensemble with a principal axis that is neither (1, 1) nor an input axis.
PATTERNS_2D = np.array([[1.0, 0.2], [0.4, 0.9]])


@pytest.fixture
def ensemble_2d():
    return hb.mixture_ensemble(PATTERNS_2D, 0.15**2)


@pytest.fixture
def ensemble_8d():
    index = np.arange(8)
    patterns = np.array([np.exp(-((index - centre) ** 2) / 4.0) for centre in (1, 4, 6)])
    return hb.mixture_ensemble(patterns, hb.smooth_covariance(8, 0.1, 1.5))


def test_ensemble_moments_match_samples(ensemble_2d):
    inputs, _ = ensemble_2d.sample(200_000, rng=0)
    # Each input and each product x_i x_j has a per-sample std below 0.5, so the standard
    # error of its mean over 2e5 samples is below 1.2e-3 and 6e-3 is 5 standard errors.
    assert np.allclose(inputs.mean(axis=0), ensemble_2d.mean, atol=6e-3)
    assert np.allclose(np.cov(inputs.T), ensemble_2d.covariance, atol=6e-3)
    assert np.allclose(ensemble_2d.correlation, inputs.T @ inputs / len(inputs), atol=6e-3)


def test_averaged_euler_equals_matrix_power(ensemble_8d):
    q = ensemble_8d.correlation
    w0 = np.linspace(-0.5, 0.5, 8)
    rate, n_steps = 0.01, 300
    result = hb.learn_averaged(q, w0, rate, n_steps)
    expected = np.linalg.matrix_power(np.eye(8) + rate * q, n_steps) @ w0
    # Only rounding separates the two: 300 products of 8x8 matrices.
    assert np.allclose(result.final, expected, rtol=1e-10, atol=1e-12)


def test_averaged_euler_approaches_eigen_solution(ensemble_2d):
    q = ensemble_2d.covariance
    w0 = np.array([0.3, 0.2])
    rate, n_steps = 1e-3, 20_000
    result = hb.learn_averaged(q, w0, rate, n_steps, record_every=5000)
    exact = hb.averaged_solution(q, w0, rate * result.steps)
    # Euler with step h multiplies each mode by (1 + h lam)^n = exp(n h lam - n h^2 lam^2 / 2 + ...),
    # a relative error of about t h lam^2 / 2 = 20 * 1e-3 * 0.235**2 / 2 = 5.5e-4 at t = 20.
    relative = np.linalg.norm(result.weights - exact, axis=1) / np.linalg.norm(exact, axis=1)
    assert relative.max() < 1e-3


def test_plain_hebb_grows_along_principal_axis(ensemble_2d):
    q = ensemble_2d.correlation
    _, principal = hb.principal_eigenvector(q)
    w = hb.averaged_solution(q, np.array([0.1, -0.3]), [0.0, 60.0])
    assert np.linalg.norm(w[1]) > 1e6 * np.linalg.norm(w[0])
    assert abs(hb.cosine(w[1], principal)) > 1 - 1e-9


def test_divisive_conserves_norm(ensemble_8d):
    inputs, _ = ensemble_8d.sample(2000, rng=1)
    w0 = np.linspace(0.1, 0.8, 8)
    result = hb.learn_online(inputs, w0, 0.05, "covariance", "divisive",
                             input_mean=ensemble_8d.mean, record_every=100)
    norms = np.linalg.norm(result.weights, axis=1)
    assert np.allclose(norms, np.linalg.norm(w0), rtol=1e-12)


def test_divisive_converges_to_principal_axis(ensemble_2d):
    q = ensemble_2d.covariance
    _, principal = hb.principal_eigenvector(q)
    result = hb.learn_averaged(q, np.array([0.5, 0.5]), 0.1, 2000, constraint="divisive")
    # The other mode decays as exp(-(lam1 - lam2) t) = exp(-0.21 * 200), far below 1e-9.
    assert abs(hb.cosine(result.final, principal)) > 1 - 1e-9


@pytest.mark.parametrize("bounds", [(0.0, 1.0), (-np.inf, np.inf)])
def test_subtractive_conserves_sum(ensemble_8d, bounds):
    inputs, _ = ensemble_8d.sample(1000, rng=2)
    w0 = np.full(8, 0.5)
    w0[:4] += 0.01
    w0[4:] -= 0.01
    result = hb.learn_online(inputs, w0, 0.05, "covariance", "subtractive",
                             input_mean=ensemble_8d.mean, w_min=bounds[0], w_max=bounds[1],
                             record_every=100)
    sums = result.weights.sum(axis=1)
    # Without bounds the weights grow exponentially inside the plane of constant sum, and
    # rounding then scales with their size: allow 1e-12 of the largest weight per input.
    # Bisection over 100 halvings adds far less than that.
    scale = np.abs(result.weights).max(axis=1) * len(w0)
    assert np.all(np.abs(sums - w0.sum()) <= 1e-9 + 1e-12 * scale)
    if np.isfinite(bounds[0]):
        assert result.weights.min() >= bounds[0]
        assert result.weights.max() <= bounds[1]


def test_subtractive_drives_weights_to_bounds(ensemble_8d):
    w0 = np.full(8, 0.5) + 0.01 * np.array([1, -1, 1, -1, 1, -1, 1, -1])
    result = hb.learn_averaged(ensemble_8d.covariance, w0, 0.2, 1000,
                               constraint="subtractive", w_min=0.0, w_max=1.0)
    # The sum is 4 = 4 * w_max, so every weight can sit at a bound.
    assert hb.fraction_at_bounds(result.final, 0.0, 1.0) == 1.0
    assert result.final.sum() == pytest.approx(4.0, abs=1e-9)


def test_hard_bounds_end_depends_on_start(ensemble_2d):
    q = ensemble_2d.covariance
    _, principal = hb.principal_eigenvector(q)
    ends = []
    for sign in (1.0, -1.0):
        w0 = np.array([0.5, 0.5]) + sign * 0.1 * principal
        result = hb.learn_averaged(q, w0, 0.1, 5000, constraint="hard", w_min=0.0, w_max=1.0)
        assert hb.fraction_at_bounds(result.final, 0.0, 1.0) == 1.0
        ends.append(result.final)
    assert not np.allclose(ends[0], ends[1])


def test_oja_averaged_fixed_point(ensemble_8d):
    q = ensemble_8d.covariance
    _, principal = hb.principal_eigenvector(q)
    result = hb.learn_averaged(q, np.full(8, 0.1), 0.05, 20_000, rule="oja")
    assert np.linalg.norm(result.final) == pytest.approx(1.0, abs=1e-9)
    assert abs(hb.cosine(result.final, principal)) > 1 - 1e-9


@pytest.mark.slow
def test_oja_online_converges(ensemble_8d):
    inputs, _ = ensemble_8d.sample(40_000, rng=3)
    _, principal = hb.principal_eigenvector(ensemble_8d.covariance)
    result = hb.learn_online(inputs, np.full(8, 0.1), 0.005, "oja",
                             input_mean=ensemble_8d.mean, record_every=400)
    final = result.weights[-10:].mean(axis=0)
    # Single steps leave fluctuations of relative size about sqrt(eta) = 0.07 (an estimate).
    # The mean of 10 records spread over 4000 steps is much tighter than the tolerances.
    assert abs(hb.cosine(final, principal)) > 0.99
    assert np.linalg.norm(final) == pytest.approx(1.0, abs=0.02)


def test_bcm_noise_free_fixed_point_is_stationary():
    patterns = np.eye(3)[:, :] + 0.2
    ensemble = hb.mixture_ensemble(patterns, 0.0, probabilities=[0.5, 0.3, 0.2])
    responses, theta = hb.bcm_selective_fixed_point(ensemble.probabilities, 1)
    assert theta == pytest.approx(1 / 0.3)
    w = np.linalg.solve(patterns, responses)
    assert hb.bcm_threshold(w, ensemble) == pytest.approx(theta, rel=1e-12)
    assert np.allclose(hb.bcm_drift(w, theta, ensemble), 0.0, atol=1e-12)


def test_bcm_noisy_fixed_point_solves_drift(ensemble_2d):
    w, theta = hb.bcm_fixed_point(ensemble_2d, 1)
    assert np.allclose(hb.bcm_drift(w, theta, ensemble_2d), 0.0, atol=1e-10)
    responses = ensemble_2d.patterns @ w
    # Noise of std 0.15 shifts the noise-free responses (0, 2) by a few percent.
    assert responses[1] == pytest.approx(2.0, rel=0.05)
    assert abs(responses[0]) < 0.1


@pytest.mark.slow
def test_bcm_online_becomes_selective():
    patterns = np.eye(3) + 0.2
    ensemble = hb.mixture_ensemble(patterns, 0.0)
    inputs, _ = ensemble.sample(60_000, rng=4)
    result = hb.learn_online(inputs, np.array([0.3, 0.2, 0.1]), 0.002, "bcm",
                             theta_rate=0.02, record_every=500)
    responses = patterns @ result.weights[-40:].mean(axis=0)
    assert hb.selectivity_index(responses) > 0.6
    # The fixed point is y = 1 / pi = 3. Averaged over the last 20000 steps, the response
    # scattered by 0.9 % (std over 20 seeds) around 2.99, so 5 % is about 5 std.
    assert responses.max() == pytest.approx(3.0, rel=0.05)


def test_bcm_matches_python_loop():
    rng = np.random.default_rng(5)
    inputs = rng.uniform(0, 1, size=(50, 3))
    w = np.array([0.2, 0.1, 0.3])
    theta = 0.05
    result = hb.learn_online(inputs, w, 0.01, "bcm", theta0=theta, theta_rate=0.1)
    for x in inputs:
        y = w @ x
        w = w + 0.01 * x * y * (y - theta)
        theta += 0.1 * (y * y - theta)
    assert np.allclose(result.final, w, rtol=1e-12)
    assert result.threshold[-1] == pytest.approx(theta, rel=1e-12)


def test_selectivity_index_limits():
    assert hb.selectivity_index([1.0, 1.0, 1.0, 1.0]) == pytest.approx(0.0)
    assert hb.selectivity_index([2.0, 0.0, 0.0, 0.0]) == pytest.approx(0.75)
    assert hb.selectivity_index([2.0, -1.0]) == pytest.approx(0.5)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"rate": 0.0}, "`rate` = 0.0"),
        ({"rate": 2.0}, "`rate` = 2.0"),
        ({"rule": "anti"}, "`rule` = 'anti'"),
        ({"constraint": "soft"}, "`constraint` = 'soft'"),
        ({"rule": "covariance"}, "`input_mean` is missing"),
        ({"input_mean": [0.0, 0.0]}, "`input_mean` is invalid for rule 'hebb'"),
        ({"constraint": "hard", "w_min": 0.0, "w_max": 0.4}, "every initial weight must lie"),
        ({"constraint": "subtractive", "w_min": 0.0}, "give both bounds finite"),
        ({"w_min": 1.0, "w_max": 0.0}, "need w_min < w_max"),
        ({"theta_rate": 0.0}, "`theta_rate` = 0.0"),
        ({"w0": [0.5]}, "`w0` with shape"),
    ],
)
def test_learn_online_rejects_invalid(kwargs, message):
    arguments = {"inputs": np.ones((5, 2)), "w0": [0.5, 0.5], "rate": 0.1}
    arguments.update(kwargs)
    with pytest.raises(ValueError, match=message):
        hb.learn_online(**arguments)


def test_validation_of_ensembles_and_solutions():
    with pytest.raises(ValueError, match="sum to"):
        hb.mixture_ensemble(PATTERNS_2D, 0.01, probabilities=[0.5, 0.6])
    with pytest.raises(ValueError, match="smallest eigenvalue"):
        hb.mixture_ensemble(PATTERNS_2D, [[1.0, 2.0], [2.0, 1.0]])
    with pytest.raises(ValueError, match="`noise_covariance` = -1.0"):
        hb.mixture_ensemble(PATTERNS_2D, -1.0)
    with pytest.raises(ValueError, match="`t` ="):
        hb.averaged_solution(np.eye(2), [1.0, 0.0], -1.0)
    with pytest.raises(ValueError, match="averaged dynamics support"):
        hb.learn_averaged(np.eye(2), [1.0, 0.0], 0.1, 10, rule="bcm")
    with pytest.raises(ValueError, match="symmetric"):
        hb.learn_averaged([[1.0, 0.5], [0.0, 1.0]], [1.0, 0.0], 0.1, 10)
    with pytest.raises(ValueError, match="norm must be > 0"):
        hb.learn_averaged(np.eye(2), [0.0, 0.0], 0.1, 10, constraint="divisive")
