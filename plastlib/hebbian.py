"""Rate-based Hebbian learning in a linear neuron, and the constraints that stabilise it.

A linear neuron responds to an input vector ``x`` (dimensionless rates) with
``y = w . x``. This module simulates the weight vector ``w`` under

* the plain Hebbian rule ``dw = eta x y`` (Hebb 1949),
* the covariance rule ``dw = eta (x - <x>)(y - <y>)`` (Sejnowski 1977),
* Oja's rule ``dw = eta y (x - y w)`` (Oja 1982),
* the BCM rule ``dw = eta x y (y - theta)`` with a sliding threshold
  ``theta`` that tracks ``<y^2>`` (Bienenstock, Cooper & Munro 1982, in the
  form of Intrator & Cooper 1992),

each optionally combined with one constraint: hard bounds on every weight,
divisive (multiplicative) normalisation of the Euclidean norm, or subtractive
normalisation of the sum of the weights with bounds (Miller & MacKay 1994).

Learning time is counted in input presentations (steps), not in ms: ``eta``
is a dimensionless learning rate per presentation, and the averaged
dynamics ``dw/dt = Q w`` use ``t = eta * steps``.

Functions by role
-----------------
Input ensembles
    :func:`mixture_ensemble`, :func:`smooth_covariance`, :class:`InputEnsemble`
Simulation
    :func:`learn_online` (one input sample per step),
    :func:`learn_averaged` (deterministic averaged dynamics)
Closed forms and measures
    :func:`averaged_solution`, :func:`principal_eigenvector`,
    :func:`bcm_drift`, :func:`bcm_threshold`, :func:`bcm_selective_fixed_point`,
    :func:`bcm_fixed_point`,
    :func:`selectivity_index`, :func:`fraction_at_bounds`, :func:`cosine`

References
----------
Hebb, D. O. (1949). The Organization of Behavior. Wiley.
Sejnowski, T. J. (1977). J. Math. Biol. 4, 303-321.
Oja, E. (1982). J. Math. Biol. 15, 267-273.
Bienenstock, E. L., Cooper, L. N. & Munro, P. W. (1982). J. Neurosci. 2, 32-48.
Intrator, N. & Cooper, L. N. (1992). Neural Networks 5, 3-17.
Miller, K. D. & MacKay, D. J. C. (1994). Neural Comput. 6, 100-126.
"""

from dataclasses import dataclass

import numba
import numpy as np
import scipy.optimize

from plastlib._validation import (
    as_generator,
    check_finite,
    check_integer,
    check_positive,
    check_range,
)

__all__ = [
    "RULES",
    "CONSTRAINTS",
    "InputEnsemble",
    "LearningResult",
    "mixture_ensemble",
    "smooth_covariance",
    "learn_online",
    "learn_averaged",
    "averaged_solution",
    "principal_eigenvector",
    "bcm_drift",
    "bcm_selective_fixed_point",
    "bcm_threshold",
    "bcm_fixed_point",
    "selectivity_index",
    "fraction_at_bounds",
    "cosine",
]

RULES = ("hebb", "covariance", "oja", "bcm")
CONSTRAINTS = ("none", "hard", "divisive", "subtractive")

_RULE_CODES = {name: code for code, name in enumerate(RULES)}
_CONSTRAINT_CODES = {name: code for code, name in enumerate(CONSTRAINTS)}
_HEBB, _COVARIANCE, _OJA, _BCM = 0, 1, 2, 3
_NONE, _HARD, _DIVISIVE, _SUBTRACTIVE = 0, 1, 2, 3


