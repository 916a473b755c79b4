"""Checks for the coding exercises of the chapter on LTP maintenance (``ltp_maintenance``).

Each ``check_*`` function takes the answer a student computed in the chapter,
computes its own reference with :mod:`plastlib.tagging` and the chapter's
parameters, and returns a :class:`~plastlib.exercises.Feedback` that names the
likely mistake without revealing the expected value.

Functions
---------
check_partial
    Exercise ``mnt-ex-partial``: critical fraction of the maintenance feedback.
check_protein
    Exercise ``mnt-ex-protein``: capture windows with slower proteins.
check_kramers
    Exercise ``mnt-ex-kramers``: noise-driven switching against Kramers' rate.
"""

import math
from dataclasses import replace

import numpy as np

from plastlib import tagging
from plastlib.exercises._feedback import Feedback
from plastlib.tagging import HOUR, MINUTE, TaggingParameters

__all__ = ["check_partial", "check_protein", "check_kramers"]


def _matches(value, target, rtol=1e-3):
    return target is not None and math.isclose(value, target, rel_tol=rtol, abs_tol=1e-12)


def _scalar_answer(feedback, name, value):
    """Return ``value`` as a float, with hints for the SymPy objects the chapter produces."""
    if isinstance(value, (list, tuple)):
        feedback.fail(f"`{name}` must be one number, got a {type(value).__name__} of "
                      f"{len(value)} items. `sympy.solve` returns a list: take its element.")
        return None
    free_symbols = getattr(value, "free_symbols", None)
    if free_symbols:
        names = ", ".join(sorted(str(symbol) for symbol in free_symbols))
        feedback.fail(f"`{name}` still contains the symbol(s) {names}. Substitute the "
                      "chapter's values with `.subs(...)` and convert with `float(...)`.")
        return None
    if hasattr(value, "free_symbols"):
        # A SymPy number without symbols.
        value = float(value)
    return feedback.number(name, value)


def critical_feedback_fraction(theta):
    """Return the smallest feedback fraction ``f`` for which the upper state exists.

    With the feedback scaled by ``f``, the nonzero fixed points of
    ``-z + f beta z^2 / (theta^2 + z^2)`` solve ``z^2 - f beta z + theta^2 = 0``
    (``beta = 1 + theta^2``). They are real when ``f >= 2 theta / (1 + theta^2)``.
    """
    return 2 * theta / (1 + theta**2)


def check_partial(f_value, params=TaggingParameters()):
    """Check the critical feedback fraction of exercise ``mnt-ex-partial``.

    Parameters
    ----------
    f_value : float
        The student's critical fraction ``f_c`` of the normal feedback
        strength (dimensionless, between 0 and 1) below which the upper state
        of the maintenance variable no longer exists, for ``params.theta``.
    params : TaggingParameters
        Model parameters; only ``theta`` is used (chapter default 0.6).

    Returns
    -------
    Feedback
        Passed when ``f_value`` is within 1e-3 (relative) of the reference.
    """
    feedback = Feedback("mnt-ex-partial")
    value = _scalar_answer(feedback, "f_value", f_value)
    if value is None:
        return feedback
    theta = params.theta
    expected = critical_feedback_fraction(theta)
    # The answer is a closed form evaluated in floating point: only rounding
    # separates a correct answer from the reference, so 1e-3 is generous.
    if _matches(value, expected):
        return feedback

    if _matches(value, 1 - expected):
        return feedback.fail("`f_value` is the fraction of the feedback that the drug "
                             "removes. Pass the fraction that remains, f.")
    if _matches(value, 100 * (1 - expected)) or _matches(value, 100 * expected):
        return feedback.fail("`f_value` looks like a percentage. Pass f as a fraction "
                             "between 0 and 1.")
    if _matches(value, 2 * theta):
        return feedback.fail("`f_value` is larger than 1: the feedback term carries the "
                             "factor beta = 1 + theta^2, which the discriminant must include.")
    if _matches(value, theta**2):
        return feedback.fail("`f_value` equals theta^2, the unstable state of z, not a "
                             "fraction of the feedback. Set the discriminant of "
                             "z^2 - f beta z + theta^2 to zero and solve for f.")
    if _matches(value, expected**2) or _matches(value, math.sqrt(expected)):
        return feedback.fail("`f_value` is off by a power: the discriminant "
                             "f^2 beta^2 - 4 theta^2 is quadratic in f, so take its "
                             "positive root, not its square.")
    if not 0 < value <= 1:
        return feedback.fail(f"`f_value` = {value:.4g} is not a fraction of the normal "
                             "feedback: it must lie in (0, 1].")
    feedback.close("f_value", value, expected, rtol=1e-3,
                   hint="Check the quadratic z^2 - f beta z + theta^2 = 0 and its "
                        "discriminant.")
    return feedback


