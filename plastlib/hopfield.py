"""The Hopfield network: Hebbian storage and recall of binary patterns (a model of CA3).

The module computes

- Hebbian storage of +/-1 patterns (:func:`random_patterns`,
  :func:`hebbian_weights`) as in Hopfield (1982);
- recall by asynchronous updates, one unit at a time in random order, with the
  energy after every update (:func:`recall_async`), and by synchronous updates
  of all units at once, which can end in a 2-cycle (:func:`recall_sync`);
- the energy ``E = -1/2 s . W s`` (:func:`energy`), corrupted cues
  (:func:`corrupt_pattern`) and overlaps (:func:`overlap`);
- the crosstalk (noise) term of the local field of a stored pattern
  (:func:`crosstalk`) and the error fraction that its Gaussian approximation
  predicts (:func:`predicted_error_fraction`);
- the final overlap reached from each stored pattern at a range of loads
  ``alpha = p / N`` (:func:`retrieval_overlaps`), which drops near the capacity
  ``alpha_c ~ 0.138`` of Amit, Gutfreund & Sompolinsky (1985);
- the retrieval overlap and the capacity of their replica-symmetric theory at
  zero temperature (:func:`ags_retrieval_overlap`, :func:`ags_capacity`).

States, patterns and weights are dimensionless; time is counted in updates or
sweeps (``N`` asynchronous updates), not in ms.

References
----------
Hopfield JJ (1982) PNAS 79:2554-2558.
Amit DJ, Gutfreund H, Sompolinsky H (1985) Phys. Rev. Lett. 55:1530-1533.
"""

import math
from dataclasses import dataclass

import numba
import numpy as np
from scipy.optimize import brentq, minimize_scalar
from scipy.special import erf

from plastlib import progress as _progress
from plastlib._validation import (
    as_generator,
    check_finite,
    check_integer,
    check_probability,
)

__all__ = [
    "AsyncRecallResult",
    "SyncRecallResult",
    "random_patterns",
    "hebbian_weights",
    "energy",
    "overlap",
    "corrupt_pattern",
    "recall_async",
    "recall_sync",
    "crosstalk",
    "predicted_error_fraction",
    "retrieval_overlaps",
    "ags_capacity",
    "ags_retrieval_overlap",
    "FIELD_TOLERANCE",
]

FIELD_TOLERANCE = 1e-9
"""Fields with ``|h| <= FIELD_TOLERANCE`` count as zero, and their unit keeps its state.

Hebbian fields are multiples of ``1/N``, so exact ties are common when
``p (N - 1)`` is even. The tolerance keeps the rounding error of incrementally updated fields
(about 1e-15) from deciding such ties.
"""


@dataclass(frozen=True)
class AsyncRecallResult:
    """Outcome of asynchronous recall.

    Attributes
    ----------
    state : ndarray, shape (n_units,)
        Final state, entries +1 or -1.
    energies : ndarray, shape (n_updates + 1,)
        Energy ``-1/2 s . W s`` of the initial state and after every single-unit update.
    n_sweeps : int
        Number of sweeps run (a sweep visits every unit once, in a random order).
    converged : bool
        True if the last sweep changed no unit, so the final state is a fixed point.
    """

    state: np.ndarray
    energies: np.ndarray
    n_sweeps: int
    converged: bool


@dataclass(frozen=True)
class SyncRecallResult:
    """Outcome of synchronous recall.

    Attributes
    ----------
    states : ndarray, shape (n_steps + 1, n_units)
        Initial state and the state after each synchronous step.
    period : int
        1 if the run ended at a fixed point, 2 if it ended in a 2-cycle
        (``s(t+1) = s(t-1) != s(t)``), 0 if neither was reached within ``max_steps``.
    """

    states: np.ndarray
    period: int


# ---------------------------------------------------------------------------
# Input checks
# ---------------------------------------------------------------------------


def _check_spins(name, values, n_units=None):
    values = np.asarray(values, dtype=float)
    if values.ndim != 1 or values.size == 0:
        raise ValueError(f"`{name}` has shape {values.shape}: it must be a non-empty 1-D array")
    if n_units is not None and values.size != n_units:
        raise ValueError(
            f"`{name}` has {values.size} entries: it must have {n_units}, one per unit"
        )
    if not np.all(np.abs(values) == 1.0):
        raise ValueError(f"`{name}` contains values other than +1 and -1")
    return np.ascontiguousarray(values)


