"""Checks for the coding exercises of the chapter on unsupervised Hebbian learning.

Each check recomputes its reference with :mod:`plastlib.hebbian` and the
chapter's parameters (the defaults of the keyword arguments), then compares
the student's answer with it. Weights and rates are dimensionless; learning
time is counted in input presentations.

Functions
---------
check_plain_bounds
    Exercise ``heb-ex-plain-bounds``: final weights of the plain rule with hard bounds.
check_segregation
    Exercise ``heb-ex-segregation``: divisive and subtractive normalisation of two
    equivalent inputs.
check_bcm_slow
    Exercise ``heb-ex-bcm-slow``: a BCM run whose threshold slides too slowly.
"""

import numpy as np

from plastlib import hebbian as hb
from plastlib.exercises._feedback import Feedback

__all__ = ["check_plain_bounds", "check_segregation", "check_bcm_slow"]

# The chapter's 2-D ensemble: two patterns (rates) with independent noise on each input.
PATTERNS_2D = ((1.0, 0.2), (0.4, 0.9))
NOISE_STD_2D = 0.15

# A weight counts as "at a bound" within this distance. Hard bounds and the
# subtractive projection clip exactly, so only rounding errors (about 1e-15)
# separate a clipped weight from the bound; 1e-6 is far above them and far below
# any weight that is still moving.
_AT_BOUND = 1e-6


def _ensemble_2d(patterns, noise_std):
    return hb.mixture_ensemble(np.asarray(patterns, dtype=float), float(noise_std) ** 2)


def check_plain_bounds(ends, n_starts=49, w_min=0.0, w_max=1.0, patterns=PATTERNS_2D,
                       noise_std=NOISE_STD_2D):
    """Check the final weights of the plain Hebbian rule with hard bounds (``heb-ex-plain-bounds``).

    The reference is the outcome predicted from the averaged dynamics: every
    entry of the correlation matrix ``<x x^T>`` of the chapter's 2-D ensemble
    is positive, so the drift is positive in every coordinate and every weight
    ends at ``w_max``, from every start.

    Parameters
    ----------
    ends : array_like, shape (n_starts, 2)
        Final weight vector of each run (dimensionless), one row per start.
    n_starts : int
        Number of starts of the chapter's grid (7 x 7).
    w_min, w_max : float
        Hard bounds of the weights (dimensionless).
    patterns : array_like, shape (2, 2)
        Patterns of the 2-D ensemble (rates).
    noise_std : float
        Standard deviation of the noise on each input (rate).

    Returns
    -------
    Feedback
        Passed when every weight of every run is at ``w_max``.
    """
    feedback = Feedback("heb-ex-plain-bounds")
    ends = feedback.array("ends", ends, shape=(None, 2))
    if ends is None:
        return feedback
    if not feedback.require(ends.shape[0] == n_starts,
                            f"`ends` has {ends.shape[0]} rows: pass one final weight vector "
                            f"per start of the grid ({n_starts} rows)."):
        return feedback

    correlation = _ensemble_2d(patterns, noise_std).correlation
    # The prediction "all weights at w_max" rests on this sign argument.
    assert np.all(correlation > 0), "the ensemble's correlation matrix has a non-positive entry"

    outside = (ends > w_max + _AT_BOUND) | (ends < w_min - _AT_BOUND)
    at_min = np.abs(ends - w_min) <= _AT_BOUND
    at_max = np.abs(ends - w_max) <= _AT_BOUND
    between = ~(outside | at_min | at_max)
    if outside.any():
        feedback.fail(f"{int(outside.sum())} weights lie outside [{w_min:g}, {w_max:g}]: run "
                      f"with constraint='hard' and pass w_min={w_min:g}, w_max={w_max:g}.")
    if at_min.any():
        feedback.fail(f"{int(at_min.sum())} weights end at w_min = {w_min:g}. The plain rule "
                      "(rule='hebb') sees the correlation matrix, whose entries are all "
                      "positive, so no weight can fall; a weight that falls to w_min points to "
                      "the covariance rule, whose matrix has a negative off-diagonal entry.")
    if between.any():
        feedback.fail(f"{int(between.sum())} weights end strictly between the bounds: the runs "
                      "have not converged. Use a few thousand presentations per run "
                      "(5000 are enough at the chapter's learning rate).")
    return feedback


