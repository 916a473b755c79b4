"""Memory storage by plastic synapses: recognition signal-to-noise ratio and Shannon information.

A neuron with ``N`` plastic synapses learns an endless stream of random patterns
``x`` with entries +1 or -1 (probability 1/2 each), one pattern per learning step.
Where ``x_i = +1`` synapse ``i`` is potentiated, where ``x_i = -1`` it is depressed,
so new memories overwrite old ones. The weights lie in [-1, 1] and follow one of
two rules with learning rate ``a``:

* hard bounds: ``w -> clip(w + a x_i, -1, 1)``;
* soft bounds (weight-dependent): ``w -> w + a (1 - w)`` when potentiated and
  ``w -> w - a (1 + w)`` when depressed.

At test time the neuron's output ``h = sum_i x_i w_i`` to a pattern stored ``t``
steps ago is compared with its output to a novel pattern (a lure). The
signal-to-noise ratio is ``S(t) = (<h_learned(t)> - <h_lure>)^2 / var(h_lure)``,
and the Shannon information gained per pattern by the optimal threshold
decision is ``1 - H2(Phi(-sqrt(S)/2))`` bits, about ``S / (4 pi ln 2)`` at small ``S``.

Functions
---------
Simulation:
    :func:`simulate_recognition`, :func:`measure_capacity`, :func:`default_ages`,
    :func:`snr_area_standard_error`.
Theory (exact for the discrete rules):
    :func:`snr_soft_bound`, :func:`snr_hard_bound`, :func:`snr_area`,
    :func:`memory_lifetime`.
Theory (small learning rate, diffusion limit):
    :func:`snr_hard_bound_diffusion`, :func:`hard_bound_double_series`,
    :func:`hard_bound_double_series_limit`, :func:`information_limit`.
Information:
    :func:`predicted_information`, :func:`information_from_snr`, :func:`information_small_snr`,
    :func:`sum_over_ages`, :func:`information_per_synapse`.

References
----------
Amit D. J. & Fusi S. (1994) Learning in neural networks with material synapses.
Neural Computation 6:957-982.
Fusi S. & Abbott L. F. (2007) Limits on the memory storage capacity of bounded
synapses. Nature Neuroscience 10:485-493.
Barrett A. B. & van Rossum M. C. W. (2008) Optimal learning rules for discrete
synapses. PLoS Computational Biology 4:e1000230.
van Rossum M. C. W., Shippi M. & Barrett A. B. (2012) Soft-bound synaptic
plasticity increases storage capacity. PLoS Computational Biology 8:e1002836.
"""

import math
from dataclasses import dataclass

import numba
import numpy as np
from scipy import special

from ._validation import (
    as_generator,
    check_integer,
    check_positive,
    check_range,
)

__all__ = [
    "RULES",
    "RecognitionResult",
    "default_ages",
    "hard_bound_double_series",
    "hard_bound_double_series_limit",
    "information_from_snr",
    "information_limit",
    "information_per_synapse",
    "information_small_snr",
    "measure_capacity",
    "memory_lifetime",
    "predicted_information",
    "simulate_recognition",
    "snr_area",
    "snr_area_standard_error",
    "snr_hard_bound",
    "snr_hard_bound_diffusion",
    "snr_soft_bound",
    "sum_over_ages",
]

RULES = ("soft", "hard")
"""Names of the two plasticity rules: weight-dependent (soft) and hard bounds."""

# S(t) falls below this fraction of S(0) at the largest age of the default grid,
# so the SNR area beyond the grid is below about 1e-4 of the total.
_AREA_TAIL = 1e-4


