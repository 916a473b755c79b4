"""Checks for the coding exercises of the chapter on the Hopfield network.

Functions
---------
check_mixture
    Exercise ``hop-ex-mixture``: overlaps and stability of a mixture of three patterns.
check_perfect
    Exercise ``hop-ex-perfect``: largest number of patterns for error-free recall.
check_basins
    Exercise ``hop-ex-basins``: final overlap against initial overlap at two loads.
"""

import functools
import math

import numpy as np
from scipy.optimize import brentq

from plastlib import hopfield
from plastlib.exercises._feedback import Feedback

__all__ = ["check_mixture", "check_perfect", "check_basins"]


def check_mixture(overlaps, n_changed, n_units=500):
    """Check the answer to exercise ``hop-ex-mixture`` (the mixture of three patterns).

    Parameters
    ----------
    overlaps : array_like, shape (3,)
        Overlaps (dimensionless, in [-1, 1]) of the mixture
        ``sign(xi^1 + xi^2 + xi^3)`` with each of the three patterns.
    n_changed : int
        Number of units that asynchronous recall, started at the mixture at
        load 0.02, changed.
    n_units : int, optional
        Number of units ``N`` of the network (the chapter uses 500).

    Returns
    -------
    Feedback
    """
    feedback = Feedback("hop-ex-mixture")
    values = feedback.array("overlaps", overlaps, shape=(3,))
    changed = feedback.number("n_changed", n_changed)
    n_units = feedback.number("n_units", n_units)
    if n_units is not None and (n_units < 10 or n_units != round(n_units)):
        feedback.fail(f"`n_units` must be a whole number >= 10, got {n_units}.")
        n_units = None
    if values is None or changed is None or n_units is None:
        return feedback

    # Each overlap is the mean of N products s_i xi_i, which are +1 with probability 3/4
    # and -1 with probability 1/4: mean 1/2 and variance 3/4. Four standard errors give a
    # false failure rate of about 6e-5 per overlap.
    tolerance = 4.0 * math.sqrt(0.75 / n_units)
    if np.any(np.abs(values) > 1.0):
        feedback.fail("An overlap larger than 1 in magnitude is impossible: divide the sum "
                      "over units by N.")
    elif np.all(np.abs(values - 0.75) < tolerance):
        feedback.fail("These are the fractions of units on which the mixture agrees with each "
                      "pattern. The overlap counts a disagreeing unit as -1: it is "
                      "2 * fraction - 1.")
    elif np.all(np.abs(values - 1.0) < tolerance):
        feedback.fail("Overlaps of 1 mean you compared the mixture with itself (or with a "
                      "state equal to it): compare it with the stored patterns 1, 2 and 3.")
    elif np.all(np.abs(values + 0.5) < tolerance):
        feedback.fail("The overlaps have the wrong sign: the mixture is the sign of the sum "
                      "of the three patterns, not of its negative.")
    else:
        for index, value in enumerate(values):
            if abs(value - 0.5) >= tolerance:
                hint = (" An overlap near 0 means the mixture was not built from this "
                        "pattern." if abs(value) < tolerance else "")
                feedback.fail(f"The overlap with pattern {index + 1} is {value:.3f}, too far "
                              f"from the expected mean for N = {n_units:g} (sampling error "
                              f"allowed: {tolerance:.3f}).{hint}")

    # In 200 seeded simulations with N = 500 at load 0.02, recall changed no unit in 98 %
    # of the runs and at most 24 % of the units in the others. At load 0.2 it changed
    # 24 % to 43 %, and from a random state about half of the units change.
    if changed < 0 or changed != round(changed) or changed > n_units:
        feedback.fail(f"`n_changed` must be a whole number between 0 and N = {n_units:g}, "
                      f"got {changed:g}.")
    elif changed > 0.3 * n_units:
        feedback.fail("Recall changed more than 30 % of the units, so the mixture was not close "
                      "to a fixed point. Store 2 % of N patterns (load 0.02) and start "
                      "recall at the mixture itself.")
    return feedback


def _perfect_recall_patterns(n_units, probability, per_pattern=True):
    """Return the largest p with p N P_error(p/N) <= 1 - probability (or N P_error without p)."""
    allowed = 1.0 - probability

    def excess(p):
        count = p * n_units if per_pattern else n_units
        return count * hopfield.predicted_error_fraction(p / n_units) - allowed

    return brentq(excess, 1.0, 0.5 * n_units, xtol=1e-10)