def _check_patterns(patterns):
    patterns = np.asarray(patterns, dtype=float)
    if patterns.ndim != 2 or patterns.size == 0:
        raise ValueError(
            f"`patterns` has shape {patterns.shape}: it must be a non-empty 2-D array "
            "(n_patterns, n_units)"
        )
    if not np.all(np.abs(patterns) == 1.0):
        raise ValueError("`patterns` contains values other than +1 and -1")
    return np.ascontiguousarray(patterns)


def _check_weights(weights):
    weights = np.asarray(weights, dtype=float)
    if weights.ndim != 2 or weights.shape[0] != weights.shape[1] or weights.size == 0:
        raise ValueError(
            f"`weights` has shape {weights.shape}: it must be a non-empty square matrix"
        )
    if not np.all(np.isfinite(weights)):
        raise ValueError("`weights` contains NaN or infinite values")
    return np.ascontiguousarray(weights)


# ---------------------------------------------------------------------------
# Storage
# ---------------------------------------------------------------------------


def random_patterns(n_patterns, n_units, rng=None):
    """Draw independent patterns whose entries are +1 or -1 with probability 1/2 each.

    Parameters
    ----------
    n_patterns : int
        Number of patterns ``p``, >= 1.
    n_units : int
        Number of units ``N``, >= 2.
    rng : int, numpy.random.Generator or None
        Seed or generator.

    Returns
    -------
    ndarray, shape (n_patterns, n_units)
    """
    n_patterns = check_integer("n_patterns", n_patterns, minimum=1)
    n_units = check_integer("n_units", n_units, minimum=2)
    generator = as_generator(rng)
    return np.where(generator.random((n_patterns, n_units)) < 0.5, -1.0, 1.0)


def hebbian_weights(patterns):
    """Return the Hebbian weight matrix ``W_ij = (1/N) sum_mu xi_i^mu xi_j^mu``, ``W_ii = 0``.

    Parameters
    ----------
    patterns : array_like, shape (n_patterns, n_units)
        Patterns to store, entries +1 or -1.

    Returns
    -------
    ndarray, shape (n_units, n_units)
        Symmetric weights with a zero diagonal (no self-connections).
    """
    patterns = _check_patterns(patterns)
    n_units = patterns.shape[1]
    weights = patterns.T @ patterns / n_units
    np.fill_diagonal(weights, 0.0)
    return weights


def energy(weights, state):
    """Return the energy ``E = -1/2 sum_ij W_ij s_i s_j`` of a state.

    Parameters
    ----------
    weights : array_like, shape (n_units, n_units)
        Weight matrix.
    state : array_like, shape (n_units,)
        State, entries +1 or -1.

    Returns
    -------
    float
    """
    weights = _check_weights(weights)
    state = _check_spins("state", state, weights.shape[0])
    return float(-0.5 * state @ weights @ state)


def overlap(pattern, state):
    """Return the overlap ``m = (1/N) sum_i xi_i s_i``, between -1 and 1.

    Parameters
    ----------
    pattern, state : array_like, shape (n_units,)
        Two states, entries +1 or -1.

    Returns
    -------
    float
    """
    pattern = _check_spins("pattern", pattern)
    state = _check_spins("state", state, pattern.size)
    return float(pattern @ state / pattern.size)


def corrupt_pattern(pattern, flip_fraction, rng=None):
    """Return a copy of ``pattern`` with a given fraction of its units flipped.

    Exactly ``round(flip_fraction * N)`` units, chosen at random without
    replacement, change sign, so the overlap with the original is
    ``1 - 2 round(flip_fraction * N) / N``.

    Parameters
    ----------
    pattern : array_like, shape (n_units,)
        Pattern, entries +1 or -1.
    flip_fraction : float
        Fraction of units to flip, in [0, 1].
    rng : int, numpy.random.Generator or None
        Seed or generator.

    Returns
    -------
    ndarray, shape (n_units,)
    """
    pattern = _check_spins("pattern", pattern)
    flip_fraction = check_probability("flip_fraction", flip_fraction)
    generator = as_generator(rng)
    n_flips = int(round(flip_fraction * pattern.size))
    cue = pattern.copy()
    cue[generator.choice(pattern.size, size=n_flips, replace=False)] *= -1.0
    return cue


# ---------------------------------------------------------------------------
# Recall
# ---------------------------------------------------------------------------


def _threshold(fields, state):
    """Return sign(fields), keeping the entries of ``state`` where the field is zero."""
    return np.where(fields > FIELD_TOLERANCE, 1.0,
                    np.where(fields < -FIELD_TOLERANCE, -1.0, state))


