"""Checks for the coding exercises of the chapter on random walks of synaptic weights.

Weights are dimensionless and time is counted in steps (plasticity
opportunities), as in the chapter. The defaults are the chapter's parameters.

Functions
---------
check_hard_simulation
    Exercise ``rw-ex-hard-simulation``: the stationary variance of a
    hard-bounded walk, predicted and simulated.
check_small_steps
    Exercise ``rw-ex-small-steps``: total-variation distances of the
    Fokker-Planck and Gaussian densities for three step sizes.
"""

import dataclasses
import functools
import math

import numpy as np
from scipy import integrate, stats

from plastlib import randomwalk as rw
from plastlib.exercises._feedback import Feedback

__all__ = ["HARD", "SOFT", "check_hard_simulation", "check_small_steps"]

# The chapter's walks: balanced events, steps of 0.1, hard bounds [0, 2].
SOFT = rw.WalkParameters(p_p=0.1, p_d=0.1, c_p=0.1, c_d=0.1, rule="soft")
HARD = dataclasses.replace(SOFT, rule="hard", w_min=0.0, w_max=2.0)

# Number of standard errors allowed for a sampled statistic. For a correctly
# simulated stationary sample, a 4-sigma deviation happens with probability 6e-5.
_Z = 4.0


def check_hard_simulation(predicted_variance, weights, n_steps, parameters=HARD):
    """Check the hard-bound variance predicted and simulated in exercise ``rw-ex-hard-simulation``.

    Parameters
    ----------
    predicted_variance : float
        The stationary variance of the weights from part (b) of
        ``rw-ex-hard-variance``, for ``parameters`` (dimensionless weight squared).
    weights : array_like
        Final weights of all simulated synapses, for example
        ``rw.simulate_walk(HARD, N_SYNAPSES, n_steps, ...).weights``.
    n_steps : int
        Number of steps of that simulation.
    parameters : WalkParameters
        Hard-bound walk with ``c_p = c_d`` and ``p_p = p_d`` (default: the
        chapter's ``HARD``).

    Returns
    -------
    Feedback
        Truthy when the prediction is exact (to rounding), the run is long
        enough to forget its start, and the sample variance agrees with the
        prediction within 4 standard errors.
    """
    feedback = Feedback("rw-ex-hard-simulation")
    if not isinstance(parameters, rw.WalkParameters) or parameters.rule != "hard":
        raise ValueError(f"`parameters` = {parameters!r} is invalid: pass a hard-bound "
                         "WalkParameters")
    step = parameters.c_p
    levels = round((parameters.w_max - parameters.w_min) / step)
    reference = step**2 * levels * (levels + 2) / 12
    mixing_steps = levels * (levels + 2) / (24 * parameters.p_p)

    value = feedback.number("predicted_variance", predicted_variance)
    if value is not None and not math.isclose(value, reference, rel_tol=1e-6):
        if math.isclose(value, step**2 * levels**2 / 12, rel_tol=1e-6):
            feedback.fail("`predicted_variance` is the variance of a continuous uniform "
                          "distribution. The weight takes K + 1 discrete values: use the "
                          "variance of a uniform distribution over k = 0, ..., K.")
        elif math.isclose(value, levels * (levels + 2) / 12, rel_tol=1e-6):
            feedback.fail("`predicted_variance` is in units of c**2: multiply by the step "
                          "size squared.")
        elif math.isclose(value, step * levels * (levels + 2) / 12, rel_tol=1e-6):
            feedback.fail("`predicted_variance` scales with c, not c**2: a variance of w "
                          "carries the square of the step size.")
        else:
            feedback.close("predicted_variance", value, reference, rtol=1e-6,
                           hint="Count the lattice points: K = (w_max - w_min) / c steps "
                                "give K + 1 values.")

    steps = feedback.number("n_steps", n_steps)
    if steps is not None:
        # Part (c): after about K (K + 2) / (24 p_p) steps the walk has spread over the
        # whole range. Runs shorter than twice that still remember their start.
        feedback.require(steps >= 2 * mixing_steps,
                         f"`n_steps` = {steps:.0f} is too short for the walk to forget its "
                         "start: use part (c) of the previous exercise and run several "
                         "times longer.")

    sample = feedback.array("weights", weights, shape=(None,))
    if sample is None:
        return feedback
    if sample.size < 100:
        return feedback.fail(f"`weights` holds only {sample.size} values: pass the final "
                             "weights of all simulated synapses (thousands).")
    tolerance = 1e-9 * max(1.0, abs(parameters.w_max))
    if sample.min() < parameters.w_min - tolerance or sample.max() > parameters.w_max + tolerance:
        return feedback.fail(f"`weights` span [{sample.min():.3g}, {sample.max():.3g}], outside "
                             f"the bounds [{parameters.w_min:g}, {parameters.w_max:g}]: simulate "
                             "the hard-bound rule.")
    variance = sample.var(ddof=1)
    # Independent synapses: the relative standard error of a sample variance is
    # sqrt((kurtosis - 1) / N), with the kurtosis estimated from the sample.
    kurtosis = stats.kurtosis(sample, fisher=False)
    standard_error = reference * math.sqrt(max(kurtosis - 1.0, 0.0) / sample.size)
    if abs(variance - reference) > _Z * standard_error:
        direction = "smaller" if variance < reference else "larger"
        hint = (" A sample variance that is too small usually means the walk has not yet "
                "spread from its start." if variance < reference else "")
        feedback.fail(f"The sample variance of `weights` is {direction} than the stationary "
                      f"variance by more than {_Z:.0f} standard errors.{hint}")
    return feedback