# ---------------------------------------------------------------------------
# Input ensembles
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class InputEnsemble:
    """A mixture of input patterns with additive Gaussian noise.

    Each sample picks pattern ``k`` with probability ``probabilities[k]`` and
    adds a zero-mean Gaussian vector with covariance ``noise_covariance``.
    Build one with :func:`mixture_ensemble`, which validates the arguments.

    Attributes
    ----------
    patterns : numpy.ndarray, shape (n_patterns, n_inputs)
        Noise-free input patterns (dimensionless rates).
    probabilities : numpy.ndarray, shape (n_patterns,)
        Probability of presenting each pattern; sums to 1.
    noise_covariance : numpy.ndarray, shape (n_inputs, n_inputs)
        Covariance of the additive noise (dimensionless rate squared).
    """

    patterns: np.ndarray
    probabilities: np.ndarray
    noise_covariance: np.ndarray

    @property
    def n_inputs(self):
        """Number of inputs (synapses) of the neuron."""
        return self.patterns.shape[1]

    @property
    def mean(self):
        """Mean input vector ``<x>``."""
        return self.probabilities @ self.patterns

    @property
    def covariance(self):
        """Covariance matrix ``<(x - <x>)(x - <x>)^T>``: noise plus pattern spread."""
        deviations = self.patterns - self.mean
        between = (deviations * self.probabilities[:, None]).T @ deviations
        return self.noise_covariance + between

    @property
    def correlation(self):
        """Correlation matrix ``<x x^T>`` = covariance + ``<x><x>^T``."""
        return self.covariance + np.outer(self.mean, self.mean)

    def sample(self, n_samples, rng=None):
        """Draw input vectors from the ensemble.

        Parameters
        ----------
        n_samples : int
            Number of input vectors (presentations), at least 1.
        rng : int, numpy.random.Generator or None
            Seed or generator.

        Returns
        -------
        inputs : numpy.ndarray, shape (n_samples, n_inputs)
            Input vectors (dimensionless rates).
        labels : numpy.ndarray of int, shape (n_samples,)
            Index of the pattern behind each sample.
        """
        n_samples = check_integer("n_samples", n_samples, minimum=1)
        generator = as_generator(rng)
        labels = generator.choice(len(self.probabilities), size=n_samples, p=self.probabilities)
        noise = generator.multivariate_normal(
            np.zeros(self.n_inputs), self.noise_covariance, size=n_samples, method="eigh"
        )
        return self.patterns[labels] + noise, labels


def mixture_ensemble(patterns, noise_covariance, probabilities=None):
    """Build an :class:`InputEnsemble` after checking its arguments.

    Parameters
    ----------
    patterns : array_like, shape (n_patterns, n_inputs)
        Noise-free input patterns (dimensionless rates), finite.
    noise_covariance : float or array_like, shape (n_inputs, n_inputs)
        Covariance of the additive Gaussian noise: a scalar variance (>= 0)
        for independent noise of equal size on every input, or a symmetric
        positive semi-definite matrix.
    probabilities : array_like, shape (n_patterns,), optional
        Presentation probabilities, each > 0 and summing to 1 (within 1e-9).
        Default: equal probabilities.

    Returns
    -------
    InputEnsemble
    """
    patterns = np.array(patterns, dtype=float, ndmin=2)
    if patterns.ndim != 2 or not np.all(np.isfinite(patterns)):
        raise ValueError(
            f"`patterns` with shape {patterns.shape} is invalid: it must be a finite "
            "2-D array of shape (n_patterns, n_inputs)"
        )
    n_patterns, n_inputs = patterns.shape
    if probabilities is None:
        probabilities = np.full(n_patterns, 1.0 / n_patterns)
    probabilities = np.asarray(probabilities, dtype=float)
    if probabilities.shape != (n_patterns,) or np.any(~(probabilities > 0)):
        raise ValueError(
            f"`probabilities` = {probabilities} is invalid: it must hold {n_patterns} "
            "values, each > 0"
        )
    if abs(probabilities.sum() - 1.0) > 1e-9:
        raise ValueError(
            f"`probabilities` sum to {probabilities.sum()}, which is invalid: they must sum to 1"
        )
    if np.ndim(noise_covariance) == 0:
        variance = check_range("noise_covariance", noise_covariance, 0.0, np.inf)
        noise_covariance = variance * np.eye(n_inputs)
    noise_covariance = _check_covariance("noise_covariance", noise_covariance, n_inputs)
    return InputEnsemble(patterns, probabilities, noise_covariance)


