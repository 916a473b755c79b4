"""Checks for the coding exercises of the chapter on the stability of receptive fields.

Each check recomputes its reference with :mod:`plastlib.network` and the
chapter's parameters (the defaults of the keyword arguments). Times are in
seconds where the chapter prints them in seconds, as stated per argument.

Functions
---------
check_additive
    Exercise ``rf-ex-additive``: retention times of receptive fields learned
    and maintained by additive STDP.
"""

import math
from dataclasses import replace

import numpy as np

from plastlib import network
from plastlib.exercises._feedback import Feedback

__all__ = ["check_additive"]

# Retention times fitted to 200 s of ongoing activity vary from seed to seed:
# over the ongoing-activity seeds 2, 3 and 4 the chapter's additive network
# gave 520 to 1090 s at g_lat = 0.2 and 3150 to 5220 s at g_lat = 1. An answer
# within a factor 2.5 of the reference (same seed) covers that spread.
_FACTOR = 2.5


def _retention_times(params, start_weights, g_values, duration, snapshot, floor, seed):
    times = {}
    for g_lateral in g_values:
        run = network.simulate_network(replace(params, g_lateral=g_lateral), duration,
                                       initial_weights=start_weights,
                                       snapshot_interval=snapshot, rng=seed, progress=False)
        correlation = network.receptive_field_correlation(run.weights)
        times[g_lateral] = network.decay_time(run.snapshot_times, correlation, floor) / 1e3
    return times


def _ratio_ok(value, reference):
    if math.isinf(reference):
        return math.isinf(value) or value > reference
    return abs(math.log(value / reference)) < math.log(_FACTOR)


def check_additive(retention, start_weights, g_values=(0.2, 1.0), duration=200e3,
                   snapshot_interval=1e3, floor=0.2, seed=2, min_selectivity=0.3):
    """Check the retention times of additive receptive fields (``rf-ex-additive``).

    The reference reruns the ongoing activity of the exercise with
    :func:`plastlib.network.simulate_network` (additive STDP, the chapter's
    ``SEED_ONGOING``) from ``start_weights`` and fits the retention time with
    :func:`plastlib.network.decay_time`.

    Parameters
    ----------
    retention : dict
        Maps each inhibition strength ``g_lat`` (units of the leak conductance)
        to the retention time fitted for it, in s.
    start_weights : array_like, shape (10, 100)
        The weights learned by the additive network with ``g_lat = 1``
        (dimensionless, in [0, 1]).
    g_values : sequence of float
        Inhibition strengths of the exercise.
    duration : float
        Ongoing activity, in ms.
    snapshot_interval : float
        Interval between weight snapshots, in ms.
    floor : float
        Correlation below which points are left out of the fit (``CORRELATION_FLOOR``).
    seed : int
        Seed of the ongoing activity (``SEED_ONGOING``).
    min_selectivity : float
        Mean selectivity ``|z|`` that learned additive weights exceed (the chapter
        checks 0.3).

    Returns
    -------
    Feedback
        Passed when every retention time is within a factor 2.5 of the reference.
    """
    feedback = Feedback("rf-ex-additive")
    params = network.NetworkParams()
    shape = (params.n_outputs, params.cell.n_inputs)
    weights = feedback.array("start_weights", start_weights, shape=shape)
    if not isinstance(retention, dict):
        feedback.fail(f"`retention` must be a dict that maps g_lat to a retention time in s, "
                      f"got a {type(retention).__name__}.")
        return feedback
    if weights is None:
        return feedback
    if not feedback.require(weights.min() >= 0 and weights.max() <= 1,
                            "`start_weights` must lie in [0, 1]."):
        return feedback
    selectivity = float(network.weight_selectivity(weights).mean())
    if not feedback.require(selectivity > min_selectivity,
                            f"`start_weights` has a mean selectivity of {selectivity:.2f}: start "
                            "from the weights that the additive network learned with "
                            "g_lat = 1, not from random or weight-dependent ones."):
        return feedback

    answers = {}
    for g_lateral in g_values:
        matches = [key for key in retention if isinstance(key, (int, float))
                   and math.isclose(key, g_lateral)]
        if not matches:
            feedback.fail(f"`retention` has no entry for g_lat = {g_lateral:g}.")
            continue
        value = retention[matches[0]]
        if isinstance(value, (int, float)) and math.isinf(value) and value > 0:
            answers[g_lateral] = math.inf
            continue
        value = feedback.number(f"retention[{g_lateral:g}]", value)
        if value is not None and feedback.require(value > 0, f"`retention[{g_lateral:g}]` "
                                                  "must be a positive time."):
            answers[g_lateral] = value
    if len(answers) < len(g_values):
        return feedback

    reference = _retention_times(network.NetworkParams(), weights, g_values, duration,
                                 snapshot_interval, floor, seed)
    for g_lateral, value in answers.items():
        expected = reference[g_lateral]
        if _ratio_ok(value, expected):
            continue
        name = f"retention[{g_lateral:g}]"
        if math.isinf(value):
            feedback.fail(f"`{name}` is infinite, but the receptive-field correlation does "
                          "decrease over the run: fit network.decay_time to all snapshots.")
        elif _ratio_ok(value / 1000, expected):
            feedback.fail(f"`{name}` looks like a time in ms: give it in s.")
        elif value < expected / _FACTOR:
            feedback.fail(f"`{name}` = {value:.3g} s is far too short. Keep the additive rule "
                          "during the ongoing activity (ADDITIVE, not WEIGHT_DEPENDENT), with "
                          f"g_lat = {g_lateral:g}, and fit the correlation with the start.")
        else:
            feedback.fail(f"`{name}` = {value:.3g} s is far too long: check that the weights "
                          "stay plastic and that the run lasts "
                          f"{duration / 1e3:.0f} s.")
    return feedback