@dataclass(frozen=True)
class RecognitionResult:
    """Recognition output statistics measured in :func:`simulate_recognition`.

    All outputs ``h = sum_i x_i w_i`` are dimensionless.

    Attributes
    ----------
    ages : numpy.ndarray of int
        Pattern ages tested, in learning steps since storage (0: the pattern
        stored in the last step).
    signal : numpy.ndarray
        Mean output to a learned pattern of each age minus the mean output to a
        lure (which is 0 because lure entries are +1 or -1 with equal probability).
    noise : float
        Standard deviation of the output to a lure, from the exact variance over
        lures given the weights, ``sum_i w_i**2``, averaged over the test steps.
    snr : numpy.ndarray
        Signal-to-noise ratio ``signal**2 / noise**2`` minus its sampling bias
        (the variance of ``signal`` divided by ``noise**2``), so it is unbiased
        and may be slightly negative where the true SNR is near zero.
    sampled_lure_mean, sampled_lure_std : float
        Mean and standard deviation of the outputs to the ``n_tests`` sampled
        lures, a check on ``0`` and ``noise``.
    n_tests : int
        Number of outputs averaged per age (and number of lures).
    n_synapses : int
        Number of synapses ``N``.
    learning_rate : float
        Learning rate ``a`` (dimensionless).
    rule : str
        ``"soft"`` or ``"hard"``.
    """

    ages: np.ndarray
    signal: np.ndarray
    noise: float
    snr: np.ndarray
    sampled_lure_mean: float
    sampled_lure_std: float
    n_tests: int
    n_synapses: int
    learning_rate: float
    rule: str


def _check_rule(rule):
    if rule not in RULES:
        raise ValueError(f"`rule` = {rule!r} is invalid: it must be one of {RULES}")
    return rule


def _check_learning_rate(learning_rate):
    return check_range("learning_rate", learning_rate, 0.0, 1.0, low_open=True, high_open=True)


def _check_ages(ages):
    ages = np.asarray(ages)
    if ages.ndim != 1 or ages.size == 0:
        raise ValueError(f"`ages` has shape {ages.shape}: it must be a non-empty 1-D array")
    if not np.issubdtype(ages.dtype, np.integer):
        if not np.all(np.isfinite(ages)) or np.any(ages != np.round(ages)):
            raise ValueError("`ages` is invalid: every age must be an integer number of steps")
    ages = ages.astype(np.int64)
    if ages.min() < 0:
        raise ValueError(f"`ages` contains {ages.min()}: ages must be >= 0 steps")
    return ages


def _hard_lattice_size(learning_rate):
    """Return the number of weight levels ``2 / a + 1`` when it is an integer, else raise."""
    levels = 2.0 / learning_rate
    if abs(levels - round(levels)) > 1e-9 * levels:
        raise ValueError(
            f"`learning_rate` = {learning_rate} is invalid for the exact hard-bound theory: "
            "2 / learning_rate must be an integer, so that the weights move on a lattice "
            "from -1 to 1"
        )
    return int(round(levels)) + 1


# --------------------------------------------------------------------------- theory


def snr_soft_bound(ages, n_synapses, learning_rate):
    """Compute the exact recognition SNR of soft-bound synapses at each age.

    Parameters
    ----------
    ages : array_like of int
        Pattern ages, in learning steps since storage.
    n_synapses : int
        Number of synapses ``N``.
    learning_rate : float
        Learning rate ``a``, in (0, 1).

    Returns
    -------
    numpy.ndarray
        ``S(t) = N a (2 - a) (1 - a)**(2 t)``.

    Notes
    -----
    The mean weight of a synapse potentiated ``t`` steps ago is ``a (1 - a)**t``
    because the mean update ``-a w`` shrinks any deviation by ``1 - a`` per step.
    The stationary second moment is ``q = a / (2 - a)``, the fixed point of
    ``q -> (1 - a)**2 q + a**2``. Then ``S = N v**2 / q``.
    """
    ages = _check_ages(ages)
    n_synapses = check_integer("n_synapses", n_synapses, minimum=1)
    a = _check_learning_rate(learning_rate)
    return n_synapses * a * (2.0 - a) * (1.0 - a) ** (2.0 * ages)


