"""Checks for the coding exercises of the chapter on memory retention (``retention``).

Each ``check_*`` function takes the answer a student computed in the chapter,
computes its own reference with :mod:`plastlib.retention` and the chapter's
parameters, and returns a :class:`~plastlib.exercises.Feedback` that names the
likely mistake without revealing the expected value.

Functions
---------
check_barrier
    Exercise ``ret-ex-barrier``: growth of the Kramers correlation time when
    the diffusion constant drops, and the simulated correlation time.
"""

import math

from plastlib import retention
from plastlib.exercises._feedback import Feedback

__all__ = ["kramers_times", "exact_times", "check_barrier"]


def _curvature(coefficients, w):
    c2, c3, c4 = coefficients
    return 2 * c2 + 6 * c3 * w + 12 * c4 * w * w


def kramers_times(w_barrier, w_max, u_max, diffusion):
    """Return Kramers' escape times ``(T_up, T_down)`` of the quartic double well, in ms.

    Parameters
    ----------
    w_barrier, w_max : float
        Barrier and upper minimum of the potential (dimensionless weights).
    u_max : float
        Potential of the upper minimum, in weight**2 per ms.
    diffusion : float
        Diffusion constant ``D``, in weight**2 per ms.
    """
    coefficients = retention.quartic_double_well(w_barrier, w_max, u_max)
    top = float(retention.quartic_potential(w_barrier, coefficients))
    curvature_barrier = _curvature(coefficients, w_barrier)
    times = []
    for w_min in (0.0, w_max):
        barrier = top - float(retention.quartic_potential(w_min, coefficients))
        times.append(retention.kramers_escape_time(_curvature(coefficients, w_min),
                                                   curvature_barrier, barrier, diffusion))
    return tuple(times)


def exact_times(w_barrier, w_max, u_max, diffusion):
    """Return the exact mean passage times ``(T_up, T_down)`` between the switch thresholds, in ms.

    The thresholds are those of :func:`plastlib.retention.simulate_double_well`:
    halfway between the barrier and each minimum.
    """
    coefficients = retention.quartic_double_well(w_barrier, w_max, u_max)

    def potential(x):
        return retention.quartic_potential(x, coefficients)

    def mirrored(x):
        return retention.quartic_potential(w_max - x, coefficients)

    far_tail = -0.5 * w_max
    up = retention.mean_first_passage_time(potential, diffusion, w_barrier / 2,
                                           (w_barrier + w_max) / 2, far_tail)
    down = retention.mean_first_passage_time(mirrored, diffusion, (w_max - w_barrier) / 2,
                                             w_max - w_barrier / 2, far_tail)
    return up, down


def check_barrier(growth_factor, tau_simulated, w_barrier=0.48, w_max=1.0, u_max=-1e-5,
                  diffusion=2e-5, reduction=0.2):
    """Check the answers of exercise ``ret-ex-barrier`` (lower noise, longer memory).

    Parameters
    ----------
    growth_factor : float
        The student's ratio of the Kramers correlation time ``tau`` at the
        reduced diffusion constant ``(1 - reduction) D`` to ``tau`` at ``D``
        (dimensionless, ``tau = T_up T_down / (T_up + T_down)``).
    tau_simulated : float
        The correlation time at the reduced diffusion constant, in ms, from the
        mean dwell times of :func:`plastlib.retention.simulate_double_well`
        over 60 times ``T_up + T_down``.
    w_barrier, w_max, u_max, diffusion : float
        The chapter's ``W_BARRIER``, ``W_MAX``, ``U_MAX`` (weight**2 per ms) and
        ``DIFFUSION`` (weight**2 per ms).
    reduction : float
        Relative reduction of the diffusion constant (exercise: 0.2).

    Returns
    -------
    Feedback
        Passed when the growth factor matches Kramers' formula to 1e-3 and the
        simulated correlation time lies within 40 % of the exact passage times.
    """
    feedback = Feedback("ret-ex-barrier")
    growth = feedback.number("growth_factor", growth_factor)
    tau = feedback.number("tau_simulated", tau_simulated)
    if growth is None or tau is None:
        return feedback

    reduced = (1 - reduction) * diffusion
    up_old, down_old = kramers_times(w_barrier, w_max, u_max, diffusion)
    up_new, down_new = kramers_times(w_barrier, w_max, u_max, reduced)
    tau_old = retention.switching_correlation_time(up_old, down_old)
    tau_new = retention.switching_correlation_time(up_new, down_new)
    expected_growth = tau_new / tau_old

    def matches(value, target, rtol=1e-3):
        return math.isclose(value, target, rel_tol=rtol)

    # The growth factor is a closed form: only rounding separates a correct
    # answer from the reference.
    if matches(growth, expected_growth):
        pass
    elif matches(growth, 1 / expected_growth):
        feedback.fail("`growth_factor` is below 1, the inverse of the growth: divide the new "
                      "correlation time by the old one. Less noise makes memories last longer.")
    elif matches(growth, 1 / (1 - reduction)):
        feedback.fail("`growth_factor` is the growth of the exponent 2 dU / D, not of the "
                      "time: the exponent enters through exp(2 dU / D).")
    elif matches(growth, up_new / up_old) or matches(growth, down_new / down_old):
        feedback.fail("`growth_factor` is the growth of one escape time only. The correlation "
                      "time combines both, tau = T_up T_down / (T_up + T_down).")
    elif matches(growth, (up_new + down_new) / (up_old + down_old)):
        feedback.fail("`growth_factor` uses T_up + T_down. The correlation time is "
                      "T_up T_down / (T_up + T_down).")
    else:
        half = kramers_times(w_barrier, w_max, u_max, 0.5 * diffusion)
        if matches(growth, retention.switching_correlation_time(*half) / tau_old):
            feedback.fail("`growth_factor` is the growth for D halved. The exercise reduces D "
                          f"by {reduction:.0%}, to {1 - reduction:g} D.")
        else:
            feedback.close("growth_factor", growth, expected_growth, rtol=1e-3,
                           hint="Evaluate Kramers' formula for both wells at both values of D.")

    # The run gives 50 to 60 dwells per well (53 with the chapter's seed), so each
    # mean dwell time has a relative standard error near 1/sqrt(55) = 13.5 %, and tau,
    # a weighted combination of the two means, at most that. 40 % is 3 standard errors.
    tau_exact = retention.switching_correlation_time(
        *exact_times(w_barrier, w_max, u_max, reduced))
    tolerance = 0.4
    if abs(tau - tau_exact) <= tolerance * tau_exact:
        return feedback
    if abs(tau * 1e3 - tau_exact) <= tolerance * tau_exact:
        return feedback.fail("`tau_simulated` seems to be in seconds. Pass it in ms.")
    tau_exact_old = retention.switching_correlation_time(
        *exact_times(w_barrier, w_max, u_max, diffusion))
    if abs(tau - tau_exact_old) <= tolerance * tau_exact_old:
        return feedback.fail("`tau_simulated` matches the original diffusion constant. Pass "
                             f"{1 - reduction:g} * DIFFUSION to `simulate_double_well`.")
    sum_exact = sum(exact_times(w_barrier, w_max, u_max, reduced))
    if abs(tau - sum_exact) <= tolerance * sum_exact:
        return feedback.fail("`tau_simulated` is close to T_up + T_down. Combine the mean "
                             "dwell times with `retention.switching_correlation_time`.")
    feedback.close("tau_simulated", tau, tau_exact, rtol=tolerance,
                   hint="Combine the mean dwell times of both wells with "
                        "`retention.switching_correlation_time`.")
    return feedback