def check_perfect(p_perfect, n_units=1000, probability=0.99):
    """Check the answer to exercise ``hop-ex-perfect`` (capacity for error-free recall).

    Parameters
    ----------
    p_perfect : float
        Largest number of patterns ``p`` for which no unit of any stored pattern
        is unstable at the first update, with the given probability, in the
        Gaussian approximation with the ``p N`` events treated as independent.
        A whole number (the root rounded up or down) is accepted.
    n_units : int, optional
        Number of units ``N`` (the exercise uses 1000).
    probability : float, optional
        Required probability that no unit is unstable (the exercise uses 0.99).

    Returns
    -------
    Feedback
    """
    feedback = Feedback("hop-ex-perfect")
    value = feedback.number("p_perfect", p_perfect)
    n_units = feedback.number("n_units", n_units)
    probability = feedback.number("probability", probability)
    if n_units is not None and (n_units < 100 or n_units != round(n_units)):
        feedback.fail(f"`n_units` must be a whole number >= 100, got {n_units}.")
        n_units = None
    if probability is not None and not 0.5 < probability < 1.0:
        feedback.fail(f"`probability` must lie in (0.5, 1), got {probability}.")
        probability = None
    if value is None or n_units is None or probability is None:
        return feedback

    reference = _perfect_recall_patterns(n_units, probability)
    # p is a count: the continuous root rounded down or up is as good an answer as the root.
    if abs(value - reference) < 1.0:
        return feedback
    if 0 < value < 1:
        feedback.fail("`p_perfect` is below 1: this looks like the load p/N. Pass the number "
                      "of patterns p.")
        return feedback
    asymptotic = n_units / (4.0 * math.log(n_units))
    wrong_answers = (
        (asymptotic, "This is the large-N estimate N/(4 ln N). Solve the condition "
                     "p N P_error(p/N) = 1 - 0.99 numerically, for example with brentq."),
        (_perfect_recall_patterns(n_units, probability, per_pattern=False),
         "This condition makes only the units of one pattern stable: the factor p, the "
         "number of stored patterns that must all be stable, is missing."),
        (_perfect_recall_patterns(n_units, 1.0 - probability),
         "The right-hand side must be the allowed failure probability 1 - 0.99 = 0.01, "
         "not 0.99."),
        (brentq(lambda p: p * hopfield.predicted_error_fraction(p / n_units)
                - (1.0 - probability), 1.0, 0.5 * n_units),
         "The factor N is missing: every one of the N units of each pattern must be stable."),
    )
    for wrong, hint in wrong_answers:
        if abs(value - wrong) < 1.0:
            feedback.fail(hint)
            return feedback
    feedback.close("p_perfect", value, reference, atol=1.0,
                   hint="Count p N independent events, each unstable with probability "
                        "P_error(p/N) from the Gaussian formula, and find where the expected "
                        "number of unstable units reaches 0.01.")
    return feedback


# The reference curve averages recall from this many cues per point: 3 pattern sets with
# 10 patterns each, so that the set-to-set variation enters the spread too.
_REFERENCE_SETS = 3
_REFERENCE_PATTERNS = 10
_REFERENCE_SEED = 20_240_611


@functools.lru_cache(maxsize=8)
def _basin_reference(initial_overlaps, load, n_units):
    """Return mean and standard deviation of the final overlap per initial overlap, and the cue count."""
    generator = np.random.default_rng(_REFERENCE_SEED)
    n_patterns = max(1, int(round(load * n_units)))
    n_cued = min(_REFERENCE_PATTERNS, n_patterns)
    finals = np.zeros((len(initial_overlaps), _REFERENCE_SETS * n_cued))
    for set_index in range(_REFERENCE_SETS):
        patterns = hopfield.random_patterns(n_patterns, n_units, generator)
        weights = hopfield.hebbian_weights(patterns)
        for point, initial in enumerate(initial_overlaps):
            flip_fraction = (1.0 - initial) / 2.0
            for index, pattern in enumerate(patterns[:n_cued]):
                cue = hopfield.corrupt_pattern(pattern, flip_fraction, generator)
                state = hopfield.recall_async(weights, cue, rng=generator).state
                finals[point, set_index * n_cued + index] = hopfield.overlap(pattern, state)
    return finals.mean(axis=1), finals.std(axis=1), finals.shape[1]