@numba.njit(cache=True)
def _async_kernel(weights, state, orders, energies, tolerance):
    """Update units one at a time in the given orders, in place.

    Returns the number of sweeps run and the number of energies recorded.
    Stops after the first sweep in which no unit changes.
    """
    n_sweeps, n_units = orders.shape
    fields = weights @ state
    current = -0.5 * np.dot(state, fields)
    energies[0] = current
    n_recorded = 1
    for sweep in range(n_sweeps):
        changed = 0
        for position in range(n_units):
            unit = orders[sweep, position]
            field = fields[unit]

            # A unit whose field is zero within the tolerance keeps its state.
            new = state[unit]
            if field > tolerance:
                new = 1.0
            elif field < -tolerance:
                new = -1.0
            if new != state[unit]:
                # With W_ii = 0, flipping unit i changes E by -(s_new - s_old) h_i,
                # and every field h_j by W_ji (s_new - s_old).
                change = new - state[unit]
                current -= change * field
                for j in range(n_units):
                    fields[j] += weights[j, unit] * change
                state[unit] = new
                changed += 1
            energies[n_recorded] = current
            n_recorded += 1
        if changed == 0:
            return sweep + 1, n_recorded
    return n_sweeps, n_recorded


def recall_async(weights, cue, max_sweeps=50, rng=None):
    """Recall from a cue by asynchronous updates ``s_i <- sign(sum_j W_ij s_j)``.

    In each sweep every unit is updated once, in a new random order, and its
    field uses the states already updated in that sweep. A unit whose field
    is zero (``|h| <= FIELD_TOLERANCE``) keeps its state. The run stops after
    the first sweep without a change (a fixed point) or after ``max_sweeps``
    sweeps.

    Parameters
    ----------
    weights : array_like, shape (n_units, n_units)
        Weight matrix; the energy decreases monotonically only if it is
        symmetric with a zero diagonal (as :func:`hebbian_weights` returns).
    cue : array_like, shape (n_units,)
        Initial state, entries +1 or -1.
    max_sweeps : int, optional
        Maximum number of sweeps, >= 1.
    rng : int, numpy.random.Generator or None
        Seed or generator for the update orders.

    Returns
    -------
    AsyncRecallResult

    Notes
    -----
    For symmetric ``W`` with ``W_ii = 0`` the energy ``E = -1/2 s . W s``
    changes by ``-(s_i' - s_i) h_i <= 0`` when unit ``i`` is updated, so it
    never increases (Hopfield 1982). The energies are updated incrementally
    and can differ from :func:`energy` of the same state by rounding error.
    """
    weights = _check_weights(weights)
    state = _check_spins("cue", cue, weights.shape[0]).copy()
    max_sweeps = check_integer("max_sweeps", max_sweeps, minimum=1)
    generator = as_generator(rng)
    n_units = weights.shape[0]
    orders = np.array([generator.permutation(n_units) for _ in range(max_sweeps)],
                      dtype=np.int64)
    energies = np.zeros(max_sweeps * n_units + 1)
    n_sweeps, n_recorded = _async_kernel(weights, state, orders, energies, FIELD_TOLERANCE)

    # The final state is a fixed point if one more update of every unit changes nothing.
    converged = bool(np.array_equal(_threshold(weights @ state, state), state))
    return AsyncRecallResult(state=state, energies=energies[:n_recorded].copy(),
                             n_sweeps=int(n_sweeps), converged=bool(converged))


def recall_sync(weights, cue, max_steps=50):
    """Recall from a cue by synchronous updates ``s(t+1) = sign(W s(t))``.

    All units are updated at once from the previous state. A unit whose field
    is zero (``|h| <= FIELD_TOLERANCE``) keeps its state. The run stops at a
    fixed point, at a 2-cycle, or after ``max_steps`` steps.

    Parameters
    ----------
    weights : array_like, shape (n_units, n_units)
        Weight matrix.
    cue : array_like, shape (n_units,)
        Initial state, entries +1 or -1.
    max_steps : int, optional
        Maximum number of synchronous steps, >= 1.

    Returns
    -------
    SyncRecallResult

    Notes
    -----
    For symmetric ``W`` the function ``L(t) = -s(t) . W s(t-1)`` never
    increases under synchronous updates, and it stays constant only if
    ``s(t+1) = s(t-1)``; so every run ends in a fixed point or a 2-cycle.
    The matrix-vector product is done by NumPy (BLAS), so no numba kernel is needed.
    """
    weights = _check_weights(weights)
    state = _check_spins("cue", cue, weights.shape[0]).copy()
    max_steps = check_integer("max_steps", max_steps, minimum=1)
    states = [state]
    period = 0
    for _ in range(max_steps):
        new = _threshold(weights @ states[-1], states[-1])
        states.append(new)
        if np.array_equal(new, states[-2]):
            period = 1
            break
        if len(states) >= 3 and np.array_equal(new, states[-3]):
            period = 2
            break
    return SyncRecallResult(states=np.array(states), period=period)