def smooth_covariance(n_inputs, std, correlation_length):
    """Return the covariance of noise that is correlated between neighbouring inputs.

    ``C[i, j] = std**2 * exp(-(i - j)**2 / (2 * correlation_length**2))``,
    inputs being arranged on a line with unit spacing.

    Parameters
    ----------
    n_inputs : int
        Number of inputs, at least 1.
    std : float
        Standard deviation of each input (dimensionless rate), >= 0.
    correlation_length : float
        Correlation length, in units of the input spacing, > 0.
    """
    n_inputs = check_integer("n_inputs", n_inputs, minimum=1)
    std = check_range("std", std, 0.0, np.inf)
    correlation_length = check_positive("correlation_length", correlation_length)
    index = np.arange(n_inputs)
    distance = index[:, None] - index[None, :]
    return std**2 * np.exp(-(distance**2) / (2.0 * correlation_length**2))


# ---------------------------------------------------------------------------
# Simulation
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class LearningResult:
    """Weight trajectory of one learning run.

    Attributes
    ----------
    steps : numpy.ndarray of int, shape (n_records,)
        Number of presentations (or Euler steps) before each record.
    weights : numpy.ndarray, shape (n_records, n_inputs)
        Weight vector at each record (dimensionless).
    threshold : numpy.ndarray, shape (n_records,)
        BCM sliding threshold at each record (dimensionless rate squared).
        The other rules leave it at its initial value: ``theta0`` for
        :func:`learn_online`, zero for :func:`learn_averaged`.
    """

    steps: np.ndarray
    weights: np.ndarray
    threshold: np.ndarray

    @property
    def final(self):
        """Weight vector after the last step."""
        return self.weights[-1]