def _close_to(vector, target, tolerance):
    return bool(np.all(np.abs(vector - np.asarray(target, dtype=float)) <= tolerance))


def check_segregation(w_divisive, w_subtractive, rho=0.5, start=(0.52, 0.48), w_min=0.0,
                      w_max=1.0, rate=0.05, n_steps=2000):
    """Check the outcomes of divisive and subtractive normalisation (``heb-ex-segregation``).

    The reference is the averaged dynamics integrated by
    :func:`plastlib.hebbian.learn_averaged` with the covariance matrix
    ``[[1, rho], [rho, 1]]`` from ``start``.

    Parameters
    ----------
    w_divisive : array_like, shape (2,)
        Final weights under divisive normalisation (dimensionless).
    w_subtractive : array_like, shape (2,)
        Final weights under subtractive normalisation with bounds (dimensionless).
    rho : float
        Correlation of the two inputs, in (0, 1).
    start : array_like, shape (2,)
        Initial weights of both runs (dimensionless).
    w_min, w_max : float
        Bounds of the subtractive run (dimensionless).
    rate : float
        Euler step of the reference, in units of ``1 / eta`` presentations.
    n_steps : int
        Euler steps of the reference.

    Returns
    -------
    Feedback
        Passed when both final weight vectors match the reference.
    """
    feedback = Feedback("heb-ex-segregation")
    divisive = feedback.array("w_divisive", w_divisive, shape=(2,))
    subtractive = feedback.array("w_subtractive", w_subtractive, shape=(2,))
    if divisive is None or subtractive is None:
        return feedback

    start = np.asarray(start, dtype=float)
    covariance = np.array([[1.0, rho], [rho, 1.0]])
    reference_divisive = hb.learn_averaged(covariance, start, rate, n_steps,
                                           constraint="divisive").final
    reference_subtractive = hb.learn_averaged(covariance, start, rate, n_steps,
                                              constraint="subtractive", w_min=w_min,
                                              w_max=w_max).final
    # The reference converges to 1e-12 in 2000 Euler steps (the slowest rate is
    # 1 - rho = 0.5 per unit time over 100 units); 1e-4 leaves room for a
    # student who integrates for fewer steps or simulates online with small noise.
    tolerance = 1e-4
    if _close_to(divisive, reference_subtractive, tolerance) and \
            _close_to(subtractive, reference_divisive, tolerance):
        return feedback.fail("The two answers are swapped: divisive normalisation keeps both "
                             "weights equal, subtractive normalisation segregates them.")

    if not _close_to(divisive, reference_divisive, tolerance):
        norm_ratio = np.linalg.norm(divisive) / np.linalg.norm(start)
        if abs(norm_ratio - 1) > tolerance:
            feedback.fail(f"`w_divisive` has norm {norm_ratio:.3g} times that of the start: "
                          "divisive normalisation rescales the weights to the Euclidean norm of "
                          "the start (constraint='divisive').")
        elif abs(divisive[0] - divisive[1]) > tolerance:
            feedback.fail("`w_divisive` keeps the norm but its two weights differ: the run has "
                          "not reached the principal eigenvector (1, 1)/sqrt(2). Integrate "
                          "longer.")
        else:
            feedback.fail("`w_divisive` has the sign of -(1, 1): start from the weights of the "
                          "exercise.")

    if not _close_to(subtractive, reference_subtractive, tolerance):
        if abs(subtractive.sum() - start.sum()) > tolerance:
            feedback.fail(f"`w_subtractive` sums to {subtractive.sum():.4g}, not to the sum of "
                          "the start: subtractive normalisation conserves w1 + w2 "
                          "(constraint='subtractive').")
        elif np.any(subtractive > w_max + tolerance) or np.any(subtractive < w_min - tolerance):
            feedback.fail(f"`w_subtractive` leaves [{w_min:g}, {w_max:g}]: pass the bounds "
                          f"w_min={w_min:g}, w_max={w_max:g}.")
        elif _close_to(subtractive, reference_subtractive[::-1], tolerance):
            feedback.fail("The wrong input wins in `w_subtractive`: the start has "
                          "w1 > w2, so beta(0) > beta* = 0 and the first input takes all the "
                          "weight.")
        else:
            feedback.fail("`w_subtractive` has not segregated: with the sum conserved the "
                          "difference w1 - w2 grows until one weight reaches a bound. "
                          "Integrate longer.")
    return feedback