# ---------------------------------------------------------------------------
# Signal-to-noise analysis and capacity
# ---------------------------------------------------------------------------


def crosstalk(patterns):
    """Return the crosstalk term of the local field at every unit of every stored pattern.

    With Hebbian weights (:func:`hebbian_weights`) and the network in stored
    pattern ``nu``, the aligned local field is
    ``xi_i^nu h_i = (N - 1)/N + C_i^nu``, where the crosstalk
    ``C_i^nu = (1/N) sum_{mu != nu} sum_{j != i} xi_i^nu xi_i^mu xi_j^mu xi_j^nu``
    is the interference of the other patterns. Unit ``i`` flips away from the
    pattern at its first update if ``C_i^nu < -(N - 1)/N``.

    Parameters
    ----------
    patterns : array_like, shape (n_patterns, n_units)
        Stored patterns, entries +1 or -1.

    Returns
    -------
    ndarray, shape (n_patterns, n_units)
        ``C_i^nu`` for each pattern ``nu`` (row) and unit ``i`` (column).

    Notes
    -----
    For independent random patterns, ``C_i^nu`` has mean 0 and variance
    ``(p - 1)(N - 1) / N**2``, close to the load ``alpha = p / N``.
    """
    patterns = _check_patterns(patterns)
    n_units = patterns.shape[1]
    weights = hebbian_weights(patterns)
    aligned_fields = patterns * (patterns @ weights)
    return aligned_fields - (n_units - 1) / n_units


def predicted_error_fraction(load):
    """Return the fraction of units that the Gaussian crosstalk approximation predicts to flip.

    With crosstalk of variance ``alpha`` and signal 1, a unit is unstable with
    probability ``P = Phi(-1/sqrt(alpha)) = erfc(1/sqrt(2 alpha)) / 2``.

    Parameters
    ----------
    load : float or array_like
        Load ``alpha = p / N`` (patterns per unit), > 0.

    Returns
    -------
    float or ndarray
    """
    load_array = np.asarray(load, dtype=float)
    if np.any(~np.isfinite(load_array)) or np.any(load_array <= 0):
        raise ValueError(f"`load` = {load!r} is invalid: every load must be finite and > 0")
    values = np.vectorize(lambda a: 0.5 * math.erfc(1.0 / math.sqrt(2.0 * a)))(load_array)
    return float(values) if values.ndim == 0 else values