def _hard_bound_modes(learning_rate):
    """Return the eigenvalues and weights ``c_k`` of the hard-bound mean-weight decay.

    The mean weight of a synapse potentiated ``t`` steps ago is
    ``v(t) = sum_k c_k mu_k**t``. The weight performs a symmetric random walk on
    the ``L = 2 / a + 1`` lattice levels and stays put when a step would cross a
    bound. Its transition matrix is therefore symmetric, and ``eigh`` diagonalises it.
    """
    levels = _hard_lattice_size(learning_rate)
    weights = np.linspace(-1.0, 1.0, levels)
    transition = np.zeros((levels, levels))
    for index in range(levels):
        transition[index, min(index + 1, levels - 1)] += 0.5
        transition[index, max(index - 1, 0)] += 0.5
    stationary = np.full(levels, 1.0 / levels)
    # One potentiation step moves every level up by one; the top level stays put.
    after_potentiation = np.concatenate([[0.0], stationary[:-1]])
    after_potentiation[-1] += stationary[-1]
    eigenvalues, eigenvectors = np.linalg.eigh(transition)
    coefficients = (weights @ eigenvectors) * (after_potentiation @ eigenvectors)
    second_moment = float(weights**2 @ stationary)
    return eigenvalues, coefficients, second_moment


def snr_hard_bound(ages, n_synapses, learning_rate):
    """Compute the exact recognition SNR of hard-bound synapses at each age.

    Parameters
    ----------
    ages : array_like of int
        Pattern ages, in learning steps since storage.
    n_synapses : int
        Number of synapses ``N``.
    learning_rate : float
        Step size ``a``; ``2 / a`` must be an integer so that the weights live on
        the lattice ``-1, -1 + a, ..., 1``.

    Returns
    -------
    numpy.ndarray
        ``S(t) = N v(t)**2 / q``, where ``v(t)`` is the mean weight of a synapse
        potentiated ``t`` steps ago and ``q = (1 + a) / 3`` is the stationary
        second moment of the uniform lattice distribution.
    """
    ages = _check_ages(ages)
    n_synapses = check_integer("n_synapses", n_synapses, minimum=1)
    a = _check_learning_rate(learning_rate)
    eigenvalues, coefficients, second_moment = _hard_bound_modes(a)
    mean_weight = (eigenvalues[None, :] ** ages[:, None]) @ coefficients
    return n_synapses * mean_weight**2 / second_moment


def snr_hard_bound_diffusion(ages, n_synapses, learning_rate, n_modes=200):
    """Compute the hard-bound SNR in the diffusion (small learning rate) limit.

    Parameters
    ----------
    ages : array_like of int
        Pattern ages, in learning steps since storage.
    n_synapses : int
        Number of synapses ``N``.
    learning_rate : float
        Step size ``a``, in (0, 1).
    n_modes : int, optional
        Number of odd eigenmodes kept in the sum.

    Returns
    -------
    numpy.ndarray
        ``S(t) = 3 N a**2 [sum_k exp(-lambda_k a**2 t) / lambda_k]**2`` with
        ``lambda_k = (pi (2 k + 1))**2 / 8``.
    """
    ages = _check_ages(ages)
    n_synapses = check_integer("n_synapses", n_synapses, minimum=1)
    a = _check_learning_rate(learning_rate)
    n_modes = check_integer("n_modes", n_modes, minimum=1)
    rates = (np.pi * (2 * np.arange(n_modes) + 1)) ** 2 / 8.0
    mean_weight = a * (np.exp(-np.outer(ages, rates) * a**2) @ (1.0 / rates))
    return 3.0 * n_synapses * mean_weight**2


def snr_area(rule, learning_rate):
    """Compute the exact SNR summed over all ages, per synapse: ``sum_t S(t) / N``.

    Parameters
    ----------
    rule : {"soft", "hard"}
        Plasticity rule.
    learning_rate : float
        Learning rate ``a``; for ``"hard"``, ``2 / a`` must be an integer.

    Returns
    -------
    float
        Exactly 1 for soft bounds at every learning rate. For hard bounds,
        ``sum_{k,l} c_k c_l / (q (1 - mu_k mu_l))`` over the lattice eigenmodes,
        which tends to 0.842 as ``a -> 0``.
    """
    rule = _check_rule(rule)
    a = _check_learning_rate(learning_rate)
    if rule == "soft":
        return 1.0
    eigenvalues, coefficients, second_moment = _hard_bound_modes(a)
    # The uniform eigenvector (eigenvalue 1) carries no mean weight, so it is dropped.
    # The other eigenvalues, cos(pi k / L), lie in (-1, 1), so 1 - mu_k mu_l stays > 0.
    keep = eigenvalues < 1.0 - 1e-12
    mu, c = eigenvalues[keep], coefficients[keep]
    return float(np.sum(np.outer(c, c) / (1.0 - np.outer(mu, mu))) / second_moment)


