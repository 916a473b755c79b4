"""Checks for the coding exercises of the chapter on homeostatic regulation.

Each check recomputes its reference with :mod:`plastlib.homeostasis` and the
chapter's parameters (the defaults of the keyword arguments). Times are in ms.

Functions
---------
check_network
    Exercise ``hom-ex-network``: critical integration time constant of a
    random network, found by simulation.
"""

import numpy as np

from plastlib import homeostasis
from plastlib.exercises._feedback import Feedback

__all__ = ["check_network"]

# tau_1 (rate) and tau_2 (calcium-like sensor) of the chapter, in ms.
CHAPTER_TAUS = (1.0, 50.0)


def _near(value, target, tolerance):
    return abs(value / target - 1) < tolerance


def check_network(found, weights=None, largest_eigenvalue=0.95, n_neurons=40,
                  taus=CHAPTER_TAUS, tolerance=0.02, chapter_eigenvalue=0.9):
    """Check the critical ``tau_3`` of a network found by simulation (``hom-ex-network``).

    The reference is :func:`plastlib.homeostasis.critical_tau` for the largest
    eigenvalue of the weight matrix: the network is stable exactly when its
    most recurrent mode is.

    Parameters
    ----------
    found : float
        Smallest stable integration time constant found by bisection, in ms.
    weights : array_like, shape (n_neurons, n_neurons), optional
        The student's weight matrix; when given, its shape, symmetry and
        largest eigenvalue are checked and the reference uses that eigenvalue.
    largest_eigenvalue : float
        Largest eigenvalue asked for by the exercise (dimensionless).
    n_neurons : int
        Number of neurons asked for by the exercise.
    taus : sequence of float
        ``(tau_1, tau_2)`` in ms.
    tolerance : float
        Allowed relative error. The exercise stops the bisection when the
        bracket is 1 % wide, and the growth rate fitted near the threshold is
        noisy, so its answer lies within about 1.5 % of the exact threshold;
        the exercise asks for 2 %.
    chapter_eigenvalue : float
        Largest eigenvalue of the chapter's network, used to recognise an
        answer computed for the wrong network.

    Returns
    -------
    Feedback
        Passed when ``found`` is within ``tolerance`` of the reference.
    """
    feedback = Feedback("hom-ex-network")
    found = feedback.number("found", found)
    if found is None:
        return feedback
    if not feedback.require(found > 0, f"`found` = {found:.4g} ms must be a positive time "
                                       "constant."):
        return feedback

    eigenvalue = largest_eigenvalue
    if weights is not None:
        matrix = feedback.array("weights", weights, shape=(n_neurons, n_neurons))
        if matrix is None:
            return feedback
        if not feedback.require(np.allclose(matrix, matrix.T),
                                "`weights` is not symmetric: symmetrise the random matrix, "
                                "for example (raw + raw.T) / 2."):
            return feedback
        eigenvalue = float(np.linalg.eigvalsh(matrix).max())
        if not feedback.require(abs(eigenvalue - largest_eigenvalue) < 1e-9,
                                f"The largest eigenvalue of `weights` is {eigenvalue:.4g}: "
                                f"rescale the matrix so that it is {largest_eigenvalue:g}."):
            return feedback

    taus = list(taus)
    reference = homeostasis.critical_tau(eigenvalue, taus)
    if _near(found, reference, tolerance):
        return feedback

    # Typical mistakes, each recognised by the value it produces.
    isolated = homeostasis.critical_tau(0.0, taus)
    chapter_network = homeostasis.critical_tau(chapter_eigenvalue, taus)
    oscillation_free = homeostasis.critical_tau(eigenvalue, taus, oscillation_free=True)
    if _near(found * 1000, reference, tolerance):
        feedback.fail("`found` looks like a time in seconds: give it in ms.")
    elif _near(found, isolated, tolerance):
        feedback.fail("`found` is the critical time constant of an isolated neuron (w = 0): "
                      "the network's threshold is set by its most recurrent mode.")
    elif _near(found, chapter_network, tolerance):
        feedback.fail(f"`found` matches a network whose largest eigenvalue is "
                      f"{chapter_eigenvalue:g}, the chapter's network: the exercise asks for "
                      f"{largest_eigenvalue:g}.")
    elif _near(found, oscillation_free, tolerance):
        feedback.fail("`found` is the threshold above which the network stops oscillating; "
                      "the exercise asks for the threshold of stability (growth rate < 0).")
    elif _near(found, reference / 2, 0.05) or _near(found, reference * 2, 0.05):
        feedback.fail("`found` sits at an end of the initial bracket: the bisection moved the "
                      "wrong way. A negative growth rate means stable, so the threshold lies "
                      "below a stable tau_3.")
    else:
        feedback.close("found", found, reference, rtol=tolerance,
                       hint="Check the growth-rate fit (use only the late part of the run) "
                            "and bisect until the bracket is narrower than 1 %.")
    return feedback
