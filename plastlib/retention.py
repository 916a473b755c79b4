"""Langevin, Fokker-Planck and Kramers descriptions of how plastic weights forget.

A weight under ongoing plasticity obeys the Langevin equation
``w(t + dt) = w(t) + A(w) dt + sqrt(D dt) xi`` with ``xi`` standard normal. With
a linear restoring drift ``A(w) = -alpha (w - w*)`` (weight-dependent STDP) the
autocorrelation of a weight decays as ``exp(-alpha t)``. With a bistable drift
(additive STDP) a weight sits in one of two wells of the potential
``U(w) = -int A dw`` and switches rarely, at times given by Kramers' formula.

Public functions
----------------
:func:`quartic_double_well`
    Coefficients of ``U(w) = w**2 (c2 + c3 w + c4 w**2)`` with minima at 0 and
    ``w_max`` and a barrier at ``w_barrier``.
:func:`simulate_double_well`
    Euler-Maruyama simulation of ``dw = -U'(w) dt + sqrt(D) dB``; returns the
    dwell times in each well.
:func:`simulate_double_well_trajectory`
    The same simulation, returning the weight sampled at regular intervals.
:func:`kramers_escape_time`, :func:`mean_first_passage_time`
    Escape time over a barrier: Kramers' asymptotic formula and the exact
    one-dimensional integral.
:func:`switching_correlation_time`
    Correlation time ``T_up T_down / (T_up + T_down)`` of a two-state process.
:func:`weight_autocorrelation`
    Autocorrelation of weights across synapses from snapshots.
:func:`restoring_rate`
    Decay rate ``alpha = -A'(w*)`` of the STDP drift at its fixed point.

References
----------
Kramers HA (1940) Brownian motion in a field of force and the diffusion model of
chemical reactions. Physica 7:284-304.
van Rossum MCW, Bi GQ, Turrigiano GG (2000) J Neurosci 20:8812-8821.
Billings G, van Rossum MCW (2009) Memory retention and spike-timing-dependent
plasticity. J Neurophysiol 101:2775-2788.
"""

import math

import numba
import numpy as np

from plastlib import stdp
from plastlib._validation import (
    as_generator,
    check_integer,
    check_positive,
    check_range,
    kernel_seed,
)

__all__ = [
    "quartic_double_well",
    "quartic_potential",
    "simulate_double_well",
    "simulate_double_well_trajectory",
    "kramers_escape_time",
    "mean_first_passage_time",
    "switching_correlation_time",
    "weight_autocorrelation",
    "restoring_rate",
]


def quartic_double_well(w_barrier, w_max, u_max):
    """Return ``(c2, c3, c4)`` of the quartic potential ``U(w) = w**2 (c2 + c3 w + c4 w**2)``.

    ``U`` has a minimum ``U(0) = 0``, a maximum at ``w_barrier`` and a minimum
    ``U(w_max) = u_max``. From ``U'(w) = 4 c4 w (w - w_barrier)(w - w_max)``::

        c4 = 3 u_max / (w_max**3 (2 w_barrier - w_max))
        c3 = -4 c4 (w_barrier + w_max) / 3
        c2 = 2 c4 w_barrier w_max

    Parameters
    ----------
    w_barrier : float
        Position of the barrier, in (0, w_max) (dimensionless weight).
    w_max : float
        Position of the upper minimum (> 0).
    u_max : float
        Potential at the upper minimum, in units of weight**2 per ms. It must
        have the sign of ``2 w_barrier - w_max`` so that both ends are minima.
    """
    w_max = check_positive("w_max", w_max)
    w_barrier = check_range("w_barrier", w_barrier, 0.0, w_max, low_open=True, high_open=True)
    u_max = float(u_max)
    denominator = w_max**3 * (2 * w_barrier - w_max)
    if denominator == 0 or 3 * u_max / denominator <= 0:
        raise ValueError(f"`u_max` = {u_max} is invalid for w_barrier = {w_barrier} and "
                         f"w_max = {w_max}: it must have the sign of 2 w_barrier - w_max "
                         f"= {2 * w_barrier - w_max} (and be nonzero)")
    c4 = 3 * u_max / denominator
    return 2 * c4 * w_barrier * w_max, -4 * c4 * (w_barrier + w_max) / 3, c4


def quartic_potential(w, coefficients):
    """Return ``U(w) = w**2 (c2 + c3 w + c4 w**2)`` for ``coefficients = (c2, c3, c4)``."""
    c2, c3, c4 = coefficients
    w = np.asarray(w, dtype=float)
    return w**2 * (c2 + c3 * w + c4 * w**2)