def _tv_noise(density, edges, n_samples):
    """Return the expected total variation of a histogram of ``n_samples`` from sampling alone."""
    probabilities = np.array([_integrate(density, low, high)
                              for low, high in zip(edges[:-1], edges[1:])])
    # E|q - r| of a binomial frequency q with mean r is about sqrt(2 r (1 - r) / (pi N)).
    return 0.5 * np.sum(np.sqrt(2 * probabilities * (1 - probabilities) / (np.pi * n_samples)))


def _integrate(density, low, high):
    return integrate.quad(lambda x: float(density(x)), low, high, limit=200)[0]


@functools.lru_cache(maxsize=8)
def _reference_distances(steps, n_synapses, n_edges, seed):
    """Simulate the reference distances of ``rw-ex-small-steps`` (about 1 s for the defaults)."""
    edges = np.linspace(0.0, 3.0, n_edges)
    rows = {}
    for k, step in enumerate(steps):
        parameters = dataclasses.replace(SOFT, c_p=step, c_d=step)
        n_steps = round(10 / (parameters.p_d * parameters.c_d))
        walk = rw.simulate_walk(parameters, n_synapses, n_steps, w0=1.0, rng=seed + k)
        fokker_planck = rw.fokker_planck_density(parameters)
        sd = math.sqrt(rw.soft_bound_gaussian_variance(parameters))

        def gaussian(v, sd=sd):
            return stats.norm.pdf(v, 1.0, sd)

        rows[step] = (rw.total_variation_distance(walk.weights, fokker_planck, edges),
                      rw.total_variation_distance(walk.weights, gaussian, edges),
                      _tv_noise(fokker_planck, edges, n_synapses))
    return rows


def check_small_steps(distances, n_synapses=20_000, steps=(0.2, 0.1, 0.05), seed=2033):
    """Check the total-variation distances of exercise ``rw-ex-small-steps``.

    Parameters
    ----------
    distances : dict
        Maps each step size ``c = c_p = c_d`` (dimensionless) to a pair
        ``(tv_fokker_planck, tv_gaussian)``: the total-variation distances
        between the simulated stationary weights and the Fokker-Planck density,
        and the Gaussian approximation, on 40 bins between 0 and 3.
    n_synapses : int
        Number of synapses simulated per step size (the chapter's 20 000).
    steps : tuple of float
        The step sizes the exercise asks for.
    seed : int
        Seed of the reference simulation made by the check.

    Returns
    -------
    Feedback
        Truthy when every step size is present, each pair is ordered as asked,
        and each distance agrees with the reference simulation within the
        sampling error of two histograms.
    """
    feedback = Feedback("rw-ex-small-steps")
    given = feedback.table("distances", distances, steps, what="step sizes",
                           entry=lambda label, pair: feedback.array(label, pair, shape=(2,)))
    if given is None:
        return feedback
    for step in steps:
        values = given[step]
        if np.any(values < 0) or np.any(values > 1):
            feedback.fail(f"distances[{step}] = {values.tolist()}: a total-variation distance "
                          "lies between 0 and 1.")
    if not feedback.passed:
        return feedback

    reference = _reference_distances(tuple(steps), int(n_synapses), 41, int(seed))
    for step in steps:
        tv_fp, tv_gauss = given[step]
        ref_fp, ref_gauss, noise = reference[step]
        # Both the answer and the reference carry sampling noise of about `noise`
        # (the expected distance of a histogram of N samples from its own density),
        # with a spread smaller than that; 3 * noise covers the difference of two runs.
        tolerance = 3 * noise
        if tv_fp > tv_gauss and abs(tv_fp - ref_gauss) < tolerance \
                and abs(tv_gauss - ref_fp) < tolerance:
            feedback.fail(f"For c = {step}, the two distances look swapped: give "
                          "(tv_fokker_planck, tv_gaussian).")
            continue
        for name, value, expected in (("Fokker-Planck", tv_fp, ref_fp),
                                      ("Gaussian", tv_gauss, ref_gauss)):
            if abs(value - expected) > tolerance:
                direction = "too large" if value > expected else "too small"
                hint = (" Run 10 relaxation times 1 / (p_d c_d), which grow as the step "
                        "shrinks, and start at w = 1." if value > expected else
                        " Use 40 bins between 0 and 3 and the densities for this step size.")
                feedback.fail(f"For c = {step}, the {name} distance is {direction} "
                              f"(off by more than {tolerance:.3f}).{hint}")
    return feedback