def learn_online(inputs, w0, rate, rule="hebb", constraint="none", *, input_mean=None,
                 w_min=-np.inf, w_max=np.inf, theta0=None, theta_rate=0.05, record_every=1):
    """Simulate a Hebbian rule with one input vector per step.

    Parameters
    ----------
    inputs : array_like, shape (n_steps, n_inputs)
        Input vectors presented in order (dimensionless rates), for example
        from :meth:`InputEnsemble.sample`.
    w0 : array_like, shape (n_inputs,)
        Initial weights (dimensionless).
    rate : float
        Learning rate ``eta`` per presentation (dimensionless), in (0, 1].
    rule : {"hebb", "covariance", "oja", "bcm"}
        ``"hebb"``: ``dw = eta x y``. ``"covariance"``: the same with ``x``
        replaced by ``x - input_mean`` (so ``y`` becomes ``y - <y>``).
        ``"oja"``: ``dw = eta y (x - y w)``, on ``x - input_mean`` when
        ``input_mean`` is given. ``"bcm"``: ``dw = eta x y (y - theta)`` on
        the raw inputs.
    constraint : {"none", "hard", "divisive", "subtractive"}
        Applied after every update. ``"hard"`` clips each weight to
        ``[w_min, w_max]``. ``"divisive"`` rescales ``w`` to the Euclidean
        norm of ``w0``. ``"subtractive"`` subtracts the same amount from every
        weight, clipping at ``[w_min, w_max]``, so that the sum stays that of
        ``w0`` (the Euclidean projection onto that set).
    input_mean : array_like, shape (n_inputs,), optional
        Mean input ``<x>``; required by ``"covariance"``, optional for
        ``"oja"``, not used otherwise.
    w_min, w_max : float
        Weight bounds (dimensionless) for ``"hard"`` and ``"subtractive"``.
        ``"subtractive"`` needs both finite or both infinite.
    theta0 : float, optional
        Initial BCM threshold (rate squared); default ``(w0 . <x>)**2``
        estimated from the first input.
    theta_rate : float
        Fraction of the way the BCM threshold moves towards ``y**2`` per step,
        in (0, 1]: the threshold time constant is ``1 / theta_rate`` steps.
    record_every : int
        Steps between stored weight vectors; the final state is always stored.

    Returns
    -------
    LearningResult

    Notes
    -----
    Weights stay within ``[w_min, w_max]`` only under ``"hard"`` and
    ``"subtractive"``. The other constraints ignore the bounds.

    NOTE: unstable settings (the plain rule without a constraint over a long
    run, or BCM with a threshold slower than the weights) make the weights
    overflow to ``inf`` or ``nan``. The kernel does not stop or warn, so
    check ``numpy.isfinite`` on the result.
    """
    inputs = _check_matrix("inputs", inputs)
    n_steps, n_inputs = inputs.shape
    w0 = _check_vector("w0", w0, n_inputs)
    rate = check_range("rate", rate, 0.0, 1.0, low_open=True)
    rule_code = _check_choice("rule", rule, RULES)
    constraint_code = _check_choice("constraint", constraint, CONSTRAINTS)
    if input_mean is None:
        if rule == "covariance":
            raise ValueError("`input_mean` is missing: the covariance rule needs the mean input")
        centre = np.zeros(n_inputs)
    else:
        centre = _check_vector("input_mean", input_mean, n_inputs)
        if rule in ("hebb", "bcm"):
            raise ValueError(
                f"`input_mean` is invalid for rule {rule!r}: only 'covariance' and 'oja' use it"
            )
    w_min, w_max, target = _check_constraint(constraint, w0, w_min, w_max)
    theta_rate = check_range("theta_rate", theta_rate, 0.0, 1.0, low_open=True)
    if theta0 is None:
        theta0 = float(inputs[0] @ w0) ** 2
    theta0 = check_range("theta0", theta0, 0.0, np.inf)
    record_every = check_integer("record_every", record_every, minimum=1)

    n_records = (n_steps - 1) // record_every + 2
    weights = np.empty((n_records, n_inputs))
    threshold = np.zeros(n_records)
    steps = np.empty(n_records, dtype=np.int64)
    _online_kernel(inputs, centre, w0, rate, rule_code, constraint_code, w_min, w_max, target,
                   theta0, theta_rate, record_every, steps, weights, threshold)
    return LearningResult(steps, weights, threshold)


def learn_averaged(q, w0, rate, n_steps, rule="hebb", constraint="none", *,
                   w_min=-np.inf, w_max=np.inf, record_every=1):
    """Integrate the input-averaged learning dynamics with Euler steps.

    ``"hebb"`` iterates ``w <- w + rate * Q w`` and then applies the constraint.
    ``"oja"`` iterates ``w <- w + rate * (Q w - (w . Q w) w)``. With ``Q`` the
    correlation matrix ``<x x^T>`` this is the average of the plain rule,
    with ``Q`` the covariance matrix that of the covariance rule.

    Parameters
    ----------
    q : array_like, shape (n_inputs, n_inputs)
        Symmetric input correlation or covariance matrix (rate squared).
    w0 : array_like, shape (n_inputs,)
        Initial weights (dimensionless).
    rate : float
        Euler step in units of ``1 / eta`` presentations, in (0, 1].
    n_steps : int
        Number of Euler steps, at least 1.
    rule : {"hebb", "oja"}
        Averaged rule.
    constraint : {"none", "hard", "divisive", "subtractive"}
        As in :func:`learn_online`.
    w_min, w_max : float
        Weight bounds, as in :func:`learn_online`.
    record_every : int
        Steps between stored weight vectors; the final state is always stored.

    Returns
    -------
    LearningResult
    """
    q = _check_matrix("q", q)
    n_inputs = q.shape[0]
    if q.shape != (n_inputs, n_inputs) or not np.allclose(q, q.T, rtol=1e-10, atol=1e-12):
        raise ValueError(f"`q` with shape {q.shape} is invalid: it must be a symmetric square matrix")
    w0 = _check_vector("w0", w0, n_inputs)
    rate = check_range("rate", rate, 0.0, 1.0, low_open=True)
    n_steps = check_integer("n_steps", n_steps, minimum=1)
    if rule not in ("hebb", "oja"):
        raise ValueError(f"`rule` = {rule!r} is invalid: averaged dynamics support 'hebb' and 'oja'")
    rule_code = _RULE_CODES[rule]
    constraint_code = _check_choice("constraint", constraint, CONSTRAINTS)
    w_min, w_max, target = _check_constraint(constraint, w0, w_min, w_max)
    record_every = check_integer("record_every", record_every, minimum=1)

    n_records = (n_steps - 1) // record_every + 2
    weights = np.empty((n_records, n_inputs))
    steps = np.empty(n_records, dtype=np.int64)
    _averaged_kernel(q, w0, rate, n_steps, rule_code, constraint_code, w_min, w_max, target,
                     record_every, steps, weights)
    return LearningResult(steps, weights, np.zeros(n_records))


