"""Random walks of synaptic weights driven by random sequences of LTP and LTD.

At every step each synapse independently undergoes one of three events:
potentiation with probability ``p_p``, depression with probability ``p_d``, or
nothing with probability ``1 - p_p - p_d``. Three rules set the size of the
weight change:

``"unbounded"``
    ``w += c_p`` or ``w -= c_d``. The weights diffuse without limit, and their
    variance grows linearly with the number of steps (Sejnowski 1977).
``"hard"``
    The same additive steps, clipped to ``[w_min, w_max]``.
``"soft"``
    ``w += c_p`` or ``w -= c_d * w``: potentiation is constant and depression
    is proportional to the weight, as measured by Bi & Poo (1998) and used by
    van Rossum, Bi & Turrigiano (2000). The weights settle into a stationary
    distribution with mean ``p_p c_p / (p_d c_d)``.

Time is counted in steps (plasticity opportunities), and weights are
dimensionless.

Functions by role
-----------------
Simulation
    :func:`simulate_walk` runs many synapses at once and returns a
    :class:`WalkResult`.
Closed forms
    :func:`drift`, :func:`diffusion` (the jump moments that enter the
    Fokker-Planck equation), :func:`unbounded_moments`,
    :func:`soft_bound_moments`, :func:`soft_bound_stationary_moments`,
    :func:`soft_bound_gaussian_variance`, :func:`fokker_planck_density`.
Comparison and plotting
    :func:`total_variation_distance`, :func:`plot_walk`.

References
----------
Sejnowski TJ (1977) Storing covariance with nonlinearly interacting neurons.
J Math Biol 4:303-321.

Bi G, Poo M (1998) Synaptic modifications in cultured hippocampal neurons:
dependence on spike timing, synaptic strength, and postsynaptic cell type.
J Neurosci 18:10464-10472.

van Rossum MCW, Bi G, Turrigiano GG (2000) Stable Hebbian learning from spike
timing-dependent plasticity. J Neurosci 20:8812-8821.
"""

import dataclasses
import math

import numba
import numpy as np
from scipy import integrate

from plastlib._validation import (
    as_generator,
    check_finite,
    check_integer,
    check_nonnegative,
    check_probability,
    check_range,
)

__all__ = [
    "RULES",
    "WalkParameters",
    "WalkResult",
    "diffusion",
    "drift",
    "fokker_planck_density",
    "plot_walk",
    "simulate_walk",
    "soft_bound_gaussian_variance",
    "soft_bound_moments",
    "soft_bound_stationary_moments",
    "total_variation_distance",
    "unbounded_moments",
]

RULES = ("unbounded", "hard", "soft")
_RULE_CODES = {rule: code for code, rule in enumerate(RULES)}

# Uniform numbers are drawn in blocks of about this many values (8 MB of float64),
# so that memory stays bounded however many steps are simulated.
_BLOCK_VALUES = 1_000_000


@dataclasses.dataclass(frozen=True)
class WalkParameters:
    """Parameters of a random walk of synaptic weights.

    The defaults are illustrative, not fitted to data: they make the soft-bound
    stationary mean ``p_p c_p / (p_d c_d)`` equal to 1 and the relaxation time
    ``1 / (p_d c_d)`` equal to 100 steps.

    Attributes
    ----------
    p_p : float
        Probability of a potentiation event per step, in [0, 1].
    p_d : float
        Probability of a depression event per step, in [0, 1], with
        ``p_p + p_d <= 1``.
    c_p : float
        Size of a potentiation step, in weight units (dimensionless), >= 0.
    c_d : float
        Depression: the step size in weight units for the ``"unbounded"`` and
        ``"hard"`` rules, or the fraction of the weight removed for the
        ``"soft"`` rule (then in [0, 1], so that weights stay >= 0).
    rule : str
        One of ``"unbounded"``, ``"hard"`` or ``"soft"``.
    w_min, w_max : float
        Lower and upper bound of the ``"hard"`` rule (dimensionless), with
        ``w_min < w_max``. Ignored by the other rules.
    """

    p_p: float = 0.1
    p_d: float = 0.1
    c_p: float = 0.1
    c_d: float = 0.1
    rule: str = "soft"
    w_min: float = 0.0
    w_max: float = 2.0

    def __post_init__(self):
        if self.rule not in RULES:
            raise ValueError(f"`rule` = {self.rule!r} is invalid: it must be one of {RULES}")
        p_p = check_probability("p_p", self.p_p)
        p_d = check_probability("p_d", self.p_d)
        if p_p + p_d > 1.0:
            raise ValueError(
                f"`p_p` + `p_d` = {p_p} + {p_d} = {p_p + p_d} is invalid: the two event "
                "probabilities per step must sum to at most 1"
            )
        check_nonnegative("c_p", self.c_p)
        if self.rule == "soft":
            check_range("c_d", self.c_d, 0.0, 1.0)
        else:
            check_nonnegative("c_d", self.c_d)
        w_min = check_finite("w_min", self.w_min)
        w_max = check_finite("w_max", self.w_max)
        if self.rule == "hard" and not w_min < w_max:
            raise ValueError(
                f"`w_min` = {w_min} and `w_max` = {w_max} are invalid: hard bounds need "
                "w_min < w_max"
            )


