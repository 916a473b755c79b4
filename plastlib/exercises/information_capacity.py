"""Checks for the coding exercises of the chapter on the information capacity of synapses.

Information is in bits per synapse and learning rates are dimensionless, as in
the chapter.

Functions
---------
check_single_mode
    Exercise ``info-ex-single-mode``: the hard-bound capacity kept by the
    slowest mode alone.
check_collapse
    Exercise ``info-ex-collapse``: the information per synapse of soft-bound
    neurons of three sizes at equal initial SNR.
"""

import math

import numpy as np

from plastlib import capacity
from plastlib.exercises._feedback import Feedback

__all__ = ["check_collapse", "check_single_mode"]

_BITS_PER_SNR = 1 / (4 * math.pi * math.log(2))  # small-SNR information per unit SNR


def check_single_mode(one_mode):
    """Check the answer to exercise ``info-ex-single-mode``.

    Parameters
    ----------
    one_mode : float
        Information per synapse, in bits, predicted at small learning rates by
        the term ``k = l = 0`` of the hard-bound double series alone.

    Returns
    -------
    Feedback
        Truthy when the value is correct to 1e-6 (a closed form, so only
        rounding is allowed).
    """
    feedback = Feedback("info-ex-single-mode")
    value = feedback.number("one_mode", one_mode)
    if value is None:
        return feedback
    lambda_0 = math.pi**2 / 8
    area = 3 / (2 * lambda_0**3)  # SNR area per synapse, 3 = 1/q
    reference = area * _BITS_PER_SNR
    if math.isclose(value, reference, rel_tol=1e-6):
        return feedback
    candidates = (
        (area, "`one_mode` is the SNR area per synapse, not bits: multiply by "
               "1 / (4 pi ln 2)."),
        (reference / 3, "`one_mode` is a third of the expected value: the SNR divides by "
                        "q = <w^2> = 1/3, a factor 3 that is easy to lose."),
        (2 * reference, "`one_mode` is twice the expected value: the term k = l = 0 is "
                        "1 / (lambda_0 * lambda_0 * (lambda_0 + lambda_0)), which contains 1/2."),
        (reference / 2, "`one_mode` is half the expected value: check the factor "
                        "1 / (lambda_0 + lambda_0) of the double series."),
    )
    for wrong, message in candidates:
        if math.isclose(value, wrong, rel_tol=1e-6):
            return feedback.fail(message)
    if value > capacity.information_limit("hard"):
        return feedback.fail("`one_mode` exceeds the full hard-bound capacity: every term of the "
                             "series is positive, so one term must give less.")
    feedback.close("one_mode", value, reference, rtol=1e-6,
                   hint="Use lambda_0 = pi^2 / 8 and the double series of the SNR area.")
    return feedback


def check_collapse(information, initial_snrs, simulated=None, simulated_rate=0.05,
                   simulated_synapses=50, n_tests=20_000):
    """Check the answer to exercise ``info-ex-collapse``.

    Parameters
    ----------
    information : dict
        Maps each neuron size ``N`` (50, 100 and 200) to an array of the
        predicted information per synapse (bits) for soft bounds, one value per
        entry of ``initial_snrs``.
    initial_snrs : array_like
        Initial SNRs ``S(0)`` at which the information was evaluated (the
        learning rate of each point is ``S(0) / (2 N)``).
    simulated : float, optional
        Information per synapse (bits) measured by
        :func:`plastlib.capacity.measure_capacity` for soft bounds,
        ``simulated_rate`` and ``simulated_synapses``.
    simulated_rate : float
        Learning rate of the simulated point.
    simulated_synapses : int
        Number of synapses of the simulated point.
    n_tests : int
        Test steps of the simulated point.

    Returns
    -------
    Feedback
        Truthy when every size is present, each array matches the prediction
        to 1e-6 and the simulated value lies within 4 standard errors of its
        prediction.
    """
    feedback = Feedback("info-ex-collapse")
    snrs = feedback.array("initial_snrs", initial_snrs, shape=(None,))
    if not isinstance(information, dict):
        feedback.fail(f"`information` must be a dict mapping each N to an array, got a "
                      f"{type(information).__name__}.")
    if snrs is None or not feedback.passed:
        return feedback
    if np.any(snrs <= 0):
        return feedback.fail("`initial_snrs` must be positive.")
    sizes = {}
    for key, values in information.items():
        n_synapses = feedback.number("a key of `information`", key)
        array = feedback.array(f"information[{key!r}]", values, shape=(snrs.size,))
        if n_synapses is not None and array is not None:
            sizes[int(round(n_synapses))] = array
    if not feedback.passed:
        return feedback
    missing = [n for n in (50, 100, 200) if n not in sizes]
    if missing:
        return feedback.fail(f"`information` has no entry for N = {missing}.")

    for n_synapses, values in sorted(sizes.items()):
        rates = snrs / (2 * n_synapses)
        if np.any(rates >= 1):
            return feedback.fail(f"For N = {n_synapses}, S(0) / (2 N) reaches 1: use initial "
                                 "SNRs well below 2 N.")
        reference = np.array([capacity.predicted_information("soft", a, n_synapses)
                              for a in rates])
        # Exact theory on both sides, so only rounding is allowed.
        if np.allclose(values, reference, rtol=1e-6):
            continue
        half_rate = np.array([capacity.predicted_information("soft", a / 2, n_synapses)
                              for a in rates])
        double_rate = np.array([capacity.predicted_information("soft", min(2 * a, 0.99),
                                                               n_synapses) for a in rates])
        if np.allclose(values, double_rate, rtol=1e-6):
            feedback.fail(f"For N = {n_synapses}, the values belong to a = S(0) / N: the "
                          "initial SNR is about 2 N a, so a = S(0) / (2 N).")
        elif np.allclose(values, half_rate, rtol=1e-6):
            feedback.fail(f"For N = {n_synapses}, the values belong to a = S(0) / (4 N): the "
                          "initial SNR is about 2 N a, so a = S(0) / (2 N).")
        elif np.allclose(values, reference * n_synapses, rtol=1e-6):
            feedback.fail(f"For N = {n_synapses}, the values are per neuron: "
                          "predicted_information already returns bits per synapse.")
        else:
            feedback.fail(f"For N = {n_synapses}, the values differ from "
                          "capacity.predicted_information(\"soft\", S(0) / (2 N), N).")

    if simulated is not None:
        value = feedback.number("simulated", simulated)
        if value is not None:
            expected = capacity.predicted_information("soft", simulated_rate, simulated_synapses)
            # The information is at most the small-SNR value of the SNR area, so the
            # relative standard error of the area bounds that of the information.
            relative = capacity.snr_area_standard_error("soft", simulated_rate,
                                                        simulated_synapses, n_tests)
            feedback.close("simulated", value, expected, rtol=4 * relative,
                           hint=f"Simulate soft bounds with a = {simulated_rate:g}, "
                                f"N = {simulated_synapses} and n_tests = {n_tests}.")
    return feedback