@numba.njit(cache=True)
def _constrain(w, constraint, w_min, w_max, target):
    """Apply a constraint to ``w`` in place after an unconstrained update."""
    n = w.shape[0]
    if constraint == _HARD:
        for i in range(n):
            w[i] = min(max(w[i], w_min), w_max)

    elif constraint == _DIVISIVE:
        norm = np.sqrt(np.sum(w * w))
        if norm > 0.0:
            w *= target / norm

    elif constraint == _SUBTRACTIVE:
        if not np.isfinite(w_min):
            # Without bounds the projection onto the hyperplane is an exact shift.
            w -= (np.sum(w) - target) / n
            return
        # Find the shift c with sum(clip(w - c)) == target by bisection. The sum
        # decreases with c, and equals n * w_max at c_low and n * w_min at c_high.
        c_low = np.min(w) - w_max
        c_high = np.max(w) - w_min
        for _ in range(100):
            c_mid = 0.5 * (c_low + c_high)
            total = 0.0
            for i in range(n):
                total += min(max(w[i] - c_mid, w_min), w_max)
            if total > target:
                c_low = c_mid
            else:
                c_high = c_mid
        shift = 0.5 * (c_low + c_high)
        for i in range(n):
            w[i] = min(max(w[i] - shift, w_min), w_max)


@numba.njit(cache=True)
def _online_kernel(inputs, centre, w0, rate, rule, constraint, w_min, w_max, target,
                   theta0, theta_rate, record_every, steps, weights, threshold):
    n_steps, n = inputs.shape
    w = w0.copy()
    x = np.empty(n)
    theta = theta0
    record = 0
    for t in range(n_steps):
        if t % record_every == 0:
            steps[record] = t
            weights[record] = w
            threshold[record] = theta
            record += 1

        # Response of the linear neuron to the (centred) input.
        for i in range(n):
            x[i] = inputs[t, i] - centre[i]
        y = 0.0
        for i in range(n):
            y += w[i] * x[i]

        # Unconstrained weight update of the chosen rule.
        if rule == _OJA:
            for i in range(n):
                w[i] += rate * y * (x[i] - y * w[i])
        elif rule == _BCM:
            for i in range(n):
                w[i] += rate * x[i] * y * (y - theta)
            theta += theta_rate * (y * y - theta)
        else:
            for i in range(n):
                w[i] += rate * x[i] * y

        _constrain(w, constraint, w_min, w_max, target)

    steps[record] = n_steps
    weights[record] = w
    threshold[record] = theta


