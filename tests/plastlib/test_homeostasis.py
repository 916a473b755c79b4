"""Tests of plastlib.homeostasis against closed forms of the linear stability analysis."""

import numpy as np
import pytest
import sympy as sp

from plastlib import homeostasis

TAU1, TAU2 = 1.0, 50.0  # ms, the rate and calcium-filter time constants of the chapter


def test_cubic_coefficients_match_expansion():
    w, tau3 = 0.5, 200.0
    coefficients = homeostasis.characteristic_polynomial(w, [TAU1, TAU2, tau3])
    expected = [TAU1 * TAU2 * tau3, tau3 * ((1 - w) * TAU2 + TAU1), tau3 * (1 - w), 1.0]
    np.testing.assert_allclose(coefficients, expected, rtol=1e-12)


@pytest.mark.parametrize("w", [0.0, 0.5, 0.99, 0.9999])
def test_critical_tau_matches_routh_hurwitz(w):
    # Routh-Hurwitz for a3 l^3 + a2 l^2 + a1 l + a0: stable iff a2 a1 > a3 a0, which gives
    # tau3 > tau1 tau2 / ((1 - w) ((1 - w) tau2 + tau1)).
    expected = TAU1 * TAU2 / ((1 - w) * ((1 - w) * TAU2 + TAU1))
    found = homeostasis.critical_tau(w, [TAU1, TAU2])
    assert found == pytest.approx(expected, rel=1e-7)


@pytest.mark.parametrize("w", [0.0, 0.99, 0.9999])
def test_oscillation_free_tau_matches_discriminant(w):
    lam, tau3 = sp.symbols("lambda tau3", positive=True)
    tau1, tau2 = sp.nsimplify(TAU1), sp.nsimplify(TAU2)  # exact, for an accurate discriminant
    polynomial = (1 - sp.Rational(str(w)) + tau1 * lam) * (1 + tau2 * lam) * tau3 * lam + 1
    discriminant = sp.Poly(sp.discriminant(sp.expand(polynomial), lam), tau3)
    largest_root = max(float(root) for root in sp.real_roots(discriminant))
    found = homeostasis.critical_tau(w, [TAU1, TAU2], oscillation_free=True)
    assert found == pytest.approx(largest_root, rel=1e-6)


def test_two_stage_controller_always_stable():
    # K = 2: tau1 tau2 l^2 + (1 - w) tau2 l + 1 has positive coefficients, so it is stable
    # for every tau2 > 0.
    assert homeostasis.critical_tau(0.3, [TAU1]) == 0.0


def test_classify_mode_regions():
    assert homeostasis.classify_mode(0.0, [TAU1, TAU2, 0.5]) == "unstable"
    assert homeostasis.classify_mode(0.0, [TAU1, TAU2, 10.0]) == "stable, oscillating"
    assert homeostasis.classify_mode(0.0, [TAU1, TAU2, 1000.0]) == "stable"


@pytest.mark.parametrize("taus", [[TAU1, TAU2, 300.0], [TAU1, 20.0, TAU2, 800.0]])
def test_network_matrix_decouples_into_modes(taus):
    rng = np.random.default_rng(3)
    raw = rng.normal(size=(5, 5))
    weights = 0.2 * (raw + raw.T)
    matrix_eigenvalues = np.linalg.eigvals(homeostasis.system_matrix(weights, taus))
    mode_eigenvalues = np.concatenate(
        [homeostasis.mode_eigenvalues(w, taus) for w in np.linalg.eigvalsh(weights)]
    )
    key = np.lexsort
    sorted_matrix = matrix_eigenvalues[key((matrix_eigenvalues.imag, matrix_eigenvalues.real))]
    sorted_modes = mode_eigenvalues[key((mode_eigenvalues.imag, mode_eigenvalues.real))]
    np.testing.assert_allclose(sorted_matrix, sorted_modes, rtol=1e-6, atol=1e-9)


