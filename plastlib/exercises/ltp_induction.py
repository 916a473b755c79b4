"""Checks for the coding exercises of the chapter on LTP induction.

Potentials are in mV, magnesium in mM (as in :func:`plastlib.calcium.mg_block`),
times in ms and weight changes in percent of the resting weight. The defaults
are the chapter's parameters: the default :class:`plastlib.calcium.SynapseModel`,
a 1 s, 100 Hz tetanus starting at 10 ms, 1500 ms of settling and steps of 0.2 ms.

Functions
---------
check_block
    Exercise ``ind-ex-block``: the potential at which 90 % of the NMDA
    conductance is unblocked, at two magnesium concentrations.
check_threshold
    Exercise ``ind-ex-threshold``: the number of fibres a tetanus needs to
    potentiate a pathway by more than 50 %.
check_magnesium
    Exercise ``ind-ex-magnesium``: the weight changes after a weak tetanus
    in low magnesium.
"""

import functools
import math

import numpy as np
from scipy import optimize

from plastlib import calcium
from plastlib.exercises._feedback import Feedback

__all__ = ["check_block", "check_magnesium", "check_threshold"]

# The chapter's protocol: see the parameters cell of the chapter.
W_REST = 0.25  # resting weight, Omega(0) / lam (dimensionless)
DT = 0.2  # ms
TETANUS_RATE = 100.0  # Hz
TETANUS_PULSES = 100
ONSET = 10.0  # ms
SETTLE = 1500.0  # ms
WEAK_FIBRES = 2
STRONG_FIBRES = 20

# Tolerance on a potential, in mV: a root read off a voltage grid with 0.1 mV
# spacing is accepted, while the wrong answers recognised below differ by more
# than 5 mV.
_VOLTAGE_TOLERANCE = 0.1

# Tolerance on a weight change, in percentage points. Halving the step from
# 0.2 ms to 0.1 ms moves the changes of the chapter's runs by at most 1.6
# points, at 5 fibres on the steep part of the curve. So 3 points accept steps of
# 0.1 to 0.2 ms, while the wrong answers recognised below differ by tens of points.
_CHANGE_TOLERANCE = 3.0


def _potential_at(fraction, mg):
    """Return the potential, in mV, at which ``mg_block(v, mg)`` equals ``fraction``."""
    return optimize.brentq(lambda v: calcium.mg_block(v, mg) - fraction, -300.0, 300.0,
                           xtol=1e-12)


def _diagnose_potential(feedback, name, value, mg):
    """Compare one potential with the 90 % point at ``mg`` and record what is wrong."""
    reference = _potential_at(0.9, mg)
    if abs(value - reference) <= _VOLTAGE_TOLERANCE:
        return True
    if abs(1000.0 * value - reference) <= _VOLTAGE_TOLERANCE:
        feedback.fail(f"`{name}` is in volts: give the potential in mV.")
    elif abs(value - _potential_at(0.1, mg)) <= _VOLTAGE_TOLERANCE:
        feedback.fail(f"`{name}` is the potential at which 90 % of the conductance is still "
                      "blocked (B = 0.1). The exercise asks where 90 % is unblocked (B = 0.9).")
    elif abs(value + reference) <= _VOLTAGE_TOLERANCE:
        feedback.fail(f"`{name}` has the wrong sign: the block is relieved by depolarization, "
                      "and the exponent of Eq. (ind-eq-block) is −0.062·V, with V in mV.")
    elif abs(value - _potential_at(0.5, mg)) <= _VOLTAGE_TOLERANCE:
        feedback.fail(f"`{name}` is the half-block potential (B = 0.5), not the potential at "
                      "which B = 0.9.")
    elif abs(value - math.log10(9 * mg / 3.57) / 0.062) <= _VOLTAGE_TOLERANCE:
        feedback.fail(f"`{name}` uses the base-10 logarithm: the exponential of the block "
                      "needs the natural logarithm.")
    else:
        feedback.close(name, value, reference, atol=_VOLTAGE_TOLERANCE,
                       hint=f"Solve B(V) = 0.9 with [Mg] = {mg:g} mM.")
    return False