@numba.njit(cache=True)
def _averaged_kernel(q, w0, rate, n_steps, rule, constraint, w_min, w_max, target,
                     record_every, steps, weights):
    n = w0.shape[0]
    w = w0.copy()
    record = 0
    for t in range(n_steps):
        if t % record_every == 0:
            steps[record] = t
            weights[record] = w
            record += 1

        drift = q @ w
        if rule == _OJA:
            drift -= np.dot(w, drift) * w
        w += rate * drift

        _constrain(w, constraint, w_min, w_max, target)

    steps[record] = n_steps
    weights[record] = w


# ---------------------------------------------------------------------------
# Closed forms and measures
# ---------------------------------------------------------------------------


def averaged_solution(q, w0, t):
    """Return the solution of ``dw/dt = Q w`` at times ``t``.

    ``w(t) = sum_i (e_i . w0) e_i exp(lambda_i t)`` with ``(lambda_i, e_i)``
    the eigenvalues and unit eigenvectors of the symmetric matrix ``Q``.

    Parameters
    ----------
    q : array_like, shape (n_inputs, n_inputs)
        Symmetric correlation or covariance matrix (rate squared).
    w0 : array_like, shape (n_inputs,)
        Weights at ``t = 0``.
    t : float or array_like
        Times in units of ``1 / eta`` presentations (``t = eta * steps``), >= 0.

    Returns
    -------
    numpy.ndarray, shape ``np.shape(t) + (n_inputs,)``
    """
    q = _check_matrix("q", q)
    w0 = _check_vector("w0", w0, q.shape[0])
    t = np.asarray(t, dtype=float)
    if np.any(~(t >= 0)) or np.any(~np.isfinite(t)):
        raise ValueError(f"`t` = {t} is invalid: times must be finite and >= 0")
    eigenvalues, eigenvectors = np.linalg.eigh(q)
    coefficients = eigenvectors.T @ w0
    growth = np.exp(t[..., None] * eigenvalues) * coefficients
    return growth @ eigenvectors.T


def principal_eigenvector(q):
    """Return the largest eigenvalue of a symmetric matrix and its unit eigenvector.

    The sign is fixed so that the component of largest magnitude is positive.
    """
    q = _check_matrix("q", q)
    eigenvalues, eigenvectors = np.linalg.eigh(q)
    vector = eigenvectors[:, -1]
    if vector[np.argmax(np.abs(vector))] < 0:
        vector = -vector
    return eigenvalues[-1], vector


def bcm_drift(w, theta, ensemble):
    """Return the input-averaged BCM drift ``<x y (y - theta)>`` for a mixture ensemble.

    With Gaussian noise of covariance ``C`` around pattern ``p`` and
    ``y_p = w . p``, ``s2 = w . C w``, the averages are exact:
    ``<x y^2 | p> = p (y_p^2 + s2) + 2 y_p C w`` and ``<x y | p> = p y_p + C w``.

    Parameters
    ----------
    w : array_like, shape (n_inputs,)
        Weights (dimensionless).
    theta : float
        Threshold (rate squared).
    ensemble : InputEnsemble
        Input statistics.

    Returns
    -------
    numpy.ndarray, shape (n_inputs,)
        Drift per presentation divided by ``eta``.
    """
    w = _check_vector("w", w, ensemble.n_inputs)
    theta = check_finite("theta", theta)
    noise_w = ensemble.noise_covariance @ w
    s2 = float(w @ noise_w)
    drift = np.zeros_like(w)
    for pattern, probability in zip(ensemble.patterns, ensemble.probabilities):
        y = float(pattern @ w)
        x_y2 = pattern * (y * y + s2) + 2.0 * y * noise_w
        x_y = pattern * y + noise_w
        drift += probability * (x_y2 - theta * x_y)
    return drift