def hard_bound_double_series(n_terms):
    """Sum ``sum_{k,l < n_terms} 1 / (lambda_k lambda_l (lambda_k + lambda_l))`` directly.

    Parameters
    ----------
    n_terms : int
        Number of modes ``k = 0 .. n_terms - 1`` in each index, with
        ``lambda_k = (pi (2 k + 1))**2 / 8``.

    Returns
    -------
    float
        The truncated double series; the truncation error falls as ``n_terms**-3``.
    """
    n_terms = check_integer("n_terms", n_terms, minimum=1)
    rates = (np.pi * (2 * np.arange(n_terms) + 1)) ** 2 / 8.0
    return float(np.sum(1.0 / (np.outer(rates, rates) * (rates[:, None] + rates[None, :]))))


def hard_bound_double_series_limit(n_terms=30):
    """Evaluate the infinite hard-bound double series through a fast single series.

    With odd ``n``, ``m`` and ``lambda = pi**2 n**2 / 8``, the inner sum over ``m`` is
    known in closed form (``sum_m 1 / (m**2 + n**2) = pi tanh(pi n / 2) / (4 n)``), which
    leaves ``(8 / pi**2)**3 [pi**6 / 768 - (pi / 4)((31 / 32) zeta(5)
    - 2 sum_n 1 / (n**5 (exp(pi n) + 1)))]``. The remaining sum converges like
    ``exp(-pi n)``.

    Parameters
    ----------
    n_terms : int, optional
        Number of odd ``n`` kept in the exponentially convergent sum.

    Returns
    -------
    float
        The value of the infinite double series.
    """
    n_terms = check_integer("n_terms", n_terms, minimum=1)
    odd = 2.0 * np.arange(n_terms) + 1.0
    correction = np.sum(1.0 / (odd**5 * (np.exp(np.pi * odd) + 1.0)))
    odd_zeta5 = 31.0 / 32.0 * special.zeta(5.0)
    double_sum = np.pi**6 / 768.0 - np.pi / 4.0 * (odd_zeta5 - 2.0 * correction)
    return float((8.0 / np.pi**2) ** 3 * double_sum)


def predicted_information(rule, learning_rate, n_synapses):
    """Compute the information per synapse, in bits, from the exact SNR of every age.

    Parameters
    ----------
    rule : {"soft", "hard"}
        Plasticity rule.
    learning_rate : float
        Learning rate ``a``; for ``"hard"``, ``2 / a`` must be an integer.
    n_synapses : int
        Number of synapses ``N``.

    Returns
    -------
    float
        ``sum_t I(S(t)) / N`` over every integer age up to the largest of
        :func:`default_ages`, with ``S`` from :func:`snr_soft_bound` or
        :func:`snr_hard_bound` and ``I`` from :func:`information_from_snr`. The
        recognition output is taken to be Gaussian, which holds for large ``N``.
    """
    rule = _check_rule(rule)
    a = _check_learning_rate(learning_rate)
    n_synapses = check_integer("n_synapses", n_synapses, minimum=1)
    ages = np.arange(default_ages(rule, a)[-1] + 1)
    snr_function = snr_soft_bound if rule == "soft" else snr_hard_bound
    snr = snr_function(ages, n_synapses, a)
    return float(np.sum(information_from_snr(snr)) / n_synapses)


