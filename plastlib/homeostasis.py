"""Homeostatic regulation of firing rates by a chain of low-pass filters.

A rate neuron (or a network of them) is regulated by integral feedback. Its
rate ``r_1`` is low-pass filtered by ``K - 2`` intermediate stages, such as a
calcium-like signal. The last stage ``r_K`` integrates the difference from a
goal rate and acts as an adaptive threshold,

.. math::

    \\tau_1 \\dot{\\mathbf r}_1 &= (W - I)\\,\\mathbf r_1 + \\mathbf u - \\mathbf r_K \\\\
    \\tau_k \\dot{\\mathbf r}_k &= -\\mathbf r_k + \\mathbf r_{k-1}, \\quad k = 2, \\dots, K-1 \\\\
    \\tau_K \\dot{\\mathbf r}_K &= \\mathbf r_{K-1} - r_\\mathrm{goal}.

For a symmetric ``W`` the ``N K``-dimensional linear system decouples into
the eigenmodes of ``W``. A mode with eigenvalue ``w`` has the characteristic
polynomial

.. math::

    1 + \\lambda \\tau_K (1 - w + \\lambda \\tau_1) \\prod_{k=2}^{K-1} (1 + \\lambda \\tau_k) = 0,

which for ``K = 3`` is ``(1 - w + tau1 lam)(1 + tau2 lam) tau3 lam + 1 = 0``
(Harnack, Pelko, Chaillet, Chitour & van Rossum 2015, PLoS Comput Biol
11:e1004357).

Functions
---------
Stability analysis: :func:`characteristic_polynomial`, :func:`mode_eigenvalues`,
:func:`classify_mode`, :func:`critical_tau`.
Simulation: :func:`system_matrix`, :func:`simulate`.

Times are in ms, rates in Hz; ``w`` (an eigenvalue of the recurrent weight
matrix) is dimensionless.
"""

from dataclasses import dataclass

import numba
import numpy as np
from scipy.linalg import expm

from ._validation import check_finite, check_integer, check_positive

__all__ = [
    "HomeostasisResult",
    "characteristic_polynomial",
    "classify_mode",
    "critical_tau",
    "mode_eigenvalues",
    "simulate",
    "system_matrix",
]

STABLE = "stable"
OSCILLATING = "stable, oscillating"
UNSTABLE = "unstable"


def _check_taus(taus):
    taus = np.asarray(taus, dtype=float)
    if taus.ndim != 1 or taus.size < 2:
        raise ValueError(
            f"`taus` = {taus.tolist()} is invalid: give at least two time constants "
            "(tau_1 of the rate and tau_K of the integrator), in ms"
        )
    for index, tau in enumerate(taus, start=1):
        check_positive(f"taus[{index - 1}] (tau_{index})", float(tau), "ms")
    return taus


def _check_recurrence(w):
    w = check_finite("w", w)
    if w >= 1:
        raise ValueError(
            f"`w` = {w} is invalid: the recurrence must be < 1, otherwise the network "
            "without homeostasis is already unstable"
        )
    return w


def characteristic_polynomial(w, taus):
    """Return the coefficients of one eigenmode's characteristic polynomial.

    Parameters
    ----------
    w : float
        Eigenvalue of the recurrent weight matrix for this mode
        (dimensionless; ``w = 0`` is a single neuron; every mode with
        ``w >= 1`` is unstable).
    taus : sequence of float
        Time constants ``(tau_1, ..., tau_K)`` in ms: the rate, the
        intermediate filters and, last, the integrator. ``K >= 2``.

    Returns
    -------
    numpy.ndarray
        Coefficients, highest power of ``lambda`` (in 1/ms) first, of
        ``1 + lambda tau_K (1 - w + lambda tau_1) prod_{k=2}^{K-1} (1 + lambda tau_k)``.
    """
    w = check_finite("w", w)
    taus = _check_taus(taus)
    product = np.poly1d([taus[0], 1.0 - w])
    for tau in taus[1:-1]:
        product = product * np.poly1d([tau, 1.0])
    polynomial = product * np.poly1d([taus[-1], 0.0]) + np.poly1d([1.0])
    return polynomial.coeffs


def mode_eigenvalues(w, taus):
    """Return the eigenvalues (in 1/ms) of one eigenmode, sorted by decreasing real part."""
    roots = np.roots(characteristic_polynomial(w, taus))
    return roots[np.argsort(-roots.real)]