def bcm_threshold(w, ensemble):
    """Return the exact ``<y^2>`` of a linear neuron with weights ``w`` (rate squared).

    ``<y^2> = sum_k pi_k (w . p_k)^2 + w . C w`` for patterns ``p_k`` and noise
    covariance ``C``.
    """
    w = _check_vector("w", w, ensemble.n_inputs)
    responses = ensemble.patterns @ w
    return float(ensemble.probabilities @ responses**2 + w @ ensemble.noise_covariance @ w)


def bcm_fixed_point(ensemble, selected):
    """Solve the averaged BCM equations for the fixed point selective to one pattern.

    Finds ``w`` with ``bcm_drift(w, bcm_threshold(w)) = 0`` by a root search
    (:func:`scipy.optimize.root`) that starts from the noise-free selective
    solution of :func:`bcm_selective_fixed_point` (the minimum-norm ``w`` with
    those responses).

    Parameters
    ----------
    ensemble : InputEnsemble
        Input statistics; the patterns should be linearly independent.
    selected : int
        Index of the pattern the neuron should respond to.

    Returns
    -------
    w : numpy.ndarray, shape (n_inputs,)
        Weights at the fixed point (dimensionless).
    theta : float
        Threshold ``<y^2>`` at the fixed point (rate squared).

    Raises
    ------
    RuntimeError
        If the root search does not converge.
    """
    responses, _ = bcm_selective_fixed_point(ensemble.probabilities, selected)
    start = np.linalg.pinv(ensemble.patterns) @ responses

    def drift(w):
        return bcm_drift(w, bcm_threshold(w, ensemble), ensemble)

    solution = scipy.optimize.root(drift, start, tol=1e-12)
    if not solution.success:
        raise RuntimeError(f"BCM fixed-point search failed: {solution.message}")
    return solution.x, bcm_threshold(solution.x, ensemble)


def bcm_selective_fixed_point(probabilities, selected):
    """Return the noise-free BCM responses and threshold at a selective fixed point.

    For linearly independent patterns presented with probabilities ``pi_k``
    and ``theta = <y^2>``, every fixed point has ``y_k`` in ``{0, theta}``.
    When only pattern ``selected`` evokes a response, ``theta = pi_s theta^2``
    gives ``theta = 1 / pi_s`` and ``y_s = 1 / pi_s``.

    Parameters
    ----------
    probabilities : array_like, shape (n_patterns,)
        Presentation probabilities, each in (0, 1].
    selected : int
        Index of the pattern that the neuron responds to.

    Returns
    -------
    responses : numpy.ndarray, shape (n_patterns,)
        Response ``y_k = w . p_k`` to each pattern (dimensionless rate).
    theta : float
        Threshold (rate squared).
    """
    probabilities = np.asarray(probabilities, dtype=float)
    if probabilities.ndim != 1 or np.any(~(probabilities > 0)) or np.any(probabilities > 1):
        raise ValueError(
            f"`probabilities` = {probabilities} is invalid: each must lie in (0, 1]"
        )
    selected = check_integer("selected", selected, minimum=0, maximum=len(probabilities) - 1)
    theta = 1.0 / probabilities[selected]
    responses = np.zeros(len(probabilities))
    responses[selected] = theta
    return responses, theta


def selectivity_index(responses):
    """Return ``1 - mean(responses) / max(responses)`` for non-negative responses.

    The index is 0 for a neuron that responds equally to every pattern and
    ``1 - 1 / n_patterns`` for one that responds to a single pattern.
    Negative responses are set to 0 first, because a rate cannot be negative.
    """
    responses = np.clip(np.asarray(responses, dtype=float), 0.0, None)
    if responses.ndim != 1 or responses.size == 0 or not np.all(np.isfinite(responses)):
        raise ValueError(f"`responses` = {responses} is invalid: it must be a finite 1-D array")
    peak = responses.max()
    if peak <= 0:
        raise ValueError("`responses` are invalid: at least one must be > 0")
    return 1.0 - responses.mean() / peak