def memory_lifetime(rule, learning_rate, n_synapses, threshold=1.0):
    """Count the most recent patterns whose recognition SNR is at least ``threshold``.

    This is the memory lifetime in the sense of Fusi & Abbott (2007): the age,
    in learning steps, at which a memory can no longer be distinguished from a lure
    with the required reliability.

    Parameters
    ----------
    rule : {"soft", "hard"}
        Plasticity rule.
    learning_rate : float
        Learning rate ``a``; for ``"hard"``, ``2 / a`` must be an integer.
    n_synapses : int
        Number of synapses ``N``.
    threshold : float, optional
        SNR that a memory must reach, > 0.

    Returns
    -------
    int
        Number of ages ``t >= 0`` with ``S(t) >= threshold`` (0 if even ``S(0)``
        is below it), from the exact SNR.
    """
    rule = _check_rule(rule)
    a = _check_learning_rate(learning_rate)
    n_synapses = check_integer("n_synapses", n_synapses, minimum=1)
    threshold = check_positive("threshold", threshold)
    ages = np.arange(default_ages(rule, a)[-1] + 1)
    snr_function = snr_soft_bound if rule == "soft" else snr_hard_bound
    return int(np.count_nonzero(snr_function(ages, n_synapses, a) >= threshold))


def information_limit(rule):
    """Return the information per synapse, in bits, in the limit of small learning rates.

    Parameters
    ----------
    rule : {"soft", "hard"}
        Plasticity rule.

    Returns
    -------
    float
        ``1 / (4 pi ln 2)`` (about 0.1148) for soft bounds and
        ``3 D / (4 pi ln 2)`` (about 0.0968) for hard bounds, where ``D`` is
        :func:`hard_bound_double_series_limit`.
    """
    rule = _check_rule(rule)
    area = 1.0 if rule == "soft" else 3.0 * hard_bound_double_series_limit()
    return area / (4.0 * math.pi * math.log(2.0))


# ------------------------------------------------------------------- information


def information_from_snr(snr):
    """Compute the information, in bits, gained by the optimal decision between two Gaussians.

    A learned pattern gives an output with mean ``sqrt(S)`` (in units of the noise)
    and a lure gives mean 0, both with unit variance and equal prior probability.
    The threshold halfway between them errs with probability
    ``p = Phi(-sqrt(S) / 2)``, and the decision carries ``1 - H2(p)`` bits.

    Parameters
    ----------
    snr : array_like
        Signal-to-noise ratio ``S``. A negative value (an SNR estimate pulled
        below zero by sampling noise) gives ``-I(|S|)``, so that sums over many
        ages near zero SNR stay unbiased.

    Returns
    -------
    numpy.ndarray or float
        Information in bits, between -1 and 1.
    """
    snr = np.asarray(snr, dtype=float)
    error = special.ndtr(-np.sqrt(np.abs(snr)) / 2.0)
    entropy = -(special.xlogy(error, error) + special.xlogy(1.0 - error, 1.0 - error))
    information = np.sign(snr) * (1.0 - entropy / math.log(2.0))
    return information if information.ndim else float(information)


def information_small_snr(snr):
    """Return the small-SNR approximation ``S / (4 pi ln 2)`` of :func:`information_from_snr`."""
    return np.asarray(snr, dtype=float) / (4.0 * math.pi * math.log(2.0))


