"""Tests of plastlib.exercises.retention: reference answers pass, typical mistakes are named."""

import pytest

from plastlib import retention
from plastlib.exercises import retention as check

# The chapter's reduced bistable model.
WELL = dict(w_barrier=0.48, w_max=1.0, u_max=-1e-5)
DIFFUSION = 2e-5
REDUCED = 0.8 * DIFFUSION


def correlation_time(times):
    return retention.switching_correlation_time(*times)


TAU_OLD = correlation_time(check.kramers_times(**WELL, diffusion=DIFFUSION))
TAU_NEW = correlation_time(check.kramers_times(**WELL, diffusion=REDUCED))
GROWTH = TAU_NEW / TAU_OLD
TAU_EXACT = correlation_time(check.exact_times(**WELL, diffusion=REDUCED))


def test_kramers_times_match_escape_formula():
    # Independent evaluation from the curvatures of U(w) = w^2 (c2 + c3 w + c4 w^2).
    c2, c3, c4 = retention.quartic_double_well(0.48, 1.0, -1e-5)
    barrier_top = retention.quartic_potential(0.48, (c2, c3, c4))
    curvature_barrier = 2 * c2 + 6 * c3 * 0.48 + 12 * c4 * 0.48**2
    up = retention.kramers_escape_time(2 * c2, curvature_barrier, barrier_top, DIFFUSION)
    assert check.kramers_times(**WELL, diffusion=DIFFUSION)[0] == pytest.approx(up, rel=1e-12)


def test_barrier_reference_passes():
    assert check.check_barrier(GROWTH, TAU_EXACT)


@pytest.mark.slow
def test_barrier_simulated_answer_passes():
    # The solution's simulation: 60 times T_up + T_down at the reduced D.
    coefficients = retention.quartic_double_well(**WELL)
    low, high = retention.simulate_double_well(
        coefficients, REDUCED, 60 * sum(check.kramers_times(**WELL, diffusion=REDUCED)), rng=3)
    tau = retention.switching_correlation_time(low.mean(), high.mean())
    assert check.check_barrier(GROWTH, tau)


@pytest.mark.parametrize("growth, words", [
    (1 / GROWTH, "inverse"),
    (1.25, "exponent"),
    (check.kramers_times(**WELL, diffusion=REDUCED)[0]
     / check.kramers_times(**WELL, diffusion=DIFFUSION)[0], "one escape time"),
    (GROWTH * 1.1, "too large"),
])
def test_barrier_wrong_growth_named(growth, words):
    feedback = check.check_barrier(growth, TAU_EXACT)
    assert not feedback
    assert words in str(feedback)


def test_barrier_halved_diffusion_named():
    tau_half = correlation_time(check.kramers_times(**WELL, diffusion=0.5 * DIFFUSION))
    feedback = check.check_barrier(tau_half / TAU_OLD, TAU_EXACT)
    assert not feedback
    assert "halved" in str(feedback)


def test_barrier_wrong_tau_named():
    tau_old_exact = correlation_time(check.exact_times(**WELL, diffusion=DIFFUSION))
    sum_exact = sum(check.exact_times(**WELL, diffusion=REDUCED))
    cases = [(TAU_EXACT / 1e3, "seconds"), (tau_old_exact, "original diffusion"),
             (sum_exact, "T_up + T_down"), (2 * TAU_EXACT, "too large")]
    for tau, words in cases:
        feedback = check.check_barrier(GROWTH, tau)
        assert not feedback, tau
        assert words in str(feedback), str(feedback)


def test_barrier_reports_bad_type():
    feedback = check.check_barrier(GROWTH, "long")
    assert not feedback
    assert "must be a number" in str(feedback)