@numba.njit(cache=True)
def _double_well_kernel(c2, c3, c4, diffusion, dt, n_steps, w0, low_threshold,
                        high_threshold, dwell_low, dwell_high, seed):
    np.random.seed(seed)
    noise = math.sqrt(diffusion * dt)
    w = w0
    state = 0 if w0 < 0.5 * (low_threshold + high_threshold) else 1
    entered = 0.0
    first = True
    n_low = 0
    n_high = 0
    for step in range(n_steps):
        force = -(2 * c2 * w + 3 * c3 * w * w + 4 * c4 * w * w * w)
        w += force * dt + noise * np.random.standard_normal()
        t = (step + 1) * dt

        # A switch is counted when the weight reaches the far threshold, so that
        # recrossings of the barrier top are not counted (hysteresis).
        if state == 0 and w > high_threshold:
            if not first and n_low < dwell_low.shape[0]:
                dwell_low[n_low] = t - entered
                n_low += 1
            state, entered, first = 1, t, False
        elif state == 1 and w < low_threshold:
            if not first and n_high < dwell_high.shape[0]:
                dwell_high[n_high] = t - entered
                n_high += 1
            state, entered, first = 0, t, False
    return n_low, n_high


def _check_double_well(coefficients, dt):
    """Validate the quartic's coefficients and the step; return ``c2, c3, c4, w_b, w_max, dt``.

    The default step is 1/50 of the fastest relaxation time ``1 / max |U''|``
    at the minima and the barrier; a step above 1/5 of it is rejected.
    """
    c2, c3, c4 = (float(c) for c in coefficients)
    if c4 <= 0 or c2 <= 0:
        raise ValueError(f"`coefficients` = {coefficients} is invalid: c2 and c4 must be > 0 "
                         "for minima at 0 and w_max")
    # U'(w) = 4 c4 w (w - a)(w - b): the barrier a and the upper minimum b.
    roots = np.sort(np.roots([4 * c4, 3 * c3, 2 * c2]).real)
    w_barrier, w_max = roots
    curvatures = [abs(2 * c2 + 6 * c3 * x + 12 * c4 * x * x) for x in (0.0, w_barrier, w_max)]
    if dt is None:
        dt = 1.0 / (50 * max(curvatures))
    dt = check_range("dt", dt, 0.0, 0.2 / max(curvatures), "ms", low_open=True)
    return c2, c3, c4, float(w_barrier), float(w_max), dt


def simulate_double_well(coefficients, diffusion, duration, dt=None, w0=0.0,
                         thresholds=None, rng=None):
    """Simulate ``dw = -U'(w) dt + sqrt(diffusion) dB`` in a quartic double well.

    Parameters
    ----------
    coefficients : tuple of float
        ``(c2, c3, c4)`` from :func:`quartic_double_well`.
    diffusion : float
        Diffusion constant ``D`` in weight**2 per ms (the variance of the
        increment in ``dt`` is ``D dt``).
    duration : float
        Simulated time, in ms.
    dt : float, optional
        Euler-Maruyama step, in ms (default: a 1/50 of the fastest relaxation
        time ``1 / max |U''|`` at the minima and the barrier).
    w0 : float
        Initial weight.
    thresholds : tuple of float, optional
        ``(low, high)``: the weight counts as having switched to the upper well
        when it exceeds ``high`` and to the lower well when it falls below
        ``low`` (default: halfway between the barrier and each minimum).
    rng : int, numpy.random.Generator or None
        Seed or generator.

    Returns
    -------
    dwell_low, dwell_high : numpy.ndarray
        Completed dwell times in the lower and upper well, in ms. The first,
        incomplete dwell is discarded.
    """
    c2, c3, c4, w_barrier, w_max, dt = _check_double_well(coefficients, dt)
    diffusion = check_positive("diffusion", diffusion)
    duration = check_positive("duration", duration, "ms")
    if thresholds is None:
        thresholds = (w_barrier / 2, (w_barrier + w_max) / 2)
    low, high = (float(x) for x in thresholds)
    check_range("thresholds[0]", low, 0.0, w_barrier)
    check_range("thresholds[1]", high, w_barrier, w_max)
    n_steps = check_integer("n_steps", int(duration / dt), minimum=1)
    # A dwell lasts at least one step, so n_steps bounds the count; 10**6 bounds the memory.
    capacity = min(n_steps, 10**6)
    dwell_low = np.empty(capacity)
    dwell_high = np.empty(capacity)
    n_low, n_high = _double_well_kernel(c2, c3, c4, diffusion, dt, n_steps, float(w0), low,
                                        high, dwell_low, dwell_high,
                                        kernel_seed(as_generator(rng)) % 2**32)
    return dwell_low[:n_low], dwell_high[:n_high]