@pytest.mark.parametrize("drive", [2.0, 8.0, 30.0])
def test_perfect_adaptation(drive):
    goal = 5.0
    result = homeostasis.simulate([[0.0]], [TAU1, TAU2, 500.0], goal, [drive],
                                  duration=20_000.0, sample_interval=5.0)
    # Slowest eigenvalue of this controller decays in about 1/|Re lambda| ~ 1 s; after 20 s the
    # remaining error is below 1e-6 of the goal.
    assert result.rates[-1, 0] == pytest.approx(goal, rel=1e-6)
    # The threshold absorbs the drive: r3 = u - goal at steady state.
    assert result.states[-1, -1, 0] == pytest.approx(drive - goal, rel=1e-6)


@pytest.mark.parametrize("sign", [1.0, -1.0])
def test_mode_decays_at_its_eigenvalue(sign):
    coupling = 0.45
    weights = np.array([[0.0, coupling], [coupling, 0.0]])  # eigenvectors (1, +-1)
    taus = [TAU1, TAU2, 2000.0]
    goal, drive = 5.0, np.array([5.0, 5.0])
    fixed_point = np.array([[goal, goal], [goal, goal], drive - (np.eye(2) - weights) @ [goal, goal]])
    perturbation = np.zeros((3, 2))
    perturbation[2] = [1.0, sign]  # threshold pushed along the mode with w = sign * coupling
    result = homeostasis.simulate(weights, taus, goal, drive, duration=20_000.0,
                                  sample_interval=10.0, initial=fixed_point + perturbation)
    deviation = np.abs(result.states - fixed_point).max(axis=(1, 2))
    late = slice(len(deviation) // 2, None)
    measured = np.polyfit(result.time[late], np.log(deviation[late]), 1)[0]
    predicted = homeostasis.mode_eigenvalues(sign * coupling, taus)[0].real
    assert measured == pytest.approx(predicted, rel=0.01)


def test_time_varying_input_is_used():
    result = homeostasis.simulate([[0.0]], [TAU1, TAU2, 500.0], 5.0,
                                  lambda t: [10.0 if t < 10_000 else 20.0],
                                  duration=20_000.0, sample_interval=5.0)
    index_step = int(10_000 / 5.0)
    assert result.rates[index_step + 20, 0] > 10.0  # transient overshoot after the step
    assert result.rates[-1, 0] == pytest.approx(5.0, rel=1e-4)


def test_invalid_arguments():
    with pytest.raises(ValueError, match=r"`w` = 1.0 is invalid"):
        homeostasis.critical_tau(1.0, [TAU1, TAU2])
    with pytest.raises(ValueError, match=r"taus\[1\] \(tau_2\)"):
        homeostasis.characteristic_polynomial(0.0, [TAU1, -5.0, 10.0])
    with pytest.raises(ValueError, match="at least two time constants"):
        homeostasis.characteristic_polynomial(0.0, [TAU1])
    with pytest.raises(ValueError, match="square matrix"):
        homeostasis.system_matrix(np.zeros((2, 3)), [TAU1, TAU2])
    with pytest.raises(ValueError, match=r"`duration` = -1.0 ms is invalid"):
        homeostasis.simulate([[0.0]], [TAU1, TAU2, 10.0], 5.0, [1.0], -1.0, 1.0)
    with pytest.raises(ValueError, match=r"`taus` = \[\] is invalid"):
        homeostasis.critical_tau(0.0, [])
    with pytest.raises(ValueError, match="NaN or infinite"):
        homeostasis.simulate([[np.nan]], [TAU1, TAU2, 500.0], 5.0, [10.0], 100.0, 1.0)
    with pytest.raises(ValueError, match=r"`inputs` has shape \(2,\)"):
        homeostasis.simulate([[0.0]], [TAU1, TAU2, 500.0], 5.0, [10.0, 10.0], 100.0, 1.0)
    with pytest.raises(ValueError, match="too small"):
        homeostasis.critical_tau(0.9999, [TAU1, TAU2], oscillation_free=True, upper=1e3)