def fraction_at_bounds(w, w_min, w_max, tolerance=1e-6):
    """Return the fraction of weights within ``tolerance`` of ``w_min`` or ``w_max``."""
    w = np.asarray(w, dtype=float)
    tolerance = check_range("tolerance", tolerance, 0.0, np.inf)
    at_bound = (np.abs(w - w_min) <= tolerance) | (np.abs(w - w_max) <= tolerance)
    return float(np.mean(at_bound))


def cosine(a, b):
    """Return the cosine of the angle between two non-zero vectors."""
    a = np.asarray(a, dtype=float)
    b = np.asarray(b, dtype=float)
    norms = np.linalg.norm(a) * np.linalg.norm(b)
    if norms == 0:
        raise ValueError("`a` or `b` is a zero vector, which is invalid: the angle is undefined")
    return float(a @ b / norms)


# ---------------------------------------------------------------------------
# Validation helpers
# ---------------------------------------------------------------------------


def _check_choice(name, value, choices):
    if value not in choices:
        raise ValueError(f"`{name}` = {value!r} is invalid: it must be one of {choices}")
    return choices.index(value)


def _check_matrix(name, value):
    matrix = np.array(value, dtype=float, ndmin=2)
    if matrix.ndim != 2 or matrix.size == 0 or not np.all(np.isfinite(matrix)):
        raise ValueError(f"`{name}` with shape {matrix.shape} is invalid: it must be a finite 2-D array")
    return np.ascontiguousarray(matrix)


def _check_vector(name, value, length):
    vector = np.array(value, dtype=float)
    if vector.shape != (length,) or not np.all(np.isfinite(vector)):
        raise ValueError(
            f"`{name}` with shape {vector.shape} is invalid: it must be a finite vector of "
            f"length {length}"
        )
    return vector


def _check_covariance(name, value, n_inputs):
    matrix = np.array(value, dtype=float)
    if matrix.shape != (n_inputs, n_inputs) or not np.all(np.isfinite(matrix)):
        raise ValueError(
            f"`{name}` with shape {matrix.shape} is invalid: it must be a finite "
            f"({n_inputs}, {n_inputs}) matrix"
        )
    if not np.allclose(matrix, matrix.T, rtol=1e-10, atol=1e-12):
        raise ValueError(f"`{name}` is invalid: it must be symmetric")
    smallest = np.linalg.eigvalsh(matrix).min()
    if smallest < -1e-10 * max(1.0, np.abs(matrix).max()):
        raise ValueError(
            f"`{name}` is invalid: its smallest eigenvalue {smallest:.3g} must be >= 0"
        )
    return matrix


def _check_constraint(constraint, w0, w_min, w_max):
    """Check the bounds for ``constraint`` and return ``(w_min, w_max, target)``."""
    w_min = float(w_min)
    w_max = float(w_max)
    if np.isnan(w_min) or np.isnan(w_max) or not w_min < w_max:
        raise ValueError(f"`w_min` = {w_min}, `w_max` = {w_max} are invalid: need w_min < w_max")
    if constraint in ("hard", "subtractive") and (np.any(w0 < w_min) or np.any(w0 > w_max)):
        raise ValueError(
            f"`w0` is invalid: every initial weight must lie in [{w_min}, {w_max}] "
            f"(found {w0.min():.3g} to {w0.max():.3g})"
        )
    if constraint == "divisive":
        target = float(np.linalg.norm(w0))
        if target == 0:
            raise ValueError("`w0` = 0 is invalid for divisive normalisation: its norm must be > 0")
        return w_min, w_max, target
    if constraint == "subtractive":
        if np.isfinite(w_min) != np.isfinite(w_max):
            raise ValueError(
                f"`w_min` = {w_min}, `w_max` = {w_max} are invalid for subtractive "
                "normalisation: give both bounds finite, or both infinite"
            )
        return w_min, w_max, float(np.sum(w0))
    return w_min, w_max, 0.0