@numba.njit(cache=True)
def _trajectory_kernel(c2, c3, c4, dt, w, noise, stride, offset, record):
    # Euler-Maruyama steps with precomputed noise increments; every `stride`-th
    # state (counted from the start of the run, `offset` steps ago) is recorded.
    n_recorded = 0
    for step in range(noise.shape[0]):
        force = -(2 * c2 * w + 3 * c3 * w * w + 4 * c4 * w * w * w)
        w += force * dt + noise[step]
        if (offset + step + 1) % stride == 0:
            record[n_recorded] = w
            n_recorded += 1
    return w, n_recorded


def simulate_double_well_trajectory(coefficients, diffusion, duration, dt=None, w0=0.0,
                                    record_interval=1000.0, rng=None):
    """Simulate ``dw = -U'(w) dt + sqrt(diffusion) dB`` and return the sampled weight.

    The dynamics are those of :func:`simulate_double_well`; this function
    returns the path instead of the dwell times, for plotting.

    Parameters
    ----------
    coefficients : tuple of float
        ``(c2, c3, c4)`` from :func:`quartic_double_well`.
    diffusion : float
        Diffusion constant ``D`` in weight**2 per ms.
    duration : float
        Simulated time, in ms.
    dt : float, optional
        Euler-Maruyama step, in ms (default as in :func:`simulate_double_well`).
    w0 : float
        Initial weight (dimensionless).
    record_interval : float
        Time between samples, in ms; rounded to a whole number of steps.
    rng : int, numpy.random.Generator or None
        Seed or generator of the noise.

    Returns
    -------
    time : numpy.ndarray
        Sample times, in ms, starting at 0.
    weight : numpy.ndarray
        The weight at those times (dimensionless).

    Notes
    -----
    The noise is drawn by the generator outside the compiled kernel, in
    chunks of at most one million steps, so a seed gives the same path with
    and without ``NUMBA_DISABLE_JIT=1``.
    """
    c2, c3, c4, _, _, dt = _check_double_well(coefficients, dt)
    diffusion = check_positive("diffusion", diffusion)
    duration = check_positive("duration", duration, "ms")
    record_interval = check_positive("record_interval", record_interval, "ms")
    w0 = float(w0)
    n_steps = check_integer("n_steps", int(duration / dt), minimum=1)
    stride = max(1, int(round(record_interval / dt)))
    generator = as_generator(rng)

    record = np.empty(n_steps // stride + 1)
    record[0] = w0
    n_recorded = 1
    w = w0
    noise_scale = math.sqrt(diffusion * dt)
    chunk = 10**6
    for first in range(0, n_steps, chunk):
        noise = noise_scale * generator.standard_normal(min(chunk, n_steps - first))
        w, count = _trajectory_kernel(c2, c3, c4, dt, w, noise, stride, first,
                                      record[n_recorded:])
        n_recorded += count
    weight = record[:n_recorded]
    return np.arange(n_recorded) * stride * dt, weight


def kramers_escape_time(curvature_min, curvature_barrier, barrier, diffusion):
    """Return Kramers' mean escape time over a barrier, in ms.

    For ``dw = -U'(w) dt + sqrt(D) dB`` the stationary density is proportional
    to ``exp(-2 U / D)``, so the "temperature" is ``D / 2`` and::

        T = 2 pi / sqrt(U''(w_min) |U''(w_barrier)|) * exp(2 barrier / D)

    valid when ``barrier >> D / 2`` (Kramers 1940).

    Parameters
    ----------
    curvature_min, curvature_barrier : float
        ``U''`` at the minimum (> 0) and at the barrier (its absolute value is
        used), in 1/ms.
    barrier : float
        ``U(w_barrier) - U(w_min)`` (> 0), in weight**2 per ms.
    diffusion : float
        ``D``, in weight**2 per ms.
    """
    curvature_min = check_positive("curvature_min", curvature_min)
    curvature_barrier = check_positive("|curvature_barrier|", abs(curvature_barrier))
    barrier = check_positive("barrier", barrier)
    diffusion = check_positive("diffusion", diffusion)
    prefactor = 2 * math.pi / math.sqrt(curvature_min * curvature_barrier)
    return prefactor * math.exp(2 * barrier / diffusion)


def mean_first_passage_time(potential, diffusion, start, target, lower, n_points=4001):
    """Return the exact mean time to go from ``start`` up to ``target``, in ms.

    For ``dw = -U'(w) dt + sqrt(D) dB`` with a reflecting boundary at
    ``lower`` (use a point far in the tail of the lower well) and an absorbing
    one at ``target > start``::

        T = (2 / D) int_start^target dy exp(2 U(y) / D) int_lower^y exp(-2 U(z) / D) dz

    evaluated with the trapezoid rule on ``n_points`` points. To escape
    downwards, pass the mirrored potential ``lambda w: U(-w)`` and mirrored
    positions.

    Parameters
    ----------
    potential : callable
        Vectorised ``U(w)``, in weight**2 per ms.
    diffusion : float
        ``D``, in weight**2 per ms.
    start, target, lower : float
        Positions with ``lower < start < target``.
    """
    diffusion = check_positive("diffusion", diffusion)
    if not lower < start < target:
        raise ValueError(f"positions are invalid: need lower < start < target, got "
                         f"{lower}, {start}, {target}")
    n_points = check_integer("n_points", n_points, minimum=11)
    grid = np.linspace(lower, target, n_points)
    scaled = 2 * np.asarray(potential(grid), dtype=float) / diffusion
    shift = scaled.max()
    inner = np.exp(-(scaled - shift))
    cumulative = np.concatenate([[0.0], np.cumsum(0.5 * (inner[1:] + inner[:-1]) * np.diff(grid))])
    integrand = np.exp(scaled - shift) * cumulative
    outer = np.where(grid >= start, integrand, 0.0)
    return 2 / diffusion * np.trapezoid(outer, grid)


def switching_correlation_time(time_up, time_down):
    """Return ``T_up T_down / (T_up + T_down)``, the correlation time of a two-state switch.

    ``time_up`` is the mean time to leave the lower state and ``time_down`` the
    mean time to leave the upper one (same unit, returned in that unit). The
    autocorrelation of the state decays as ``exp(-t (1/T_up + 1/T_down))``.
    """
    time_up = check_positive("time_up", time_up)
    time_down = check_positive("time_down", time_down)
    return time_up * time_down / (time_up + time_down)


def weight_autocorrelation(weights, max_lag):
    """Return the autocorrelation of weights across synapses for lags 0..max_lag snapshots.

    ``C(k)`` is the Pearson correlation, across synapses, of the weights at
    snapshot ``s`` and ``s + k``, averaged over every start ``s`` with
    ``s + max_lag`` inside the record. Averaging over synapses at fixed times
    removes any drift common to all weights.

    Parameters
    ----------
    weights : array_like, shape (n_snapshots, n_synapses)
        Weight snapshots at equal intervals.
    max_lag : int
        Largest lag, in snapshots (< n_snapshots).
    """
    weights = np.asarray(weights, dtype=float)
    if weights.ndim != 2 or weights.shape[1] < 3:
        raise ValueError(f"`weights` has shape {weights.shape}: it must be 2-D with at least "
                         "3 synapses")
    max_lag = check_integer("max_lag", max_lag, minimum=0, maximum=weights.shape[0] - 1)
    centred = weights - weights.mean(axis=1, keepdims=True)
    norms = np.sqrt((centred**2).sum(axis=1))
    n_starts = weights.shape[0] - max_lag
    result = np.empty(max_lag + 1)
    for lag in range(max_lag + 1):
        products = (centred[:n_starts] * centred[lag:lag + n_starts]).sum(axis=1)
        result[lag] = np.mean(products / (norms[:n_starts] * norms[lag:lag + n_starts]))
    return result


def restoring_rate(params, rate_pre, rate_post):
    """Return ``alpha = -A'(w*)``, in 1/ms, of the STDP drift at its fixed point ``w*``.

    Uses the drift of :func:`plastlib.stdp.drift_diffusion` (independent Poisson
    spikes, all-to-all pairing). For ``mu_plus = 0, mu_minus = 1`` this is
    ``nu_x nu_y a_minus tau_minus``. Raises ``ValueError`` when the drift has
    no zero inside (0, 1), as for the additive rule.
    """
    grid = np.linspace(1e-6, 1 - 1e-6, 100001)
    drift, _ = stdp.drift_diffusion(grid, params, rate_pre, rate_post)
    sign_change = np.flatnonzero(np.diff(np.sign(drift)) != 0)
    if sign_change.size == 0:
        raise ValueError("the drift has no fixed point in (0, 1) for these parameters: "
                         "a restoring rate exists only for weight-dependent rules")
    k = sign_change[0]
    return -(drift[k + 1] - drift[k]) / (grid[k + 1] - grid[k])