def check_block(v_90_1mM, v_90_2mM, mg_low=1.0, mg_high=2.0):
    """Check the 90 % unblock potentials of exercise ``ind-ex-block``.

    Parameters
    ----------
    v_90_1mM : float
        Membrane potential, in mV, at which 90 % of the NMDA conductance is
        unblocked with ``mg_low`` magnesium.
    v_90_2mM : float
        The same potential with ``mg_high`` magnesium, in mV.
    mg_low, mg_high : float, optional
        Extracellular magnesium concentrations, in mM. Defaults 1 and 2 mM.

    Returns
    -------
    Feedback
        Truthy when both potentials are within 0.1 mV of the roots of
        ``plastlib.calcium.mg_block(v, mg) = 0.9``.
    """
    feedback = Feedback("ind-ex-block")
    low = feedback.number("v_90_1mM", v_90_1mM)
    high = feedback.number("v_90_2mM", v_90_2mM)
    low_ok = low is not None and _diagnose_potential(feedback, "v_90_1mM", low, mg_low)
    high_ok = high is not None and _diagnose_potential(feedback, "v_90_2mM", high, mg_high)
    if low_ok and not high_ok and high is not None and high < low:
        feedback.fail("`v_90_2mM` lies below `v_90_1mM`, but more magnesium blocks more: "
                      "the membrane must be depolarized further to unblock 90 %.")
    return feedback


@functools.lru_cache(maxsize=8)
def _fibre_sweep(fibre_counts, mg, dt):
    """Return the weight changes (percent) of single-pathway tetani, one per fibre count."""
    model = calcium.SynapseModel(mg=mg)
    tetanus = calcium.regular_train(TETANUS_RATE, TETANUS_PULSES, onset=ONSET)
    duration = tetanus[-1] + SETTLE
    changes = []
    for n in fibre_counts:
        run = calcium.simulate_pathways(model, [tetanus], [n], duration, dt=dt,
                                        record_interval=100.0)
        changes.append(100.0 * (run.w_final[0] / W_REST - 1.0))
    return np.array(changes)


def check_threshold(threshold, changes=None, fibre_counts=tuple(range(1, 13)), ltp_level=50.0):
    """Check the cooperativity threshold of exercise ``ind-ex-threshold``.

    Parameters
    ----------
    threshold : int
        Smallest number of fibres for which a 1 s, 100 Hz tetanus of a single
        pathway potentiates it by more than ``ltp_level`` percent.
    changes : array_like, optional
        Weight change after the tetanus for each entry of ``fibre_counts``, in
        percent of the resting weight. Checked only when given.
    fibre_counts : sequence of int, optional
        Fibre counts of ``changes``. Default 1 to 12.
    ltp_level : float, optional
        Potentiation that counts as LTP, in percent. Default 50 %.

    Returns
    -------
    Feedback
        Truthy when ``threshold`` equals the one found by simulating the
        chapter's model, and ``changes`` (if given) agrees with the simulation
        within 3 percentage points, the effect of the step size.
    """
    feedback = Feedback("ind-ex-threshold")
    fibre_counts = tuple(int(n) for n in fibre_counts)
    reference_changes = _fibre_sweep(fibre_counts, 1.0, DT)
    potentiated = reference_changes > ltp_level
    if not potentiated.any():
        raise ValueError(f"no fibre count in {fibre_counts} potentiates by more than "
                         f"{ltp_level} %: extend `fibre_counts`")
    reference = fibre_counts[int(np.argmax(potentiated))]

    value = feedback.number("threshold", threshold)
    if value is not None:
        if not _is_whole(value):
            feedback.fail(f"`threshold` = {value:g} is not a whole number of fibres.")
        elif int(round(value)) != reference:
            value = int(round(value))
            changed = np.abs(reference_changes) > 1.0
            first_change = fibre_counts[int(np.argmax(changed))] if changed.any() else None
            if value == first_change and reference_changes[fibre_counts.index(value)] < 0:
                feedback.fail(f"With {value} fibres the weight changes, but it falls: that is "
                              f"LTD. The exercise asks for potentiation by more than "
                              f"{ltp_level:g} %.")
            elif value < reference:
                feedback.fail(f"`threshold` = {value} is too small: with {value} fibres the "
                              f"tetanus does not potentiate by more than {ltp_level:g} %. "
                              "Compare the relative change w_final / W_REST - 1 with the level.")
            else:
                feedback.fail(f"`threshold` = {value} is too large: a smaller number of fibres "
                              f"already potentiates by more than {ltp_level:g} %.")

    if changes is None:
        return feedback
    values = feedback.array("changes", changes, shape=(len(fibre_counts),))
    if values is None:
        return feedback
    if np.all(np.abs(values - reference_changes) <= _CHANGE_TOLERANCE):
        return feedback
    if np.allclose(values, reference_changes + 100.0, atol=_CHANGE_TOLERANCE):
        return feedback.fail("`changes` holds the ratio w_final / W_REST in percent: subtract "
                             "1 (100 %) to get the change.")
    if np.allclose(values, reference_changes / 100.0, atol=_CHANGE_TOLERANCE / 100.0):
        return feedback.fail("`changes` holds fractions: multiply by 100 to give percent.")
    if np.allclose(values, reference_changes * W_REST, atol=_CHANGE_TOLERANCE * W_REST):
        return feedback.fail("`changes` holds 100 (w_final - W_REST): divide by the resting "
                             "weight W_REST to get the change relative to it.")
    worst = int(np.argmax(np.abs(values - reference_changes)))
    return feedback.fail(f"`changes` differs from the simulated change by more than "
                         f"{_CHANGE_TOLERANCE:g} percentage points, most at "
                         f"{fibre_counts[worst]} fibres. Simulate each fibre count with the "
                         "chapter's tetanus, duration and step.")


