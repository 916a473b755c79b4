"""Checks for the coding exercises of the chapter on spike-timing-dependent plasticity.

Rates are in Hz, times in ms and weights in units of the maximal conductance,
as in the chapter. The defaults are the chapter's parameters.

Functions
---------
check_nearest
    Exercise ``stdp-ex-nearest``: the weight-dependent rule with
    nearest-neighbour pairing, simulated and predicted.
"""

import functools
from dataclasses import replace

from plastlib import stdp
from plastlib.exercises._feedback import Feedback

__all__ = ["INPUT_RATE", "WEIGHT_DEPENDENT", "check_nearest"]

INPUT_RATE = 10.0  # Hz, rate of every excitatory input
WEIGHT_DEPENDENT = replace(stdp.STDPParams(), mu_minus=1.0, depression_ratio=2.0)
SEED_SOFT = 2

# Over seeds 2 to 5, the mean final weight of the 300 s nearest-neighbour run
# spread by about 0.003 (measured with the chapter's parameters); 0.015 is 5 times that.
_MEAN_TOLERANCE = 0.015


@functools.lru_cache(maxsize=4)
def _reference_mean(pairing, duration, seed):
    """Return the mean final weight of a reference run (about 0.5 s for 300 s)."""
    run = stdp.simulate_stdp(replace(WEIGHT_DEPENDENT, pairing=pairing), duration,
                             rates=INPUT_RATE, snapshot_interval=10e3, rng=seed,
                             progress=False)
    return float(run.final_weights.mean())


def _fixed_point(rate_pre, rate_post, params):
    """Return the nearest-neighbour fixed point for rates in Hz (traces saturate at 1)."""
    potentiation = params.a_plus * params.tau_plus / (1 + rate_pre * 1e-3 * params.tau_plus)
    depression = params.a_minus * params.tau_minus / (1 + rate_post * 1e-3 * params.tau_minus)
    return potentiation / depression


def check_nearest(mean_weight, predicted, rate_post, duration=300e3, params=WEIGHT_DEPENDENT,
                  rate_pre=INPUT_RATE, seed=SEED_SOFT):
    """Check the answer to exercise ``stdp-ex-nearest``.

    Parameters
    ----------
    mean_weight : float
        Mean final weight of the weight-dependent simulation with
        ``pairing="nearest"`` (units of the maximal conductance).
    predicted : float
        The fixed point ``w*`` predicted from the mean of the reset traces,
        without the causal term.
    rate_post : float
        Output rate used in the prediction, in Hz (the chapter measures it over
        the second half of the run).
    duration : float
        Length of the simulation, in ms (the solution uses 300 s).
    params : STDPParams
        The weight-dependent rule with all-to-all pairing (the check switches
        the pairing itself).
    rate_pre : float
        Rate of every input, in Hz.
    seed : int
        Seed of the reference simulations.

    Returns
    -------
    Feedback
        Truthy when the rate is in Hz, the prediction follows from it, and the
        simulated mean agrees with a reference simulation within 0.015 (five
        times the spread between seeds).
    """
    feedback = Feedback("stdp-ex-nearest")
    rate = feedback.number("rate_post", rate_post)
    if rate is not None:
        if rate <= 0:
            feedback.fail(f"`rate_post` = {rate:.3g} must be positive: measure the output rate "
                          "of the run.")
            rate = None
        elif rate < 0.05:
            feedback.fail(f"`rate_post` = {rate:.3g} looks like a rate per ms: give it in Hz.")
            rate = None

    value = feedback.number("predicted", predicted)
    if value is not None and rate is not None:
        reference = _fixed_point(rate_pre, rate, params)
        all_to_all = params.a_plus * params.tau_plus / (params.a_minus * params.tau_minus)
        swapped = _fixed_point(rate, rate_pre, params)
        per_ms_as_hz = (params.a_plus * params.tau_plus / (1 + rate_pre * params.tau_plus)) / (
            params.a_minus * params.tau_minus / (1 + rate * params.tau_minus))
        # The prediction is a closed form; 0.1 % allows rounding of the measured rate.
        if abs(value - reference) > 1e-3 * reference:
            if abs(value - all_to_all) < 1e-3 * all_to_all:
                feedback.fail("`predicted` is the all-to-all fixed point: with traces that reset "
                              "to 1, the mean trace is nu tau / (1 + nu tau), not nu tau.")
            elif abs(value - swapped) < 1e-3 * swapped:
                feedback.fail("`predicted` swaps the rates: potentiation reads the presynaptic "
                              "trace (input rate), depression the postsynaptic trace (output "
                              "rate).")
            elif abs(value - per_ms_as_hz) < 1e-3 * per_ms_as_hz:
                feedback.fail("`predicted` multiplies rates in Hz by times in ms: convert the "
                              "rates to 1/ms first.")
            else:
                feedback.close("predicted", value, reference, rtol=1e-3)

    mean = feedback.number("mean_weight", mean_weight)
    if mean is None:
        return feedback
    if not 0 <= mean <= 1:
        return feedback.fail(f"`mean_weight` = {mean:.3g} lies outside [0, 1]: pass the mean "
                             "of the final weights.")
    seconds = feedback.number("duration", duration)
    if seconds is None:
        return feedback
    reference_mean = _reference_mean("nearest", float(seconds), int(seed))
    if abs(mean - reference_mean) > _MEAN_TOLERANCE:
        all_to_all_mean = _reference_mean("all", float(seconds), int(seed))
        if abs(mean - all_to_all_mean) < abs(mean - reference_mean):
            feedback.fail("`mean_weight` is closer to the all-to-all run than to the "
                          "nearest-neighbour one: pass replace(WEIGHT_DEPENDENT, "
                          "pairing=\"nearest\") to simulate_stdp.")
        else:
            feedback.close("mean_weight", mean, reference_mean, atol=_MEAN_TOLERANCE,
                           hint="Use the weight-dependent rule of the chapter, an input rate "
                                "of 10 Hz, and the mean over all synapses at the end of the "
                                "run.")
    return feedback