def check_basins(initial_overlaps, final_overlaps, loads=(0.05, 0.12), n_units=500,
                 n_averaged=5):
    """Check the answer to exercise ``hop-ex-basins`` (basins of attraction at two loads).

    The check simulates its own networks (30 recalls per point and load, cached
    for repeated calls) and compares the curve means within their sampling error.

    Parameters
    ----------
    initial_overlaps : array_like, shape (n_points,)
        Overlap of each cue with its stored pattern, ``1 - 2 f`` for a flip
        fraction ``f`` (dimensionless, in (0, 1]).
    final_overlaps : array_like, shape (len(loads), n_points)
        Final overlap after asynchronous recall, averaged over ``n_averaged``
        stored patterns, one row per load.
    loads : tuple of float, optional
        Loads ``p/N`` of the rows, in increasing order (the exercise uses 0.05 and 0.12).
    n_units : int, optional
        Number of units ``N`` (the exercise uses 500).
    n_averaged : int, optional
        Number of patterns averaged at each point (the exercise uses 5).

    Returns
    -------
    Feedback
    """
    feedback = Feedback("hop-ex-basins")
    initial = feedback.array("initial_overlaps", initial_overlaps, shape=(None,))
    loads = feedback.array("loads", loads, shape=(None,))
    n_units = feedback.number("n_units", n_units)
    n_averaged = feedback.number("n_averaged", n_averaged)
    if initial is None or loads is None or n_units is None or n_averaged is None:
        return feedback
    final = feedback.array("final_overlaps", final_overlaps, shape=(loads.size, initial.size))
    if final is None:
        return feedback
    if np.any(loads <= 0) or np.any(loads > 0.5) or np.any(np.diff(loads) <= 0):
        return feedback.fail(f"`loads` must increase and lie in (0, 0.5], got {loads}.")
    if n_units < 100 or n_averaged < 1:
        return feedback.fail("`n_units` must be >= 100 and `n_averaged` >= 1.")
    if np.any(initial <= 0) or np.any(initial > 1):
        return feedback.fail("`initial_overlaps` must lie in (0, 1]: the overlap of a cue with "
                             "a fraction f of its units flipped is 1 - 2 f.")
    if np.any(np.abs(final) > 1):
        return feedback.fail("`final_overlaps` contains values beyond [-1, 1]: divide the sum "
                             "over units by N.")
    if initial.size >= 3 and np.mean(final[0, np.argsort(initial)[-3:]]) < np.mean(
            final[0, np.argsort(initial)[:3]]) - 0.2:
        return feedback.fail("At the lower load the final overlap falls as the initial overlap "
                             "rises. Did you pass the flip fractions f instead of the initial "
                             "overlaps 1 - 2 f?")

    n_units = int(round(n_units))
    key = tuple(float(value) for value in initial)
    references = [_basin_reference(key, float(load), n_units) for load in loads]
    means = np.array([reference[0] for reference in references])
    spreads = np.array([reference[1] for reference in references])
    n_reference = np.array([[reference[2]] for reference in references])

    # The final overlap of one recall is nearly bimodal (close to 1 or far from the pattern),
    # so its spread s_k at point k is taken from the reference cues. The floor
    # sqrt(1 / n_reference) is the spread of a point where one reference cue in n_reference
    # would fail, which the reference may not have seen.
    # The curve mean of the answer has the standard error sqrt(sum_k s_k**2 / n_averaged)
    # divided by the number of points, and the reference adds its own error. The tolerance is
    # 4 standard errors plus 0.03, because the student's pattern set differs from the reference's.
    spreads = np.maximum(spreads, np.sqrt(1.0 / n_reference))
    standard_error = (np.sqrt(np.sum(spreads**2 * (1 / n_averaged + 1 / n_reference), axis=1))
                      / initial.size)
    tolerance = 4.0 * standard_error + 0.03
    answer_means, reference_means = final.mean(axis=1), means.mean(axis=1)
    swapped = loads.size == 2 and np.all(
        np.abs(answer_means[::-1] - reference_means) < tolerance[::-1])
    if swapped and not np.all(np.abs(answer_means - reference_means) < tolerance):
        return feedback.fail("The two rows are swapped: the first row of `final_overlaps` "
                             "must hold the lower load.")
    for row, load in enumerate(loads):
        feedback.close(f"mean final overlap at load {load:g}", answer_means[row],
                       reference_means[row], atol=tolerance[row],
                       hint=f"Store round({load:g} N) patterns, flip a fraction "
                            "f = (1 - initial overlap) / 2 of the units of each cued pattern, "
                            "run asynchronous recall and average the final overlap with the "
                            "cued pattern.")
    return feedback
