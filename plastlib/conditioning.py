"""A minimal Hebbian model of classical (Pavlovian) conditioning.

One postsynaptic neuron drives the response. A fixed, strong synapse carries
the unconditioned stimulus (US), so the US alone evokes the full response. A
plastic synapse of weight ``w`` carries the conditioned stimulus (CS) and
starts too weak to evoke anything. On each trial the response is

.. math:: y = \\min\\left(1,\\; w\\,x + u\\,s\\right),

where :math:`x, s \\in \\{0, 1\\}` mark whether the CS and the US were
presented and :math:`u` is the strength of the US synapse. The CS weight
then changes by the Hebbian rule with a presynaptically gated decay

.. math:: \\Delta w = \\varepsilon\\, x\\, (y - w),

so only a synapse whose input was active changes (input specificity), the
product :math:`x y` of pre- and postsynaptic activity potentiates it (Hebb
1949), and the decay keeps :math:`w` within :math:`[0, 1]`.

Functions
---------
* :func:`make_protocol` builds the CS and US presentations of the paired,
  partially reinforced, unpaired, CS-alone and US-alone protocols.
* :func:`condition` runs the trials and returns the weight and response.
* :func:`paired_weight` and :func:`trials_to_criterion` are the closed forms
  of acquisition with paired trials.

References
----------
Hebb, D. O. (1949). The Organization of Behavior. Wiley, New York.
"""

import dataclasses
import math

import numba
import numpy as np

from plastlib._validation import as_generator, check_integer, check_range

__all__ = [
    "ConditioningResult",
    "PROTOCOLS",
    "condition",
    "make_protocol",
    "paired_weight",
    "trials_to_criterion",
]

PROTOCOLS = ("paired", "partial", "unpaired", "cs_alone", "us_alone")


@dataclasses.dataclass(frozen=True)
class ConditioningResult:
    """Result of :func:`condition`.

    Attributes
    ----------
    cs, us : numpy.ndarray
        Presentations (0 or 1) of the CS and US on each trial, shape ``(n_trials,)``.
    w : numpy.ndarray
        CS weight after each trial, shape ``(n_trials + 1,)``; ``w[0]`` is the
        initial weight.
    response : numpy.ndarray
        Response ``y`` on each trial, dimensionless in [0, 1].
    probe : numpy.ndarray
        Response that the CS alone would evoke after each trial (the
        conditioned response on a probe trial), shape ``(n_trials + 1,)``.
    """

    cs: np.ndarray
    us: np.ndarray
    w: np.ndarray
    response: np.ndarray
    probe: np.ndarray


