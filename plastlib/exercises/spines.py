"""Checks for the coding exercises of the chapter on spines and weight-dependent plasticity.

Weights are spine head volumes relative to a reference spine (dimensionless),
potentials are in mV and time in ms, as in the chapter. The defaults are the
chapter's parameters.

Functions
---------
check_exponent
    Exercise ``spn-ex-exponent``: how much the initially largest fifth of the
    synapses changes for NMDA receptor exponents from 0 to 2.
"""

import functools

import numpy as np

from plastlib import spines
from plastlib.exercises._feedback import Feedback

__all__ = ["EXPONENTS", "PROTOCOL", "SEED", "check_exponent"]

SEED = 20111109  # the chapter's SEED; the exercise draws with SEED + 1
EXPONENTS = (0.0, 0.5, 1.0, 1.5, 2.0)
PROTOCOL = spines.EpisodeProtocol(t_on=200.0, t_after=100.0, dt=1.0, learning_rate=0.5,
                                  w_min=0.1, w_max=10.0)


@functools.lru_cache(maxsize=4)
def _reference_changes(n_synapses, n_episodes, seed):
    """Return the mean relative change of the largest fifth for each exponent.

    Draws the initial weights and the voltages as the chapter's solution does,
    then simulates only the largest fifth (synapses are independent, so the
    others do not affect it), which takes well under a second.
    """
    rng = np.random.default_rng(seed)
    w_start = np.exp(rng.uniform(np.log(0.2), np.log(8.0), n_synapses))
    volts = spines.draw_episode_voltages(n_synapses, n_episodes, rng=rng)
    largest = np.array_split(np.argsort(w_start, kind="stable"), 5)[-1]
    changes = []
    for exponent in EXPONENTS:
        model = spines.SpineModel(nmda_exponent=exponent)
        final = spines.simulate_population(w_start[largest],
                                           spines.nmda_drive(volts[largest], model), model,
                                           PROTOCOL, record_every=n_episodes,
                                           progress=False).final
        changes.append(np.mean(np.abs(final - w_start[largest]) / w_start[largest]))
    return np.array(changes)


def check_exponent(changes, n_synapses=300, n_episodes=600, seed=SEED + 1):
    """Check the answer to exercise ``spn-ex-exponent``.

    Parameters
    ----------
    changes : dict
        Maps each NMDA receptor exponent ``a`` (0, 0.5, 1, 1.5 and 2) to the
        mean relative change ``|w_end - w_start| / w_start`` of the initially
        largest fifth of the synapses, as a fraction (not in %).
    n_synapses, n_episodes : int
        Size of the simulation (the exercise asks for 300 and 600).
    seed : int
        Seed of the generator that drew the initial weights and then the
        voltages (the chapter's ``SEED + 1``).

    Returns
    -------
    Feedback
        Truthy when every exponent is present and each change agrees with the
        reference simulation: exactly (to 1e-6) for the same seed, otherwise
        within the spread between seeds.
    """
    feedback = Feedback("spn-ex-exponent")
    given = feedback.table("changes", changes, EXPONENTS, entry=feedback.number,
                           what="exponents")
    if given is None:
        return feedback
    answer = np.array([given[a] for a in EXPONENTS])
    if np.any(answer < 0):
        return feedback.fail("A relative change |w_end - w_start| / w_start cannot be negative: "
                             "take the absolute value of each change before averaging.")

    reference = _reference_changes(int(n_synapses), int(n_episodes), int(seed))
    if np.allclose(answer, reference, rtol=1e-6, atol=1e-12):
        return feedback
    if np.allclose(answer, 100 * reference, rtol=0.5, atol=0.5):
        return feedback.fail("The changes look like percentages: give them as fractions.")
    if answer.max() > 0.3:
        return feedback.fail("Some changes are far larger than those of the largest synapses. "
                             "Did you take the smallest fifth (the first group of "
                             "`relative_change_by_size`) instead of the largest (the last)?")
    # A different seed gives different numbers. Over 8 seeds, the standard
    # deviation of each change was at most 0.001 + 0.25 * its mean (measured with
    # 300 synapses and 600 episodes); 3 such deviations cover other seeds.
    tolerance = 3 * (0.001 + 0.25 * reference)
    for exponent, value, expected, allowed in zip(EXPONENTS, answer, reference, tolerance):
        if abs(value - expected) > allowed:
            direction = "too large" if value > expected else "too small"
            feedback.fail(f"The change for a = {exponent:g} is {direction}, beyond the spread "
                          "between seeds. Use the chapter's PROTOCOL, membrane pumps (the "
                          "default extrusion exponent) and the same initial weights and "
                          "voltages for every exponent.")
    return feedback