def check_bcm_slow(result, theta_rate=0.0005, patterns=PATTERNS_2D, noise_std=NOISE_STD_2D,
                   rate=0.002, n_steps=40_000, seed=1, overflow=1e6):
    """Check a BCM run on the 2-D ensemble with a slow threshold (``heb-ex-bcm-slow``).

    The check reruns the exercise with :func:`plastlib.hebbian.learn_online`
    from the same initial weights, on the chapter's input samples, to find when
    the weights of a correct run exceed ``overflow``; a correct answer has run
    away too.

    Parameters
    ----------
    result : plastlib.hebbian.LearningResult
        The student's run (``rule="bcm"`` on the 2-D ensemble).
    theta_rate : float
        Slow threshold rate of the exercise, per presentation.
    patterns : array_like, shape (2, 2)
        Patterns of the 2-D ensemble (rates).
    noise_std : float
        Standard deviation of the noise on each input (rate).
    rate : float
        Learning rate per presentation (dimensionless).
    n_steps : int
        Presentations of the chapter's BCM runs.
    seed : int
        Seed of the chapter's input samples (``SEED_INPUTS``).
    overflow : float
        Weight size (dimensionless) from which a run counts as run away.

    Returns
    -------
    Feedback
        Passed when the run is a BCM run on two inputs whose weights ran away.
    """
    feedback = Feedback("heb-ex-bcm-slow")
    if not isinstance(result, hb.LearningResult):
        return feedback.fail(f"Pass the LearningResult returned by hb.learn_online, got a "
                             f"{type(result).__name__}.")
    if not feedback.require(result.weights.ndim == 2 and result.weights.shape[1] == 2,
                            f"The run has weights of shape {result.weights.shape}: use the "
                            "2-D ensemble (two inputs)."):
        return feedback
    # learn_online stores the initial threshold unchanged for every rule except BCM.
    if not feedback.require(np.any(result.threshold != result.threshold[0]),
                            "The threshold of the run never moves: run the BCM rule "
                            "(rule='bcm')."):
        return feedback

    size = np.abs(result.weights).max(axis=1)
    ran_away = ~(np.isfinite(size) & (size < overflow))
    if ran_away.any():
        return feedback

    inputs, _ = _ensemble_2d(patterns, noise_std).sample(n_steps, rng=seed)
    reference = hb.learn_online(inputs, result.weights[0], rate, "bcm", theta_rate=theta_rate,
                                record_every=100)
    reference_size = np.abs(reference.weights).max(axis=1)
    reference_away = ~(np.isfinite(reference_size) & (reference_size < overflow))
    if reference_away.any() and result.steps[-1] < reference.steps[reference_away][0]:
        feedback.fail(f"The run stops after {int(result.steps[-1])} presentations, before the "
                      "weights can run away: present all the chapter's BCM samples "
                      f"({n_steps}).")
    else:
        feedback.fail("The weights stay bounded, as they do when the threshold follows <y^2> "
                      f"quickly: set theta_rate={theta_rate:g} (a threshold time constant of "
                      f"{1 / theta_rate:.0f} presentations).")
    return feedback