def retrieval_overlaps(n_units, loads, n_trials, max_sweeps=50, rng=None, progress=True):
    """Return the final overlap of asynchronous recall started at a stored pattern, per load.

    For each trial, ``round(max(loads) * N)`` random patterns are drawn once.
    At each load ``alpha`` the first ``round(alpha * N)`` of them are stored
    with the Hebb rule. The network starts exactly in pattern 1 and runs
    asynchronously to a fixed point (or for ``max_sweeps`` sweeps), and the
    function records the final overlap with pattern 1. The weights are built incrementally as
    loads increase, so each trial costs about one weight matrix of the largest load.

    Parameters
    ----------
    n_units : int
        Number of units ``N``, >= 10.
    loads : array_like
        Loads ``alpha = p / N``, each in (0, 1], in increasing order.
    n_trials : int
        Number of independent pattern sets, >= 1.
    max_sweeps : int, optional
        Maximum number of asynchronous sweeps per recall, >= 1.
    rng : int, numpy.random.Generator or None
        Seed or generator.
    progress : bool, optional
        If True, show a progress bar over the trials (hidden when the
        environment variable ``PLASTLIB_PROGRESS`` is ``0``). The results do
        not depend on it.

    Returns
    -------
    ndarray, shape (n_trials, len(loads))
        Final overlap with the starting pattern.

    Notes
    -----
    Below ``alpha_c ~ 0.138`` the theory of Amit, Gutfreund & Sompolinsky
    (1985) predicts a retrieval state with overlap above 0.967 for large
    ``N``. Above it the network drifts to states far from the pattern.
    """
    n_units = check_integer("n_units", n_units, minimum=10)
    n_trials = check_integer("n_trials", n_trials, minimum=1)
    max_sweeps = check_integer("max_sweeps", max_sweeps, minimum=1)
    loads = np.asarray(loads, dtype=float)
    if loads.ndim != 1 or loads.size == 0:
        raise ValueError(f"`loads` has shape {loads.shape}: it must be a non-empty 1-D array")
    if np.any(loads <= 0) or np.any(loads > 1) or np.any(np.diff(loads) <= 0):
        raise ValueError(
            f"`loads` = {loads} is invalid: loads must lie in (0, 1] and increase strictly"
        )
    generator = as_generator(rng)
    counts = np.maximum(1, np.round(loads * n_units).astype(int))
    overlaps = np.zeros((n_trials, loads.size))
    energies = np.zeros(max_sweeps * n_units + 1)

    trials = range(n_trials)
    if progress:
        trials = _progress.progress(trials, total=n_trials, desc=f"recall, N = {n_units}")
    for trial in trials:
        patterns = random_patterns(counts[-1], n_units, generator)
        weights = np.zeros((n_units, n_units))
        n_stored = 0
        for index, count in enumerate(counts):
            new = patterns[n_stored:count]
            weights += new.T @ new / n_units
            np.fill_diagonal(weights, 0.0)
            n_stored = count
            state = patterns[0].copy()
            orders = np.array([generator.permutation(n_units) for _ in range(max_sweeps)],
                              dtype=np.int64)
            _async_kernel(weights, state, orders, energies, FIELD_TOLERANCE)
            overlaps[trial, index] = patterns[0] @ state / n_units
    return overlaps


# ---------------------------------------------------------------------------
# Replica-symmetric theory at zero temperature
# ---------------------------------------------------------------------------


def _ags_load_of(y):
    """Return the load alpha at which y = m / sqrt(2 alpha r) solves the T = 0 equations."""
    signal = erf(y) / y - 2.0 / math.sqrt(math.pi) * math.exp(-y * y)
    return 0.5 * signal * signal


def ags_capacity():
    """Return the capacity ``alpha_c`` and the retrieval overlap ``m_c`` at that load.

    At zero temperature the replica-symmetric retrieval solution of Amit,
    Gutfreund & Sompolinsky (1985) satisfies, with ``y = m / sqrt(2 alpha r)``,

    ``y (sqrt(2 alpha) + (2 / sqrt(pi)) exp(-y**2)) = erf(y)`` and ``m = erf(y)``,

    so ``alpha(y) = (erf(y)/y - (2/sqrt(pi)) exp(-y**2))**2 / 2``. A retrieval
    solution exists only for loads up to the maximum of ``alpha(y)``, which is
    ``alpha_c``.

    Returns
    -------
    capacity : float
        ``alpha_c``, patterns per unit (about 0.138).
    overlap : float
        Retrieval overlap ``m`` at ``alpha_c`` (about 0.967).
    """
    outcome = minimize_scalar(lambda y: -_ags_load_of(y), bounds=(0.5, 3.0), method="bounded",
                              options={"xatol": 1e-10})
    return float(-outcome.fun), float(erf(outcome.x))


def ags_retrieval_overlap(load):
    """Return the overlap of the retrieval state predicted by the T = 0 replica theory.

    Parameters
    ----------
    load : float
        Load ``alpha = p / N`` (patterns per unit), in (0, ``alpha_c``].

    Returns
    -------
    float
        The overlap ``m = erf(y)`` on the retrieval branch (the larger root
        ``y`` of the equation given in :func:`ags_capacity`).
    """
    capacity, _ = ags_capacity()
    load = check_finite("load", load)
    if not 0.0 < load <= capacity:
        raise ValueError(
            f"`load` = {load} is invalid: a retrieval state exists only for loads in "
            f"(0, {capacity:.4f}]"
        )
    peak = minimize_scalar(lambda y: -_ags_load_of(y), bounds=(0.5, 3.0), method="bounded",
                           options={"xatol": 1e-10}).x
    if load == capacity:
        return float(erf(peak))
    # alpha(y) decreases from alpha_c to 0 above the peak. Beyond y = 50 it is below
    # 2.1e-4 and erf(y) equals 1 in double precision.
    if load <= _ags_load_of(50.0):
        return 1.0
    root = brentq(lambda y: _ags_load_of(y) - load, peak, 50.0, xtol=1e-12)
    return float(erf(root))