def make_protocol(kind, n_trials, rng=None, p_us=0.5):
    """Return the CS and US presentations of a conditioning protocol.

    Parameters
    ----------
    kind : {"paired", "partial", "unpaired", "cs_alone", "us_alone"}
        ``"paired"``: CS and US together on every trial. ``"partial"``: CS on
        every trial, followed by the US with probability ``p_us`` (partial
        reinforcement). ``"unpaired"``: the
        same number of CS and US presentations, never together, in a random
        order. ``"cs_alone"``: CS only (the extinction protocol).
        ``"us_alone"``: US only.
    n_trials : int
        Number of trials (>= 1); an unpaired protocol needs an even number,
        half CS and half US trials.
    rng : int, numpy.random.Generator or None, optional
        Seed or generator for the random trials of the partial and unpaired
        protocols.
    p_us : float, optional
        Probability that the US accompanies the CS in the partial protocol,
        in [0, 1]. Default 0.5.

    Returns
    -------
    cs, us : numpy.ndarray
        Arrays of 0 and 1 of shape ``(n_trials,)``.
    """
    if kind not in PROTOCOLS:
        raise ValueError(f"`kind` = {kind!r} is invalid: choose one of {PROTOCOLS}")
    n_trials = check_integer("n_trials", n_trials, minimum=1)
    p_us = check_range("p_us", p_us, 0.0, 1.0)
    ones = np.ones(n_trials)
    zeros = np.zeros(n_trials)
    if kind == "paired":
        return ones, ones.copy()
    if kind == "cs_alone":
        return ones, zeros
    if kind == "us_alone":
        return zeros, ones
    if kind == "partial":
        reinforced = as_generator(rng).random(n_trials) < p_us
        return ones, reinforced.astype(float)
    if n_trials % 2:
        raise ValueError(
            f"`n_trials` = {n_trials} is invalid for an unpaired protocol: it must be even"
        )
    cs = np.repeat([1.0, 0.0], n_trials // 2)
    as_generator(rng).shuffle(cs)
    return cs, 1.0 - cs


@numba.njit(cache=True)
def _condition_kernel(cs, us, epsilon, us_strength, w, response, probe):
    for trial in range(cs.shape[0]):
        # Response: the sum of both synaptic drives, saturating at 1.
        drive = w[trial] * cs[trial] + us_strength * us[trial]
        y = min(1.0, drive)
        response[trial] = y

        # Hebbian potentiation x*y with a decay gated by the presynaptic input x.
        w[trial + 1] = w[trial] + epsilon * cs[trial] * (y - w[trial])
        probe[trial + 1] = min(1.0, w[trial + 1])
    probe[0] = min(1.0, w[0])


def condition(cs, us, epsilon=0.1, w0=0.0, us_strength=1.0):
    """Run a sequence of conditioning trials with the Hebbian rule.

    Parameters
    ----------
    cs, us : array_like
        Presentations of the conditioned and unconditioned stimulus on each
        trial: arrays of 0 and 1 with the same length.
    epsilon : float, optional
        Learning rate per trial, dimensionless, in (0, 1]. Default 0.1.
    w0 : float, optional
        Initial CS weight, in [0, 1]. Default 0 (a neutral CS).
    us_strength : float, optional
        Strength ``u`` of the fixed US synapse, dimensionless, >= 0. Default 1,
        enough for the US alone to evoke the full response.

    Returns
    -------
    ConditioningResult
        Weights, responses and probe (CS-alone) responses.
    """
    cs = np.asarray(cs, dtype=float).ravel()
    us = np.asarray(us, dtype=float).ravel()
    if cs.shape != us.shape:
        raise ValueError(
            f"`cs` has {cs.size} trials and `us` has {us.size}, which is invalid: they must match"
        )
    for name, values in (("cs", cs), ("us", us)):
        if not np.all((values == 0) | (values == 1)):
            raise ValueError(f"`{name}` is invalid: every presentation must be 0 or 1")
    epsilon = check_range("epsilon", epsilon, 0.0, 1.0, low_open=True)
    w0 = check_range("w0", w0, 0.0, 1.0)
    us_strength = check_range("us_strength", us_strength, 0.0, math.inf)

    n_trials = cs.size
    w = np.zeros(n_trials + 1)
    w[0] = w0
    response = np.zeros(n_trials)
    probe = np.zeros(n_trials + 1)
    _condition_kernel(cs, us, epsilon, us_strength, w, response, probe)
    return ConditioningResult(cs=cs, us=us, w=w, response=response, probe=probe)


def paired_weight(n, epsilon=0.1, w0=0.0):
    """Compute the CS weight after ``n`` paired trials (closed form).

    With ``us_strength >= 1`` every paired trial evokes ``y = 1``, so
    ``w_{n+1} = w_n + epsilon (1 - w_n)`` and

    .. math:: w_n = 1 - (1 - w_0)(1 - \\varepsilon)^n .

    Parameters
    ----------
    n : int or array_like
        Number of paired trials (>= 0).
    epsilon : float, optional
        Learning rate per trial, in (0, 1]. Default 0.1.
    w0 : float, optional
        Initial weight, in [0, 1]. Default 0.
    """
    n = np.asarray(n)
    if np.any(n < 0):
        raise ValueError("`n` is invalid: the number of trials must be >= 0")
    epsilon = check_range("epsilon", epsilon, 0.0, 1.0, low_open=True)
    w0 = check_range("w0", w0, 0.0, 1.0)
    return 1.0 - (1.0 - w0) * (1.0 - epsilon) ** n


def trials_to_criterion(criterion, epsilon=0.1, w0=0.0):
    """Compute the number of paired trials before the CS response reaches ``criterion``.

    Parameters
    ----------
    criterion : float
        Conditioned-response level to reach, in (w0, 1).
    epsilon : float, optional
        Learning rate per trial, in (0, 1). Default 0.1.
    w0 : float, optional
        Initial weight, in [0, 1). Default 0.

    Returns
    -------
    int
        The smallest ``n`` with ``paired_weight(n) >= criterion``, that is
        ``ceil(log((1 - criterion) / (1 - w0)) / log(1 - epsilon))``.
    """
    epsilon = check_range("epsilon", epsilon, 0.0, 1.0, low_open=True, high_open=True)
    w0 = check_range("w0", w0, 0.0, 1.0, high_open=True)
    criterion = check_range("criterion", criterion, w0, 1.0, low_open=True, high_open=True)
    exact = math.log((1.0 - criterion) / (1.0 - w0)) / math.log(1.0 - epsilon)
    # Round before the ceiling so that an exact integer is not pushed up by rounding error.
    return int(math.ceil(round(exact, 9)))