def _window_pair(feedback, before, after):
    values = []
    for name, value in (("before", before), ("after", after)):
        number = feedback.number(name, value)
        if number is None:
            return None
        values.append(number)
    if values[1] < 0:
        feedback.fail("`after` is negative. Pass both windows as positive durations in ms "
                      "(strong before weak is `after`).")
        return None
    return values


def check_protein(before, after, params=TaggingParameters(), dt=0.5 * MINUTE):
    """Check the capture windows of exercise ``mnt-ex-protein`` (slower proteins).

    Parameters
    ----------
    before : float
        The student's capture window for weak before strong, in ms, with the
        protein decay time ``tau_protein`` doubled.
    after : float
        The window for strong before weak, in ms, with the same model.
    params : TaggingParameters
        The chapter's model before doubling ``tau_protein`` (default: the
        defaults of :class:`~plastlib.tagging.TaggingParameters`).
    dt : float
        Time step of the noise-free simulations, in ms (chapter: 0.5 min).

    Returns
    -------
    Feedback
        Passed when both windows are within 1 min of the noise-free simulation
        by :func:`plastlib.tagging.simulated_capture_window`.
    """
    feedback = Feedback("mnt-ex-protein")
    values = _window_pair(feedback, before, after)
    if values is None:
        return feedback
    before, after = values
    slow = replace(params, tau_protein=2 * params.tau_protein)
    expected = tagging.simulated_capture_window(slow, dt=dt)
    # The chapter's tolerance: bisection resolution (0.1 min), event times
    # rounded to the 0.5 min step, and the Euler error of z (below 0.1 min).
    tolerance = 1 * MINUTE

    def near(pair):
        return all(abs(v - e) < tolerance for v, e in zip((before, after), pair))

    if near(expected):
        return feedback
    if near(expected[::-1]):
        return feedback.fail("`before` and `after` are swapped: `before` is the window for "
                             "the weak tetanus first.")
    for unit, factor in (("minutes", MINUTE), ("hours", HOUR), ("seconds", 1e3)):
        if all(abs(v * factor - e) < tolerance for v, e in zip((before, after), expected)):
            return feedback.fail(f"The windows seem to be in {unit}. Pass them in ms.")
    if near(tagging.simulated_capture_window(params, dt=dt)):
        return feedback.fail("These are the windows of the default model. Double "
                             "`tau_protein` with `dataclasses.replace` before simulating.")
    slow_tag = replace(params, tau_tag=2 * params.tau_tag)
    if near(tagging.simulated_capture_window(slow_tag, dt=dt)):
        return feedback.fail("These are the windows with `tau_tag` doubled. The exercise "
                             "doubles the protein decay time `tau_protein`.")
    for name, value, reference in (("before", before, expected[0]),
                                   ("after", after, expected[1])):
        feedback.close(name, value, reference, atol=tolerance,
                       hint="Use the noise-free `tagging.simulated_capture_window` with "
                            "the slower proteins.")
    return feedback


