"""Checks for the coding exercises of the chapter on memory systems and conditioning.

The model is the Hebbian conditioning neuron of :mod:`plastlib.conditioning`:
weights and responses are dimensionless, time is counted in trials. The
defaults are the chapter's parameters.

Functions
---------
check_criterion
    Exercise ``mem-ex-criterion``: paired trials needed to reach a criterion
    for a fast and a slow learner.
check_partial
    Exercise ``mem-ex-partial``: mean weight after partial reinforcement,
    predicted and simulated.
"""

import math

import numpy as np

from plastlib import conditioning
from plastlib.exercises._feedback import Feedback

__all__ = ["check_criterion", "check_partial"]

# The chapter's learning rate and its criterion of a learned response.
CHAPTER_EPSILON = 0.15
CHAPTER_CRITERION = 0.8

# Number of standard errors allowed for a sampled mean. For a correct simulation
# a deviation of 4 standard errors happens with probability 6e-5.
_Z = 4.0


def _is_whole(value):
    return abs(value - round(value)) < 1e-9


def _check_trials(feedback, name, value, epsilon, criterion, w0):
    """Compare one number of trials with the closed form; record what is wrong."""
    value = feedback.number(name, value)
    if value is None:
        return None
    if not _is_whole(value):
        feedback.fail(f"`{name}` = {value:g} is not a whole number: the criterion is reached "
                      "on a trial, so round the closed form up to the next integer.")
        return None
    value = int(round(value))
    reference = conditioning.trials_to_criterion(criterion, epsilon=epsilon, w0=w0)
    if value == reference:
        return value
    exact = math.log((1 - criterion) / (1 - w0)) / math.log(1 - epsilon)
    approximate = math.ceil(math.log((1 - w0) / (1 - criterion)) / epsilon - 1e-9)
    if value == reference - 1 and value == math.floor(exact):
        feedback.fail(f"`{name}` is one trial short: after {value} trials the response is "
                      f"still below {criterion:g}. Round the closed form up (ceiling), not "
                      "down or to the nearest integer.")
    elif value == reference + 1:
        feedback.fail(f"`{name}` is one trial too many. `probe[n]` is the response after n "
                      "trials and `probe[0]` comes before the first trial, so do not count "
                      "it as a trial.")
    elif value == approximate:
        feedback.fail(f"`{name}` comes from the approximation ln(1 - ε) ≈ -ε, which "
                      f"overestimates the number of trials for ε = {epsilon:g}. Use the "
                      "exact logarithm.")
    elif criterion != CHAPTER_CRITERION and value == conditioning.trials_to_criterion(
            CHAPTER_CRITERION, epsilon=epsilon, w0=w0):
        feedback.fail(f"`{name}` is the number of trials for the chapter's criterion "
                      f"{CHAPTER_CRITERION:g}; the exercise asks for {criterion:g}.")
    else:
        direction = "too large" if value > reference else "too small"
        feedback.fail(f"`{name}` = {value} is {direction} for ε = {epsilon:g}. Solve "
                      "1 - (1 - w_0)(1 - ε)^n ≥ θ for the smallest integer n.")
    return value


def check_criterion(n_fast, n_slow, criterion=0.9, epsilon_fast=0.2, epsilon_slow=0.05,
                    w0=0.0):
    """Check the numbers of paired trials of exercise ``mem-ex-criterion``.

    Parameters
    ----------
    n_fast : int
        Paired trials that the learner with ``epsilon_fast`` needs before its
        conditioned response reaches ``criterion``.
    n_slow : int
        The same for the learner with ``epsilon_slow``.
    criterion : float, optional
        Conditioned-response level to reach, dimensionless. Default 0.9.
    epsilon_fast, epsilon_slow : float, optional
        Learning rates per trial, dimensionless. Defaults 0.2 and 0.05.
    w0 : float, optional
        Initial weight of both learners, dimensionless. Default 0.

    Returns
    -------
    Feedback
        Truthy when both numbers equal the closed form of
        :func:`plastlib.conditioning.trials_to_criterion`. The numbers are
        integers, so no tolerance is needed.
    """
    feedback = Feedback("mem-ex-criterion")
    fast = _check_trials(feedback, "n_fast", n_fast, epsilon_fast, criterion, w0)
    slow = _check_trials(feedback, "n_slow", n_slow, epsilon_slow, criterion, w0)
    if fast is None and slow is None:
        return feedback
    swapped_fast = conditioning.trials_to_criterion(criterion, epsilon=epsilon_slow, w0=w0)
    swapped_slow = conditioning.trials_to_criterion(criterion, epsilon=epsilon_fast, w0=w0)
    if (fast, slow) == (swapped_fast, swapped_slow):
        feedback.problems.clear()
        feedback.fail("`n_fast` and `n_slow` are swapped: the learner with the larger "
                      "learning rate needs fewer trials.")
    return feedback


def _partial_mean(n_trials, p_us, epsilon):
    # Mean of (1 - epsilon)^K over K ~ Binomial(n_trials, p_us): the generating function.
    return 1.0 - (1.0 - epsilon * p_us) ** n_trials