def classify_mode(w, taus, tolerance=1e-9):
    """Classify one eigenmode as stable, stable and oscillating, or unstable.

    Parameters
    ----------
    w, taus
        As in :func:`characteristic_polynomial`.
    tolerance : float
        Relative size of an imaginary part below which an eigenvalue counts
        as real (``np.roots`` returns tiny imaginary parts for real roots).

    Returns
    -------
    str
        ``"unstable"`` if any eigenvalue has a non-negative real part,
        ``"stable, oscillating"`` if all real parts are negative but some
        eigenvalue is complex, ``"stable"`` otherwise.
    """
    eigenvalues = mode_eigenvalues(w, taus)
    if np.any(eigenvalues.real >= 0):
        return UNSTABLE
    scale = np.abs(eigenvalues).max()
    if np.any(np.abs(eigenvalues.imag) > tolerance * scale):
        return OSCILLATING
    return STABLE


def critical_tau(w, taus, oscillation_free=False, upper=1e12, rtol=1e-9):
    """Return the smallest integrator time constant ``tau_K`` that keeps a mode stable.

    Parameters
    ----------
    w : float
        Eigenvalue of the recurrent weight matrix (dimensionless, < 1).
    taus : sequence of float
        The time constants ``(tau_1, ..., tau_{K-1})`` in ms, without ``tau_K``.
    oscillation_free : bool
        If true, return instead the smallest ``tau_K`` above which the mode
        is stable and does not oscillate (all eigenvalues real).
    upper : float
        Largest ``tau_K`` searched, in ms.
    rtol : float
        Relative precision of the result.

    Returns
    -------
    float
        The critical ``tau_K`` in ms, found by bisection on a logarithmic
        scale between a value where the wanted property fails and ``upper``.

    Notes
    -----
    A slow enough integrator is always stable and oscillation free, because
    for ``tau_K -> infinity`` the fast stages relax before the integrator
    moves. The bisection assumes a single crossing; the chapter checks this
    against the closed form of the Routh-Hurwitz condition for ``K = 3``.
    """
    w = _check_recurrence(w)
    fast = np.atleast_1d(np.asarray(taus, dtype=float))
    if fast.ndim != 1 or fast.size < 1:
        raise ValueError(
            f"`taus` = {np.asarray(taus).tolist()} is invalid: give at least tau_1 (the rate's "
            "time constant), in ms; tau_K is what this function computes"
        )
    for index, tau in enumerate(fast, start=1):
        check_positive(f"taus[{index - 1}] (tau_{index})", float(tau), "ms")
    fast = fast.tolist()
    upper = check_positive("upper", upper, "ms")
    wanted = (STABLE,) if oscillation_free else (STABLE, OSCILLATING)

    def good(tau_k):
        return classify_mode(w, [*fast, tau_k]) in wanted

    if not good(upper):
        raise ValueError(
            f"`upper` = {upper} ms is too small: the mode with w = {w} is not "
            f"{'oscillation free' if oscillation_free else 'stable'} even at tau_K = upper"
        )
    low = upper
    while good(low):
        low /= 10.0
        if low < 1e-12:
            return 0.0
    high = low * 10.0
    while high / low - 1.0 > rtol:
        middle = np.sqrt(low * high)
        if good(middle):
            high = middle
        else:
            low = middle
    return high


def system_matrix(weights, taus):
    """Return the matrix ``M`` of the linear system ``dx/dt = M x + b`` for a network.

    Parameters
    ----------
    weights : array_like, shape (N, N)
        Recurrent weight matrix ``W`` (dimensionless).
    taus : sequence of float
        ``(tau_1, ..., tau_K)`` in ms.

    Returns
    -------
    numpy.ndarray, shape (N K, N K)
        The state is ordered stage by stage: ``x = (r_1, r_2, ..., r_K)``,
        each block of length ``N``. Entries are in 1/ms.
    """
    weights = np.atleast_2d(np.asarray(weights, dtype=float))
    if weights.ndim != 2 or weights.shape[0] != weights.shape[1]:
        raise ValueError(f"`weights` has shape {weights.shape}: it must be a square matrix")
    if not np.all(np.isfinite(weights)):
        raise ValueError("`weights` contains NaN or infinite entries: every weight must be finite")
    taus = _check_taus(taus)
    n, k = weights.shape[0], taus.size
    identity = np.eye(n)
    matrix = np.zeros((n * k, n * k))
    matrix[:n, :n] = (weights - identity) / taus[0]
    matrix[:n, (k - 1) * n:] = -identity / taus[0]
    for stage in range(1, k - 1):
        rows = slice(stage * n, (stage + 1) * n)
        matrix[rows, (stage - 1) * n:stage * n] = identity / taus[stage]
        matrix[rows, rows] = -identity / taus[stage]
    matrix[(k - 1) * n:, (k - 2) * n:(k - 1) * n] = identity / taus[-1]
    return matrix