@dataclasses.dataclass(frozen=True)
class WalkResult:
    """Outcome of :func:`simulate_walk`, with read-only arrays.

    Attributes
    ----------
    parameters : WalkParameters
        The parameters of the walk.
    weights : numpy.ndarray, shape (n_synapses,)
        Weight of every synapse after the last step (dimensionless).
    mean : numpy.ndarray, shape (n_steps + 1,)
        Mean weight over synapses at steps 0, 1, ..., n_steps.
    variance : numpy.ndarray, shape (n_steps + 1,)
        Sample variance of the weights over synapses (ddof = 1) at each step.
    trajectories : numpy.ndarray, shape (n_steps + 1, n_recorded)
        Weights of the first ``n_recorded`` synapses at each step.
    """

    parameters: WalkParameters
    weights: np.ndarray
    mean: np.ndarray
    variance: np.ndarray
    trajectories: np.ndarray

    @property
    def steps(self):
        """Step numbers 0, 1, ..., n_steps that index ``mean``, ``variance`` and ``trajectories``."""
        return np.arange(self.mean.size)


@numba.njit(cache=True)
def _advance(weights, uniforms, rule_code, p_p, p_d, c_p, c_d, w_min, w_max,
             mean, variance, trajectories, first_row):
    """Apply one block of steps to ``weights`` in place and record the statistics.

    Row ``t`` of ``uniforms`` decides the events of step ``first_row + t``.
    A value ``u < p_p`` potentiates, and ``p_p <= u < p_p + p_d`` depresses.
    """
    n_block, n_synapses = uniforms.shape
    n_recorded = trajectories.shape[1]
    p_event = p_p + p_d
    for t in range(n_block):
        # Sums are taken relative to the previous mean, which keeps the
        # one-pass variance accurate when the mean is large.
        shift = mean[first_row + t - 1]
        total = 0.0
        total_squares = 0.0
        for i in range(n_synapses):
            u = uniforms[t, i]
            w = weights[i]
            if u < p_p:
                w += c_p
            elif u < p_event:
                if rule_code == 2:
                    w -= c_d * w
                else:
                    w -= c_d
            if rule_code == 1:
                if w > w_max:
                    w = w_max
                elif w < w_min:
                    w = w_min
            weights[i] = w
            total += w - shift
            total_squares += (w - shift) * (w - shift)

        row = first_row + t
        mean[row] = shift + total / n_synapses
        variance[row] = (total_squares - total * total / n_synapses) / (n_synapses - 1)
        for j in range(n_recorded):
            trajectories[row, j] = weights[j]