def sum_over_ages(ages, values):
    """Estimate ``sum_{t = ages[0]}^{ages[-1]} f(t)`` over every integer age from samples.

    Between two samples that are both positive, ``f`` is interpolated as an
    exponential (exact for exponential decay, the typical shape of ``S(t)``);
    elsewhere, for example where sampling noise makes an estimate negative, as a
    straight line.

    Parameters
    ----------
    ages : array_like of int
        Strictly increasing ages, in learning steps.
    values : array_like
        ``f`` at each age.

    Returns
    -------
    float
    """
    ages = _check_ages(ages)
    values = np.asarray(values, dtype=float)
    if values.shape != ages.shape:
        raise ValueError(
            f"`values` has shape {values.shape}: it must match `ages`, shape {ages.shape}"
        )
    if np.any(np.diff(ages) <= 0):
        raise ValueError("`ages` is invalid: it must be strictly increasing")
    gaps = np.diff(ages).astype(float)
    left, right = values[:-1], values[1:]

    # Linear interpolation: sum over t_j <= t < t_j + h of the straight line.
    segment_sums = gaps * left + (right - left) * (gaps - 1.0) / 2.0

    # Exponential interpolation f_j rho**(t - t_j), rho = (f_{j+1} / f_j)**(1 / h):
    # the geometric series sums to (f_j - f_{j+1}) / (1 - rho).
    exponential = (left > 0) & (right > 0) & (left != right)
    ratio = np.ones_like(left)
    ratio[exponential] = (right[exponential] / left[exponential]) ** (1.0 / gaps[exponential])
    segment_sums[exponential] = ((left - right)[exponential] / (1.0 - ratio[exponential]))
    return float(np.sum(segment_sums) + values[-1])


def information_per_synapse(ages, snr, n_synapses):
    """Sum the information over pattern ages and divide by the number of synapses.

    Parameters
    ----------
    ages : array_like of int
        Strictly increasing ages from 0, in learning steps.
    snr : array_like
        Recognition SNR at each age.
    n_synapses : int
        Number of synapses ``N``.

    Returns
    -------
    float
        ``sum_t I(S(t)) / N`` in bits per synapse, with ``I`` from
        :func:`information_from_snr` and the sum from :func:`sum_over_ages`.
    """
    n_synapses = check_integer("n_synapses", n_synapses, minimum=1)
    return sum_over_ages(ages, information_from_snr(snr)) / n_synapses


# --------------------------------------------------------------------- simulation


def _slowest_snr_decay(rule, learning_rate):
    """Return the slowest decay rate of ``S(t)``, per step."""
    if rule == "soft":
        return -2.0 * math.log(1.0 - learning_rate)
    levels = 2.0 / learning_rate + 1.0
    return -2.0 * math.log(math.cos(math.pi / levels))