@dataclass(frozen=True)
class HomeostasisResult:
    """Trajectory of a homeostatic network.

    Attributes
    ----------
    time : numpy.ndarray, shape (T,)
        Sample times in ms.
    states : numpy.ndarray, shape (T, K, N)
        ``states[i, k, n]`` is stage ``k + 1`` of neuron ``n`` at ``time[i]``
        (stage 1 is the rate in Hz, the last stage the adaptive threshold).
    """

    time: np.ndarray
    states: np.ndarray

    @property
    def rates(self):
        """Firing rates ``r_1`` in Hz, shape (T, N)."""
        return self.states[:, 0, :]


@numba.njit(cache=True)
def _propagate(step_matrix, offsets, inputs_index, state, out):
    # Exact propagation of a linear system with piecewise-constant input:
    # x(t + dt) = e^{M dt} x(t) + offset, where the offset belongs to the input
    # that is active during this sample interval.
    out[0] = state
    for sample in range(1, out.shape[0]):
        state = step_matrix @ state + offsets[inputs_index[sample - 1]]
        out[sample] = state
    return out


def simulate(weights, taus, goal, inputs, duration, sample_interval, initial=None):
    """Simulate the homeostatic network exactly (the system is linear).

    Parameters
    ----------
    weights : array_like, shape (N, N)
        Recurrent weight matrix (dimensionless). Use ``[[0.0]]`` for one neuron.
    taus : sequence of float
        ``(tau_1, ..., tau_K)`` in ms.
    goal : float
        Goal rate ``r_goal`` in Hz.
    inputs : callable or array_like
        External input ``u`` (in Hz, in the units of the rate). Either an
        array of shape (N,) held constant, or a function ``u(t)`` of the time
        in ms returning shape (N,). The function is evaluated once per sample
        interval, and its value is held constant within the interval.
    duration : float
        Simulated time in ms.
    sample_interval : float
        Time between stored samples in ms; also the step of the exact
        propagator, so it only limits how often the input can change.
    initial : array_like, shape (K, N), optional
        Initial state; by default all stages start at zero.

    Returns
    -------
    HomeostasisResult
    """
    matrix = system_matrix(weights, taus)
    taus = _check_taus(taus)
    n, k = matrix.shape[0] // taus.size, taus.size
    goal = check_finite("goal", goal)
    duration = check_positive("duration", duration, "ms")
    sample_interval = check_positive("sample_interval", sample_interval, "ms")
    n_samples = check_integer("duration / sample_interval", int(round(duration / sample_interval)),
                              minimum=1) + 1
    time = np.arange(n_samples) * sample_interval

    def as_input(values, where):
        values = np.asarray(values, dtype=float)
        if values.shape not in ((), (1,), (n,)):
            raise ValueError(
                f"`inputs`{where} has shape {values.shape}: it must be a scalar or have "
                f"shape ({n},), one value in Hz per neuron"
            )
        return np.broadcast_to(values, (n,))

    if callable(inputs):
        input_values = np.array([as_input(inputs(t), f" at t = {t} ms") for t in time[:-1]])
    else:
        input_values = as_input(inputs, "")[None, :]
    if not np.all(np.isfinite(input_values)):
        raise ValueError("`inputs` contains non-finite values")
    distinct, inputs_index = np.unique(input_values, axis=0, return_inverse=True)
    inputs_index = np.ravel(inputs_index)
    if not callable(inputs):
        inputs_index = np.zeros(n_samples - 1, dtype=np.int64)

    state = np.zeros(n * k) if initial is None else np.asarray(initial, dtype=float).reshape(-1)
    if state.shape != (n * k,):
        raise ValueError(f"`initial` has {state.size} values: it must have shape ({k}, {n})")

    step_matrix = expm(matrix * sample_interval)
    # Constant part b of dx/dt = M x + b, and its exact contribution over one step:
    # offset = M^{-1} (e^{M dt} - I) b (M is invertible because the polynomial's constant is 1).
    offsets = np.empty((distinct.shape[0], n * k))
    for row, values in enumerate(distinct):
        constant = np.zeros(n * k)
        constant[:n] = values / taus[0]
        constant[(k - 1) * n:] = -goal / taus[-1]
        offsets[row] = np.linalg.solve(matrix, (step_matrix - np.eye(n * k)) @ constant)

    out = np.empty((n_samples, n * k))
    _propagate(step_matrix, offsets, inputs_index.astype(np.int64), state, out)
    return HomeostasisResult(time=time, states=out.reshape(n_samples, k, n))