def _is_whole(value):
    return abs(value - round(value)) < 1e-9


@functools.lru_cache(maxsize=8)
def _weak_tetanus(mg, dt):
    """Return the weight changes (percent) of S1 and S2 after the weak tetanus alone."""
    model = calcium.SynapseModel(mg=mg)
    tetanus = calcium.regular_train(TETANUS_RATE, TETANUS_PULSES, onset=ONSET)
    run = calcium.simulate_pathways(model, [tetanus, np.array([])],
                                    [WEAK_FIBRES, STRONG_FIBRES], tetanus[-1] + SETTLE, dt=dt,
                                    record_interval=100.0)
    return 100.0 * (run.w_final / W_REST - 1.0)


def check_magnesium(gain, mg=0.1):
    """Check the weight changes of exercise ``ind-ex-magnesium``.

    Parameters
    ----------
    gain : array_like
        Weight changes of pathways S1 and S2, in percent of the resting
        weight, after the weak tetanus on S1 alone (S2 silent) with ``mg``
        magnesium, shape ``(2,)``.
    mg : float, optional
        Extracellular magnesium concentration, in mM. Default 0.1 mM.

    Returns
    -------
    Feedback
        Truthy when both changes are within 3 percentage points of the
        simulation of the chapter's model. That tolerance covers steps of 0.1
        to 0.2 ms, and the wrong answers recognised here differ by more than
        100 points.
    """
    feedback = Feedback("ind-ex-magnesium")
    values = feedback.array("gain", gain, shape=(2,))
    if values is None:
        return feedback
    reference = _weak_tetanus(mg, DT)
    if np.all(np.abs(values - reference) <= _CHANGE_TOLERANCE):
        return feedback
    if np.allclose(values, reference[::-1], atol=_CHANGE_TOLERANCE):
        return feedback.fail("`gain` lists S2 before S1: give the weak pathway S1 first.")
    if np.allclose(values, reference / 100.0, atol=_CHANGE_TOLERANCE / 100.0):
        return feedback.fail("`gain` holds fractions: multiply by 100 to give percent.")
    if np.allclose(values, reference + 100.0, atol=_CHANGE_TOLERANCE):
        return feedback.fail("`gain` holds w_final / W_REST in percent: subtract 1 (100 %).")
    if np.allclose(values, _weak_tetanus(1.0, DT), atol=_CHANGE_TOLERANCE):
        return feedback.fail("`gain` is the result with 1 mM magnesium: simulate with "
                             f"`dataclasses.replace(MODEL, mg={mg:g})`.")
    if abs(values[1]) > _CHANGE_TOLERANCE:
        feedback.fail("S2 changed, but the exercise gives the weak tetanus alone: S2 must "
                      "receive no pulses (an empty train).")
    if abs(values[0] - reference[0]) > _CHANGE_TOLERANCE:
        feedback.close("gain[0]", values[0], reference[0], atol=_CHANGE_TOLERANCE,
                       hint=f"Tetanize S1 with {WEAK_FIBRES} fibres in {mg:g} mM magnesium.")
    return feedback