def default_ages(rule, learning_rate, n_ages=60):
    """Return a grid of pattern ages from 0 until ``S(t)`` has fallen to 1e-4 of ``S(0)``.

    Half of the points are spaced evenly and half geometrically, so that both the
    fast early decay and the slow tail are sampled well enough for
    :func:`sum_over_ages`.

    Parameters
    ----------
    rule : {"soft", "hard"}
        Plasticity rule.
    learning_rate : float
        Learning rate ``a``, in (0, 1).
    n_ages : int, optional
        Approximate number of ages (duplicates after rounding are dropped).

    Returns
    -------
    numpy.ndarray of int
        Strictly increasing ages starting at 0.
    """
    rule = _check_rule(rule)
    a = _check_learning_rate(learning_rate)
    n_ages = check_integer("n_ages", n_ages, minimum=4)
    max_age = max(int(math.ceil(-math.log(_AREA_TAIL) / _slowest_snr_decay(rule, a))), 3)
    even = np.linspace(0, max_age, n_ages // 2)
    geometric = np.geomspace(1, max_age, n_ages - n_ages // 2)
    return np.unique(np.round(np.concatenate([[0], even, geometric])).astype(np.int64))


def simulate_recognition(rule, n_synapses, learning_rate, ages=None, n_tests=10_000,
                         n_burn_in=None, rng=None):
    """Simulate ongoing learning of random patterns and measure recognition at each age.

    Every step stores one new pattern of +1 and -1 entries. Once the weights have
    equilibrated, every step also records the output to the patterns stored
    ``ages`` steps ago and to one fresh lure.

    Parameters
    ----------
    rule : {"soft", "hard"}
        Soft bounds (``dw = a (1 - w)`` or ``-a (1 + w)``) or hard bounds
        (``dw = +-a`` clipped to [-1, 1]).
    n_synapses : int
        Number of synapses ``N``.
    learning_rate : float
        Learning rate ``a``, in (0, 1), dimensionless.
    ages : array_like of int, optional
        Ages to test, in learning steps; default :func:`default_ages`.
    n_tests : int, optional
        Number of test steps; each gives one output per age and one lure output.
    n_burn_in : int, optional
        Learning steps before the first test; at least the largest age, so that
        every tested age refers to a stored pattern. Default: the largest age.
    rng : int, numpy.random.Generator or None
        Seed or generator.

    Returns
    -------
    RecognitionResult

    Notes
    -----
    Initial weights are drawn near the stationary distribution (uniform on the
    lattice of hard-bound levels; Gaussian with variance ``a / (2 - a)`` clipped to
    [-1, 1] for soft bounds) and then relax during the burn-in. The random
    patterns are drawn inside the kernel from a seed taken from ``rng``, so runs
    with and without ``NUMBA_DISABLE_JIT`` differ in their samples, not in their
    statistics.
    """
    rule = _check_rule(rule)
    n_synapses = check_integer("n_synapses", n_synapses, minimum=1)
    a = _check_learning_rate(learning_rate)
    ages = default_ages(rule, a) if ages is None else _check_ages(ages)
    if np.any(np.diff(ages) <= 0):
        raise ValueError("`ages` is invalid: it must be strictly increasing")
    max_age = int(ages[-1])
    n_tests = check_integer("n_tests", n_tests, minimum=2)
    if n_burn_in is None:
        n_burn_in = max_age
    n_burn_in = check_integer("n_burn_in", n_burn_in, minimum=max_age)
    generator = as_generator(rng)

    if rule == "hard":
        levels = int(math.floor(2.0 / a + 1e-9)) + 1
        weights = -1.0 + a * generator.integers(0, levels, size=n_synapses)
    else:
        weights = generator.normal(0.0, math.sqrt(a / (2.0 - a)), size=n_synapses)
        weights = np.clip(weights, -1.0, 1.0)

    output_sum = np.zeros(ages.size)
    output_sum_sq = np.zeros(ages.size)
    lure_sums = np.zeros(3)
    # NumPy's legacy np.random.seed, which the kernel calls when NUMBA_DISABLE_JIT=1,
    # accepts only seeds below 2**32, so the 63-bit kernel_seed cannot be used here.
    seed = int(generator.integers(0, 2**32))
    _recognition_kernel(weights, a, rule == "soft", n_burn_in, n_tests, ages, seed,
                        output_sum, output_sum_sq, lure_sums)

    # Lure entries are +1 or -1 with probability 1/2, so given the weights a lure's
    # output has mean 0 and variance sum_i w_i**2. Averaging these conditional moments
    # over the test steps estimates the lure statistics far more precisely than the
    # sampled lure outputs, which are returned only as a check.
    output_mean = output_sum / n_tests
    output_variance = output_sum_sq / n_tests - output_mean**2
    lure_variance = lure_sums[2] / n_tests
    signal = output_mean
    snr = (signal**2 - output_variance / n_tests) / lure_variance
    sampled_lure_mean = lure_sums[0] / n_tests
    sampled_lure_variance = lure_sums[1] / n_tests - sampled_lure_mean**2
    return RecognitionResult(ages=ages, signal=signal, noise=float(np.sqrt(lure_variance)),
                             snr=snr, sampled_lure_mean=float(sampled_lure_mean),
                             sampled_lure_std=float(np.sqrt(sampled_lure_variance)),
                             n_tests=n_tests, n_synapses=n_synapses, learning_rate=a, rule=rule)


@numba.njit(cache=True)
def _recognition_kernel(weights, learning_rate, soft, n_burn_in, n_tests, ages, seed,
                        output_sum, output_sum_sq, lure_sums):
    np.random.seed(seed)
    n_synapses = weights.size
    buffer_size = ages[-1] + 1
    history = np.empty((buffer_size, n_synapses), dtype=np.int8)

    for step in range(n_burn_in + n_tests):
        # Draw the new pattern, keep it in the ring buffer and learn it.
        slot = step % buffer_size
        for i in range(n_synapses):
            sign = 1 if np.random.random() < 0.5 else -1
            history[slot, i] = sign
            w = weights[i]
            if soft:
                if sign > 0:
                    w += learning_rate * (1.0 - w)
                else:
                    w -= learning_rate * (1.0 + w)
            else:
                w += learning_rate * sign
                if w > 1.0:
                    w = 1.0
                elif w < -1.0:
                    w = -1.0
            weights[i] = w
        if step < n_burn_in:
            continue

        # Output to the stored pattern of every tested age.
        for j in range(ages.size):
            row = (step - ages[j]) % buffer_size
            output = 0.0
            for i in range(n_synapses):
                output += history[row, i] * weights[i]
            output_sum[j] += output
            output_sum_sq[j] += output * output

        # Output to one novel pattern, and its variance over all novel patterns
        # given the current weights, sum_i w_i**2.
        output = 0.0
        squared_norm = 0.0
        for i in range(n_synapses):
            squared_norm += weights[i] * weights[i]
            if np.random.random() < 0.5:
                output += weights[i]
            else:
                output -= weights[i]
        lure_sums[0] += output
        lure_sums[1] += output * output
        lure_sums[2] += squared_norm


def snr_area_standard_error(rule, learning_rate, n_synapses, n_tests):
    """Estimate the sampling standard deviation of a simulated SNR area per synapse.

    Parameters
    ----------
    rule : {"soft", "hard"}
        Plasticity rule.
    learning_rate : float
        Learning rate ``a``, in (0, 1).
    n_synapses : int
        Number of synapses ``N``.
    n_tests : int
        Test steps ``M`` of :func:`simulate_recognition`.

    Returns
    -------
    float
        ``sqrt(8 / (a N M))`` for soft bounds, ``sqrt(16 / (3 a**2 N M))`` for hard
        bounds: the relative error of ``sum_t S(t) / N``, for small learning rates.

    Notes
    -----
    The area estimate is ``sum_t v_hat(t)**2 / q``, and its error is dominated by
    ``2 sum_t v(t) dv(t) / q``, where each signal error ``dv(t)`` has variance
    ``q / (N M)``. The weights change slowly, so the noise in the outputs to one
    pattern is nearly the same at every age at which it is tested. Taking the
    errors at different ages as fully correlated gives the bound
    ``2 sum_t v(t) sqrt(q / (N M)) / q``, with ``sum_t v = 1`` and ``q = a / 2``
    (soft) or ``sum_t v = 2 / (3 a)`` and ``q = 1 / 3`` (hard).
    """
    rule = _check_rule(rule)
    a = _check_learning_rate(learning_rate)
    n_synapses = check_integer("n_synapses", n_synapses, minimum=1)
    n_tests = check_integer("n_tests", n_tests, minimum=1)
    if rule == "soft":
        return math.sqrt(8.0 / (a * n_synapses * n_tests))
    return math.sqrt(16.0 / (3.0 * a**2 * n_synapses * n_tests))


def measure_capacity(rule, learning_rate, n_synapses, n_tests=10_000, rng=None):
    """Simulate one neuron and return its recognition capacity as a flat record.

    Written for :func:`plastlib.sweep.run_sweep`: the arguments are plain
    numbers and the result is a ``dict`` of floats.

    Parameters
    ----------
    rule : {"soft", "hard"}
        Plasticity rule.
    learning_rate : float
        Learning rate ``a``, in (0, 1).
    n_synapses : int
        Number of synapses ``N``.
    n_tests : int, optional
        Test steps, as in :func:`simulate_recognition`.
    rng : int, numpy.random.Generator or None
        Seed or generator.

    Returns
    -------
    dict
        ``information`` (bits per synapse, summed over ages), ``snr_area``
        (``sum_t S(t) / N``) and ``initial_snr`` (``S(0)``).
    """
    result = simulate_recognition(rule, n_synapses, learning_rate, n_tests=n_tests, rng=rng)
    return {
        "information": information_per_synapse(result.ages, result.snr, n_synapses),
        "snr_area": sum_over_ages(result.ages, result.snr) / n_synapses,
        "initial_snr": float(result.snr[0]),
    }