def check_kramers(switched, predicted, params=TaggingParameters(), noise=0.004,
                  duration=48 * HOUR, n_synapses=400, dt=0.5 * MINUTE, threshold=0.8):
    """Check the switching fraction and its Kramers prediction (exercise ``mnt-ex-kramers``).

    Parameters
    ----------
    switched : float
        The student's simulated fraction (between 0 and 1) of baseline
        synapses whose maintenance variable exceeded ``threshold`` at least
        once during ``duration``.
    predicted : float
        The student's Kramers prediction ``1 - exp(-r T)`` of the same fraction,
        with ``r`` from :func:`plastlib.tagging.kramers_rate` for the lower state.
    params : TaggingParameters
        The chapter's model before the noise is raised.
    noise : float
        Raised noise intensity ``D``, dimensionless (exercise: 0.004).
    duration : float
        Simulated time ``T``, in ms (exercise: 48 h).
    n_synapses : int
        Number of synapses the student simulated; sets the tolerance.
    dt : float
        Time step, in ms (chapter: 0.5 min).
    threshold : float
        Value of ``z`` that counts as the upper state (exercise: 0.8).

    Returns
    -------
    Feedback
        Passed when ``predicted`` matches the formula and ``switched`` lies
        within three standard errors of a reference simulation.
    """
    feedback = Feedback("mnt-ex-kramers")
    value = feedback.number("switched", switched)
    prediction = feedback.number("predicted", predicted)
    if value is None or prediction is None:
        return feedback
    noisy = replace(params, noise=noise)
    rate = tagging.kramers_rate(noisy, "lower")
    expected_prediction = 1 - math.exp(-rate * duration)

    # The prediction is a closed form, so it must agree to rounding.
    if _matches(prediction, expected_prediction):
        pass
    elif _matches(prediction, rate * duration):
        feedback.fail("`predicted` is r T, the expected number of escapes. The probability "
                      "of at least one escape is 1 - exp(-r T).")
    elif _matches(prediction, 1 - math.exp(-tagging.kramers_rate(noisy, "upper") * duration)):
        feedback.fail("`predicted` uses the escape rate from the upper state. Baseline "
                      "synapses start in the lower state.")
    elif _matches(prediction, 1 - math.exp(-rate * duration / 2)):
        feedback.fail("`predicted` is half the rate that `tagging.kramers_rate` returns for "
                      "the lower state, which already doubles the rate for the reflecting "
                      "boundary at z = 0.")
    elif _matches(prediction, 1 - math.exp(-tagging.kramers_rate(params, "lower") * duration)):
        feedback.fail("`predicted` uses the default noise. Raise the noise to "
                      f"D = {noise:g} with `dataclasses.replace`.")
    else:
        feedback.close("predicted", prediction, expected_prediction, rtol=1e-3,
                       hint="Use `tagging.kramers_rate(noisy, 'lower')` and the duration in ms.")

    if not 0 <= value <= 1:
        hint = " Divide the count of switched synapses by their number." if value > 1 else ""
        feedback.fail(f"`switched` = {value:.4g} is not a fraction: it must lie in [0, 1]."
                      + hint)
        return feedback

    # The reference: 2000 synapses, with its own seed, recorded every 10 min as
    # in the chapter's solution (a finer record changes the fraction by < 0.01).
    n_reference = 2000
    run = tagging.simulate_tagging(duration, dt, n_synapses=n_reference, params=noisy,
                                   record_interval=10 * MINUTE, rng=97531)
    late = run.late[:, 0, :]
    expected = float((late > threshold).any(axis=0).mean())
    # Binomial sampling errors of the student's fraction and of the reference,
    # combined. A tolerance of 3 standard errors fails a correct answer 0.3 % of the time.
    spread = math.sqrt(expected * (1 - expected) * (1 / n_synapses + 1 / n_reference))
    tolerance = 3 * max(spread, 0.5 / n_synapses)
    if abs(value - expected) <= tolerance:
        return feedback

    if _matches(value, prediction, rtol=1e-6) or abs(value - expected_prediction) < 1e-6:
        return feedback.fail("`switched` equals the Kramers prediction. Count the synapses "
                             "that crossed in the simulation instead.")
    default_fraction = float((tagging.simulate_tagging(
        duration, dt, n_synapses=n_reference, params=params, record_interval=10 * MINUTE,
        rng=97531).late[:, 0, :] > threshold).any(axis=0).mean())
    if abs(value - default_fraction) <= tolerance:
        return feedback.fail("`switched` matches the default noise. Simulate with the noise "
                             f"raised to D = {noise:g}.")
    unstable = tagging.unstable_state(params)
    if abs(value - float((late > unstable).any(axis=0).mean())) <= tolerance:
        return feedback.fail("`switched` counts crossings of the barrier theta^2. The exercise "
                             f"counts synapses that reach the upper state, z > {threshold:g}.")
    feedback.close("switched", value, expected, atol=tolerance,
                   hint="Count, for each synapse, whether z exceeded the threshold at any "
                        "record, then average over synapses.")
    return feedback