def simulate_walk(parameters, n_synapses, n_steps, w0=1.0, n_recorded=None, rng=None):
    """Simulate independent random walks of many synaptic weights.

    Parameters
    ----------
    parameters : WalkParameters
        Event probabilities, step sizes, rule and bounds.
    n_synapses : int
        Number of independent synapses, >= 2 (the variance needs two).
    n_steps : int
        Number of steps (plasticity opportunities), >= 0.
    w0 : float or array_like of shape (n_synapses,)
        Initial weights (dimensionless). They must lie in ``[w_min, w_max]``
        for the ``"hard"`` rule and be >= 0 for the ``"soft"`` rule.
    n_recorded : int, optional
        Number of synapses (the first ones) whose whole trajectory is stored,
        in [0, n_synapses]. The default stores min(5, n_synapses).
    rng : int, numpy.random.Generator or None
        Seed or generator of the event sequence.

    Returns
    -------
    WalkResult

    Notes
    -----
    One uniform number per synapse and step selects the event. The numbers are
    drawn by ``rng`` outside the numba kernel, in blocks of steps, so a seed
    gives identical weights with and without ``NUMBA_DISABLE_JIT=1`` and for
    any block size.
    """
    _require_parameters(parameters)
    n_synapses = check_integer("n_synapses", n_synapses, minimum=2)
    n_steps = check_integer("n_steps", n_steps, minimum=0)
    if n_recorded is None:
        n_recorded = min(5, n_synapses)
    n_recorded = check_integer("n_recorded", n_recorded, minimum=0, maximum=n_synapses)
    weights = _initial_weights(w0, n_synapses, parameters)
    generator = as_generator(rng)

    mean = np.empty(n_steps + 1)
    variance = np.empty(n_steps + 1)
    trajectories = np.empty((n_steps + 1, n_recorded))
    mean[0] = weights.mean()
    variance[0] = weights.var(ddof=1)
    trajectories[0] = weights[:n_recorded]

    block_steps = max(1, _BLOCK_VALUES // n_synapses)
    p = parameters
    for first_row in range(1, n_steps + 1, block_steps):
        n_block = min(block_steps, n_steps + 1 - first_row)
        uniforms = generator.random((n_block, n_synapses))
        _advance(weights, uniforms, _RULE_CODES[p.rule], float(p.p_p), float(p.p_d),
                 float(p.c_p), float(p.c_d), float(p.w_min), float(p.w_max),
                 mean, variance, trajectories, first_row)

    for array in (weights, mean, variance, trajectories):
        array.flags.writeable = False
    return WalkResult(parameters, weights, mean, variance, trajectories)


def _initial_weights(w0, n_synapses, parameters):
    """Return a float64 copy of ``w0`` of shape (n_synapses,) after checking it."""
    weights = np.array(w0, dtype=float)
    if weights.ndim == 0:
        weights = np.full(n_synapses, float(weights))
    if weights.shape != (n_synapses,):
        raise ValueError(
            f"`w0` has shape {weights.shape}, which is invalid: pass a number or an "
            f"array of shape ({n_synapses},)"
        )
    if not np.all(np.isfinite(weights)):
        raise ValueError("`w0` is invalid: every initial weight must be finite")
    if parameters.rule == "hard":
        low, high = weights.min(), weights.max()
        if low < parameters.w_min or high > parameters.w_max:
            raise ValueError(
                f"`w0` spans [{low}, {high}], which is invalid: with hard bounds every "
                f"initial weight must lie in [{parameters.w_min}, {parameters.w_max}]"
            )
    if parameters.rule == "soft" and weights.min() < 0:
        raise ValueError(
            f"`w0` has minimum {weights.min()}, which is invalid: with soft bounds every "
            "initial weight must be >= 0"
        )
    return weights


def drift(w, parameters):
    """Return the drift A(w), the mean weight change per step at weight ``w``.

    ``A(w) = p_p c_p - p_d c_d w`` for the soft rule and ``p_p c_p - p_d c_d``
    for the additive rules (for the hard rule it is exact only away from the bounds).
    """
    _require_parameters(parameters)
    w = np.asarray(w, dtype=float)
    p = parameters
    depression = p.c_d * w if p.rule == "soft" else p.c_d + 0.0 * w
    return p.p_p * p.c_p - p.p_d * depression


def diffusion(w, parameters):
    """Return D(w), the mean squared weight change per step at weight ``w``.

    ``D(w) = p_p c_p**2 + p_d (c_d w)**2`` for the soft rule and
    ``p_p c_p**2 + p_d c_d**2`` for the additive rules. It is the second moment
    of the jump (not its variance), the coefficient that enters the
    Kramers-Moyal expansion of the master equation.
    """
    _require_parameters(parameters)
    w = np.asarray(w, dtype=float)
    p = parameters
    depression = p.c_d * w if p.rule == "soft" else p.c_d + 0.0 * w
    return p.p_p * p.c_p**2 + p.p_d * depression**2


def unbounded_moments(parameters, n_steps, w0=0.0):
    """Return the exact mean and variance of the unbounded walk at steps 0..n_steps.

    Each step adds an independent jump with mean ``mu = p_p c_p - p_d c_d`` and
    variance ``sigma2 = p_p c_p**2 + p_d c_d**2 - mu**2``, so after ``n`` steps
    from the fixed weight ``w0`` the mean is ``w0 + n mu`` and the variance
    ``n sigma2``.

    Returns
    -------
    mean, variance : numpy.ndarray, shape (n_steps + 1,)
    """
    _require_rule(parameters, "unbounded")
    n_steps = check_integer("n_steps", n_steps, minimum=0)
    w0 = check_finite("w0", w0)
    p = parameters
    mu = p.p_p * p.c_p - p.p_d * p.c_d
    sigma2 = p.p_p * p.c_p**2 + p.p_d * p.c_d**2 - mu**2
    n = np.arange(n_steps + 1)
    return w0 + n * mu, n * sigma2


def soft_bound_moments(parameters, n_steps, w0=0.0):
    """Return the exact mean and variance of the soft-bound walk at steps 0..n_steps.

    With ``a = p_p c_p`` and ``b = p_d c_d`` the first two moments obey the
    closed linear recursions, exact for the discrete walk::

        m[t+1] = (1 - b) m[t] + a
        s[t+1] = (1 - b (2 - c_d)) s[t] + 2 a m[t] + p_p c_p**2

    where ``s`` is the second moment, so the mean relaxes to ``a / b`` as
    ``(1 - b)**t``. All synapses start at the fixed weight ``w0``.

    Returns
    -------
    mean, variance : numpy.ndarray, shape (n_steps + 1,)
    """
    _require_rule(parameters, "soft")
    n_steps = check_integer("n_steps", n_steps, minimum=0)
    w0 = check_nonnegative("w0", w0)
    p = parameters
    a = p.p_p * p.c_p
    b = p.p_d * p.c_d
    mean = np.empty(n_steps + 1)
    second = np.empty(n_steps + 1)
    mean[0] = w0
    second[0] = w0**2
    for t in range(n_steps):
        mean[t + 1] = (1 - b) * mean[t] + a
        second[t + 1] = (1 - b * (2 - p.c_d)) * second[t] + 2 * a * mean[t] + p.p_p * p.c_p**2
    return mean, second - mean**2


def soft_bound_stationary_moments(parameters):
    """Return the exact stationary mean and variance of the discrete soft-bound walk.

    The mean is ``a / b`` with ``a = p_p c_p`` and ``b = p_d c_d``, and the
    variance is ``D(a / b) / (b (2 - c_d))``, where ``D`` is :func:`diffusion`.
    Both follow from the fixed point of the recursions in
    :func:`soft_bound_moments`. They require ``p_d c_d > 0``.
    """
    _require_rule(parameters, "soft")
    p = parameters
    b = p.p_d * p.c_d
    if b == 0:
        raise ValueError(
            f"`p_d` * `c_d` = {p.p_d} * {p.c_d} = 0 is invalid: without depression the "
            "soft-bound walk has no stationary distribution"
        )
    mean = p.p_p * p.c_p / b
    return mean, float(diffusion(mean, p)) / (b * (2 - p.c_d))


def soft_bound_gaussian_variance(parameters):
    """Return the small-noise (Gaussian) approximation of the stationary variance.

    Linearising the drift around its zero ``w* = a / b`` and freezing the
    diffusion at ``D(w*)`` gives an Ornstein-Uhlenbeck process with variance
    ``D(w*) / (2 b)``. It is smaller than the exact value by the factor
    ``(2 - c_d) / 2``.
    """
    mean, _ = soft_bound_stationary_moments(parameters)
    b = parameters.p_d * parameters.c_d
    return float(diffusion(mean, parameters)) / (2 * b)


def fokker_planck_density(parameters):
    """Return the normalised stationary Fokker-Planck density of the soft-bound walk.

    The zero-flux solution ``P(w) = exp(int 2 A / D dw) / (Z D(w))`` with the
    drift and diffusion of :func:`drift` and :func:`diffusion` is, with
    ``a = p_p c_p``, ``b = p_d c_d`` and ``k = sqrt(p_p p_d) c_p c_d``,

        P(w) = D(w)**(-1 - 1/c_d) * exp(2 a / k * arctan(c_d sqrt(p_d) w / (c_p sqrt(p_p)))) / Z

    a Pearson type IV density on the whole real line, with power-law tails
    ``|w|**(-2 - 2/c_d)``. The constant ``Z`` is computed once by numerical
    quadrature.

    Parameters
    ----------
    parameters : WalkParameters
        Soft-bound parameters with ``p_p, p_d, c_p, c_d > 0``.

    Returns
    -------
    callable
        ``density(w)``: the density at the weights ``w`` (array_like,
        dimensionless), as a float array of the same shape.
    """
    _require_rule(parameters, "soft")
    p = parameters
    if min(p.p_p, p.p_d, p.c_p, p.c_d) <= 0:
        raise ValueError(
            f"`p_p`, `p_d`, `c_p`, `c_d` = {p.p_p}, {p.p_d}, {p.c_p}, {p.c_d} are invalid: "
            "the Fokker-Planck density needs all four > 0"
        )
    log_density = _log_unnormalised_density(p)
    center = p.p_p * p.c_p / (p.p_d * p.c_d)
    log_peak = float(log_density(center))

    def unnormalised(x):
        return math.exp(float(log_density(x)) - log_peak)

    scale = math.sqrt(float(diffusion(center, p)) / (p.p_d * p.c_d))
    # Splitting the real line at the mean +- 10 widths helps quad find the peak.
    points = [-np.inf, center - 10 * scale, center, center + 10 * scale, np.inf]
    norm = sum(integrate.quad(unnormalised, low, high, limit=200)[0]
               for low, high in zip(points[:-1], points[1:]))

    def density(w):
        return np.exp(log_density(np.asarray(w, dtype=float)) - log_peak) / norm

    return density


def _log_unnormalised_density(p):
    a = p.p_p * p.c_p
    k = math.sqrt(p.p_p * p.p_d) * p.c_p * p.c_d
    ratio = p.c_d * math.sqrt(p.p_d) / (p.c_p * math.sqrt(p.p_p))

    def log_density(w):
        return (-(1 + 1 / p.c_d) * np.log(diffusion(w, p))
                + 2 * a / k * np.arctan(ratio * w))

    return log_density


def total_variation_distance(samples, density, edges):
    """Return the total-variation distance between a histogram and a density.

    The distance is ``0.5 * sum(|q_i - r_i|)`` over the bins given by ``edges``
    plus one bin for everything outside them, where ``q_i`` is the fraction
    of ``samples`` in bin ``i`` and ``r_i`` the integral of ``density`` over
    it. It lies in [0, 1].

    Parameters
    ----------
    samples : array_like
        Observed values, at least one.
    density : callable
        Normalised probability density of one float, integrated over each bin
        by ``scipy.integrate.quad``.
    edges : array_like
        Increasing bin edges, at least two.
    """
    samples = np.asarray(samples, dtype=float).ravel()
    edges = np.asarray(edges, dtype=float)
    if samples.size == 0:
        raise ValueError("`samples` is empty, which is invalid: pass at least one value")
    if edges.ndim != 1 or edges.size < 2 or np.any(np.diff(edges) <= 0):
        raise ValueError(
            f"`edges` = {edges} is invalid: pass at least two strictly increasing values"
        )
    counts, _ = np.histogram(samples, bins=edges)
    observed = counts / samples.size
    expected = np.array([integrate.quad(lambda x: float(density(x)), low, high)[0]
                         for low, high in zip(edges[:-1], edges[1:])])
    outside_observed = 1.0 - observed.sum()
    outside_expected = max(0.0, 1.0 - expected.sum())
    return 0.5 * (np.abs(observed - expected).sum() + abs(outside_observed - outside_expected))


def plot_walk(result, ax=None, bins=40):
    """Plot recorded trajectories and the final weight histogram of a walk.

    Parameters
    ----------
    result : WalkResult
        Output of :func:`simulate_walk`.
    ax : sequence of two matplotlib Axes, optional
        Axes for the trajectories and for the histogram; a new figure with
        two panels is made when omitted.
    bins : int
        Number of histogram bins.

    Returns
    -------
    fig, ax : matplotlib Figure and the two Axes
    """
    import matplotlib.pyplot as plt

    from plastlib.plotting import COLORS

    if ax is None:
        fig, ax = plt.subplots(1, 2, figsize=(7.5, 3.0), width_ratios=(2, 1), sharey=True)
    else:
        fig = ax[0].figure
    ax[0].plot(result.steps, result.trajectories, linewidth=0.9)
    ax[0].plot(result.steps, result.mean, color="black", linestyle="-", linewidth=2.2,
               label="mean")
    ax[0].set_xlabel("step")
    ax[0].set_ylabel("weight $w$")
    ax[0].legend(loc="best")
    ax[1].hist(result.weights, bins=bins, orientation="horizontal", density=True,
               color=COLORS[0], alpha=0.7)
    ax[1].set_xlabel("density")
    return fig, ax


def _require_parameters(parameters):
    if not isinstance(parameters, WalkParameters):
        raise ValueError(
            f"`parameters` = {parameters!r} is invalid: pass a WalkParameters instance"
        )


def _require_rule(parameters, rule):
    _require_parameters(parameters)
    if parameters.rule != rule:
        raise ValueError(
            f"`parameters` = {parameters!r} is invalid here: this closed form applies only "
            f"to rule = {rule!r}"
        )