def check_partial(finals, predicted_mean, n_trials=10, p_us=0.4, epsilon=CHAPTER_EPSILON,
                  min_learners=1000):
    """Check the predicted and simulated mean weights of exercise ``mem-ex-partial``.

    Parameters
    ----------
    finals : array_like
        Final CS weight of every simulated learner after ``n_trials`` partially
        reinforced trials, dimensionless, shape ``(n_learners,)``.
    predicted_mean : float
        The mean weight that the formula of the exercise predicts for these
        parameters, dimensionless.
    n_trials : int, optional
        Trials per learner. Default 10.
    p_us : float, optional
        Probability that the US follows the CS on a trial. Default 0.4.
    epsilon : float, optional
        Learning rate per trial. Default 0.15, the chapter's ``EPSILON``.
    min_learners : int, optional
        Minimum number of learners in ``finals``. Default 1000.

    Returns
    -------
    Feedback
        Truthy when ``predicted_mean`` equals ``1 - (1 - epsilon p_us)^n_trials``
        up to rounding and the mean of ``finals`` lies within 4 standard errors
        of it. The standard error uses the exact variance of
        ``(1 - epsilon)^K`` with ``K`` binomial, so a correct simulation fails
        with probability 6e-5.
    """
    feedback = Feedback("mem-ex-partial")
    reference = _partial_mean(n_trials, p_us, epsilon)

    predicted = feedback.number("predicted_mean", predicted_mean)
    if predicted is not None and not math.isclose(predicted, reference, rel_tol=1e-9):
        decay = 1.0 - epsilon
        if math.isclose(predicted, 1.0 - decay ** (n_trials * p_us), rel_tol=1e-9):
            feedback.fail("`predicted_mean` puts the mean number of reinforced trials into the "
                          "exponent. The mean of (1 - ε)^K is not (1 - ε) to the mean of K: "
                          "average over the binomial distribution of K.")
        elif math.isclose(predicted, p_us * (1.0 - decay**n_trials), rel_tol=1e-9):
            feedback.fail("`predicted_mean` scales the paired learning curve by p. A CS-alone "
                          "trial leaves the weight unchanged, it does not scale it: average "
                          "(1 - ε)^K over the number K of reinforced trials.")
        elif math.isclose(predicted, 1.0 - decay**n_trials, rel_tol=1e-9):
            feedback.fail("`predicted_mean` is the paired learning curve: it ignores that "
                          "the US follows the CS only with probability p.")
        else:
            feedback.close("predicted_mean", predicted, reference, rtol=1e-9,
                           hint="Average (1 - ε)^K over K ~ Binomial(n, p).")

    sample = feedback.array("finals", finals, shape=(None,))
    if sample is None:
        return feedback
    if sample.size < min_learners:
        return feedback.fail(f"`finals` holds {sample.size} weights: simulate at least "
                             f"{min_learners} learners, so that the sampling error of the "
                             "mean is small enough to test the formula.")
    if sample.min() < 0.0 or sample.max() > 1.0:
        return feedback.fail("`finals` contains weights outside [0, 1]: pass the final CS "
                             "weights `condition(...).w[-1]`, not responses or changes.")
    if np.all(sample == sample[0]):
        if math.isclose(sample[0], _partial_mean(n_trials, 1.0, epsilon), rel_tol=1e-9):
            return feedback.fail("Every learner in `finals` reached the weight of "
                                 f"{n_trials} paired trials: the US followed the CS on every "
                                 "trial. Use `kind=\"partial\"` with `p_us`.")
        return feedback.fail("Every learner in `finals` has the same final weight, so every "
                             "learner saw the same trials. Draw each protocol from one shared "
                             "Generator instead of passing the same seed each time.")

    # Exact variance of w = 1 - (1 - epsilon)^K, K ~ Binomial(n_trials, p_us).
    second_moment = (1.0 - p_us + p_us * (1.0 - epsilon) ** 2) ** n_trials
    variance = second_moment - (1.0 - reference) ** 2
    tolerance = _Z * math.sqrt(variance / sample.size)
    mean = float(sample.mean())
    if abs(mean - reference) <= tolerance:
        return feedback
    alternatives = (
        (_partial_mean(n_trials, 1.0, epsilon),
         "the US followed the CS on every trial: use `kind=\"partial\"` with `p_us`."),
        (_partial_mean(n_trials, 1.0 - p_us, epsilon),
         "the US followed the CS with probability 1 - p: `p_us` is the probability of "
         "reinforcement."),
        (_partial_mean(n_trials, p_us, 0.1),
         "the learning rate was 0.1, the default of `condition`: pass `epsilon=EPSILON`."),
    )
    for expected, reason in alternatives:
        if abs(mean - expected) <= tolerance:
            return feedback.fail(f"The mean of `finals` matches a simulation in which {reason}")
    direction = "smaller" if mean < reference else "larger"
    return feedback.fail(f"The mean of `finals` is {direction} than the mean weight of "
                         f"{n_trials} partially reinforced trials by more than {_Z:.0f} "
                         "standard errors: check the number of trials, p and ε.")
