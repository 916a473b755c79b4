"""Supervised learning: the perceptron rule and back-propagation in a two-layer network.

The module computes

- the perceptron learning rule of Rosenblatt (1958) on two-class data
  (:func:`train_perceptron`), with the quantities of Novikoff's (1962)
  convergence theorem (:func:`margin`, :func:`novikoff_bound`);
- a linear-programming test of linear separability
  (:func:`is_linearly_separable`), which shows that no single threshold unit
  computes XOR (Minsky & Papert 1969);
- a network with one hidden layer of sigmoid units and one sigmoid output,
  trained by gradient descent on the squared error
  ``E = sum_mu (out_mu - target_mu)**2`` with the gradient computed by
  back-propagation (Rumelhart, Hinton & Williams 1986): :func:`mlp_forward`,
  :func:`mlp_cost`, :func:`mlp_gradient`, :func:`mlp_numerical_gradient`,
  :func:`train_mlp`.

Data helpers: :func:`make_separable_data` draws two-class data with a chosen
margin around a random "teacher" hyperplane, and :data:`XOR_INPUTS` /
:data:`XOR_TARGETS` hold the XOR problem in 0/1 coding.

All quantities here are dimensionless: inputs, weights, biases, costs and
learning rates have no physical unit.

References
----------
Rosenblatt F (1958) Psychological Review 65:386-408.
Novikoff ABJ (1962) Proc. Symposium on the Mathematical Theory of Automata 12:615-622.
Minsky M, Papert S (1969) Perceptrons. MIT Press.
Rumelhart DE, Hinton GE, Williams RJ (1986) Nature 323:533-536.
"""

from dataclasses import dataclass

import numba
import numpy as np
from scipy.optimize import linprog

from plastlib._validation import (
    as_generator,
    check_integer,
    check_nonnegative,
    check_positive,
)

__all__ = [
    "XOR_INPUTS",
    "XOR_TARGETS",
    "LabelledData",
    "PerceptronResult",
    "MLPParameters",
    "MLPTrainingResult",
    "make_separable_data",
    "train_perceptron",
    "margin",
    "novikoff_bound",
    "is_linearly_separable",
    "init_mlp",
    "mlp_forward",
    "mlp_cost",
    "mlp_gradient",
    "mlp_numerical_gradient",
    "train_mlp",
]

XOR_INPUTS = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
"""The four inputs of the XOR problem in 0/1 coding, one row per pattern."""

XOR_TARGETS = np.array([0.0, 1.0, 1.0, 0.0])
"""XOR of the two columns of :data:`XOR_INPUTS`."""


# ---------------------------------------------------------------------------
# Result containers
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class LabelledData:
    """Two-class data drawn around a teacher hyperplane.

    Attributes
    ----------
    inputs : ndarray, shape (n_samples, n_features)
        Input vectors (dimensionless).
    labels : ndarray, shape (n_samples,)
        Class labels, +1 or -1: the sign of ``inputs @ teacher_weights + teacher_bias``.
    teacher_weights : ndarray, shape (n_features,)
        Unit normal of the hyperplane that generated the labels.
    teacher_bias : float
        Offset of that hyperplane.
    """

    inputs: np.ndarray
    labels: np.ndarray
    teacher_weights: np.ndarray
    teacher_bias: float


@dataclass(frozen=True)
class PerceptronResult:
    """Outcome of perceptron training.

    Attributes
    ----------
    weights : ndarray, shape (n_features,)
        Final weight vector.
    bias : float
        Final bias (weight of a constant input 1).
    mistakes_per_epoch : ndarray of int, shape (n_epochs,)
        Number of weight updates (misclassified presentations) in each epoch run.
    weight_history : ndarray, shape (n_epochs + 1, n_features + 1)
        Augmented weight vector ``(weights, bias)`` before training (row 0) and
        after each epoch.
    converged : bool
        True if the last epoch made no mistake, so every sample is classified correctly.
    """

    weights: np.ndarray
    bias: float
    mistakes_per_epoch: np.ndarray
    weight_history: np.ndarray
    converged: bool

    @property
    def total_mistakes(self):
        """Total number of weight updates over all epochs."""
        return int(self.mistakes_per_epoch.sum())


@dataclass(frozen=True)
class MLPParameters:
    """Weights of a network with one hidden sigmoid layer and one sigmoid output unit.

    Attributes
    ----------
    hidden_weights : ndarray, shape (n_hidden, n_inputs)
        Weight from input ``k`` to hidden unit ``j`` in row ``j``, column ``k``.
    hidden_biases : ndarray, shape (n_hidden,)
        Bias of each hidden unit.
    output_weights : ndarray, shape (n_hidden,)
        Weight from each hidden unit to the output unit.
    output_bias : float
        Bias of the output unit.
    """

    hidden_weights: np.ndarray
    hidden_biases: np.ndarray
    output_weights: np.ndarray
    output_bias: float

    def flatten(self):
        """Return all parameters as one vector, in the order of the attributes."""
        return np.concatenate([
            self.hidden_weights.ravel(),
            self.hidden_biases,
            self.output_weights,
            [self.output_bias],
        ])

    @classmethod
    def from_flat(cls, vector, n_inputs, n_hidden):
        """Build parameters from a vector laid out as by :meth:`flatten`."""
        vector = np.asarray(vector, dtype=float)
        expected = n_hidden * n_inputs + 2 * n_hidden + 1
        if vector.shape != (expected,):
            raise ValueError(
                f"`vector` has shape {vector.shape}, but {n_hidden} hidden units and "
                f"{n_inputs} inputs need shape ({expected},)"
            )
        split = n_hidden * n_inputs
        return cls(
            hidden_weights=vector[:split].reshape(n_hidden, n_inputs).copy(),
            hidden_biases=vector[split:split + n_hidden].copy(),
            output_weights=vector[split + n_hidden:split + 2 * n_hidden].copy(),
            output_bias=float(vector[-1]),
        )


@dataclass(frozen=True)
class MLPTrainingResult:
    """Outcome of gradient-descent training of a two-layer network.

    Attributes
    ----------
    parameters : MLPParameters
        Weights after the last epoch.
    cost_history : ndarray, shape (n_epochs + 1,)
        Squared-error cost before training and after each epoch.
    """

    parameters: MLPParameters
    cost_history: np.ndarray


# ---------------------------------------------------------------------------
# Input checks
# ---------------------------------------------------------------------------


def _check_inputs(inputs):
    inputs = np.asarray(inputs, dtype=float)
    if inputs.ndim != 2 or inputs.shape[0] == 0 or inputs.shape[1] == 0:
        raise ValueError(
            f"`inputs` has shape {inputs.shape}: it must be a non-empty 2-D array "
            "(n_samples, n_features)"
        )
    if not np.all(np.isfinite(inputs)):
        raise ValueError("`inputs` contains NaN or infinite values: all entries must be finite")
    return np.ascontiguousarray(inputs)


def _check_labels(labels, n_samples):
    labels = np.asarray(labels, dtype=float)
    if labels.shape != (n_samples,):
        raise ValueError(
            f"`labels` has shape {labels.shape}: it must have shape ({n_samples},), "
            "one label per row of `inputs`"
        )
    if not np.all(np.abs(labels) == 1.0):
        bad = labels[np.abs(labels) != 1.0][0]
        raise ValueError(f"`labels` contains {bad}: every label must be +1 or -1")
    return np.ascontiguousarray(labels)


def _check_targets(targets, n_samples):
    targets = np.asarray(targets, dtype=float)
    if targets.shape != (n_samples,):
        raise ValueError(
            f"`targets` has shape {targets.shape}: it must have shape ({n_samples},), "
            "one target per row of `inputs`"
        )
    if np.any(targets < 0.0) or np.any(targets > 1.0) or not np.all(np.isfinite(targets)):
        raise ValueError("`targets` must lie in [0, 1], the range of the sigmoid output unit")
    return np.ascontiguousarray(targets)


def _check_parameters(parameters, n_inputs):
    if not isinstance(parameters, MLPParameters):
        raise ValueError(f"`parameters` = {parameters!r} is invalid: pass an MLPParameters")
    if parameters.hidden_weights.ndim != 2 or parameters.hidden_weights.shape[1] != n_inputs:
        raise ValueError(
            f"`parameters.hidden_weights` has shape {parameters.hidden_weights.shape}: "
            f"it must be (n_hidden, {n_inputs}) to match the {n_inputs} input columns"
        )
    n_hidden = parameters.hidden_weights.shape[0]
    for name in ("hidden_biases", "output_weights"):
        shape = np.shape(getattr(parameters, name))
        if shape != (n_hidden,):
            raise ValueError(f"`parameters.{name}` has shape {shape}: it must be ({n_hidden},)")


# ---------------------------------------------------------------------------
# Perceptron
# ---------------------------------------------------------------------------


def make_separable_data(n_samples, margin, n_features=2, rng=None):
    """Draw two-class data that a hyperplane separates with at least a given margin.

    Points are drawn uniformly in the cube ``[-1, 1]**n_features``; a random
    teacher hyperplane ``w . x + b = 0`` (unit ``w``, ``|b| <= 0.3``) labels them
    by side, and points closer to it than ``margin`` are rejected and redrawn.

    Parameters
    ----------
    n_samples : int
        Number of points, >= 1.
    margin : float
        Minimum distance of every point from the teacher hyperplane
        (dimensionless, in input units), in [0, 0.5].
    n_features : int, optional
        Dimension of the inputs, >= 1.
    rng : int, numpy.random.Generator or None
        Seed or generator.

    Returns
    -------
    LabelledData
    """
    n_samples = check_integer("n_samples", n_samples, minimum=1)
    n_features = check_integer("n_features", n_features, minimum=1)
    margin = check_nonnegative("margin", margin)
    if margin > 0.5:
        raise ValueError(
            f"`margin` = {margin} is invalid: it must lie in [0, 0.5] so that enough of "
            "the cube [-1, 1]^n_features lies outside the margin band"
        )
    generator = as_generator(rng)
    teacher = generator.normal(size=n_features)
    teacher /= np.linalg.norm(teacher)
    bias = float(generator.uniform(-0.3, 0.3))

    accepted = []
    n_accepted = 0
    while n_accepted < n_samples:
        candidates = generator.uniform(-1.0, 1.0, size=(2 * n_samples, n_features))
        keep = candidates[np.abs(candidates @ teacher + bias) >= margin]
        accepted.append(keep)
        n_accepted += keep.shape[0]
    inputs = np.concatenate(accepted)[:n_samples]
    labels = np.where(inputs @ teacher + bias > 0.0, 1.0, -1.0)
    return LabelledData(inputs=inputs, labels=labels, teacher_weights=teacher, teacher_bias=bias)


@numba.njit(cache=True)
def _perceptron_epochs(augmented, labels, orders, learning_rate, weights, history, mistakes):
    """Run perceptron epochs in place; return the number of epochs run."""
    n_epochs, n_samples = orders.shape
    n_weights = augmented.shape[1]
    history[0, :] = weights
    for epoch in range(n_epochs):
        errors = 0
        for position in range(n_samples):
            sample = orders[epoch, position]
            activation = 0.0
            for k in range(n_weights):
                activation += weights[k] * augmented[sample, k]

            # A mistake is a sample on the wrong side or on the boundary itself.
            if labels[sample] * activation <= 0.0:
                errors += 1
                for k in range(n_weights):
                    weights[k] += learning_rate * labels[sample] * augmented[sample, k]
        mistakes[epoch] = errors
        history[epoch + 1, :] = weights
        if errors == 0:
            return epoch + 1
    return n_epochs


def train_perceptron(inputs, labels, learning_rate=1.0, max_epochs=100, shuffle=True, rng=None):
    """Train a threshold unit with the perceptron rule, starting from zero weights.

    On each presentation of sample ``x`` with label ``y`` (+1 or -1), the
    weights change only if the sample is misclassified, ``y (w . x + b) <= 0``:

    ``w <- w + learning_rate * y * x`` and ``b <- b + learning_rate * y``.

    Training stops after the first epoch without a mistake, or after
    ``max_epochs`` epochs.

    Parameters
    ----------
    inputs : array_like, shape (n_samples, n_features)
        Input vectors (dimensionless).
    labels : array_like, shape (n_samples,)
        Class labels, +1 or -1.
    learning_rate : float, optional
        Step size ``eta`` > 0 (dimensionless). Starting from zero weights,
        the sequence of mistakes does not depend on it.
    max_epochs : int, optional
        Maximum number of passes through the data, >= 1.
    shuffle : bool, optional
        If True, present the samples in a new random order in each epoch;
        if False, in the order given (then the run is deterministic).
    rng : int, numpy.random.Generator or None
        Seed or generator for the presentation order.

    Returns
    -------
    PerceptronResult

    Notes
    -----
    The bias is treated as the weight of a constant input 1. If a unit vector
    ``u`` in this augmented space separates the data with margin ``gamma``,
    Novikoff's theorem bounds the total number of mistakes by
    ``(R / gamma)**2``, where ``R`` is the largest norm of an augmented input
    (see :func:`novikoff_bound`).
    """
    inputs = _check_inputs(inputs)
    labels = _check_labels(labels, inputs.shape[0])
    learning_rate = check_positive("learning_rate", learning_rate)
    max_epochs = check_integer("max_epochs", max_epochs, minimum=1)
    n_samples, n_features = inputs.shape

    if shuffle:
        generator = as_generator(rng)
        orders = np.array([generator.permutation(n_samples) for _ in range(max_epochs)])
    else:
        orders = np.tile(np.arange(n_samples), (max_epochs, 1))
    augmented = np.hstack([inputs, np.ones((n_samples, 1))])
    weights = np.zeros(n_features + 1)
    history = np.zeros((max_epochs + 1, n_features + 1))
    mistakes = np.zeros(max_epochs, dtype=np.int64)

    n_run = _perceptron_epochs(augmented, labels, orders.astype(np.int64), learning_rate,
                               weights, history, mistakes)
    return PerceptronResult(
        weights=weights[:-1].copy(),
        bias=float(weights[-1]),
        mistakes_per_epoch=mistakes[:n_run].copy(),
        weight_history=history[:n_run + 1].copy(),
        converged=bool(mistakes[n_run - 1] == 0),
    )


def margin(inputs, labels, weights, bias=0.0):
    """Return the margin of the data with respect to the hyperplane ``(weights, bias)``.

    The margin is ``min_i y_i (w . x_i + b) / ||(w, b)||``: the smallest signed
    distance of an augmented input ``(x_i, 1)`` from the plane through the
    origin with normal ``(w, b)``. It is positive exactly when the hyperplane
    classifies every sample correctly.

    Parameters
    ----------
    inputs : array_like, shape (n_samples, n_features)
        Input vectors (dimensionless).
    labels : array_like, shape (n_samples,)
        Class labels, +1 or -1.
    weights : array_like, shape (n_features,)
        Normal vector of the hyperplane.
    bias : float, optional
        Offset of the hyperplane.

    Returns
    -------
    float
    """
    inputs = _check_inputs(inputs)
    labels = _check_labels(labels, inputs.shape[0])
    augmented_weights = np.append(np.asarray(weights, dtype=float), float(bias))
    if augmented_weights.shape != (inputs.shape[1] + 1,):
        raise ValueError(
            f"`weights` has shape {np.shape(weights)}: it must be ({inputs.shape[1]},)"
        )
    norm = np.linalg.norm(augmented_weights)
    if norm == 0.0:
        raise ValueError("`weights` and `bias` are all zero: the hyperplane is undefined")
    augmented = np.hstack([inputs, np.ones((inputs.shape[0], 1))])
    return float(np.min(labels * (augmented @ augmented_weights)) / norm)


def novikoff_bound(inputs, labels, weights, bias=0.0):
    """Return Novikoff's bound ``(R / gamma)**2`` on the number of perceptron mistakes.

    ``R`` is the largest norm of an augmented input ``(x_i, 1)`` and ``gamma``
    is the :func:`margin` of the data for the separating hyperplane
    ``(weights, bias)``. Any separating hyperplane gives a valid bound; the
    one with the largest margin gives the tightest.

    Parameters
    ----------
    inputs : array_like, shape (n_samples, n_features)
        Input vectors (dimensionless).
    labels : array_like, shape (n_samples,)
        Class labels, +1 or -1.
    weights : array_like, shape (n_features,)
        Normal vector of a hyperplane that separates the data.
    bias : float, optional
        Offset of that hyperplane.

    Returns
    -------
    float
    """
    gamma = margin(inputs, labels, weights, bias)
    if gamma <= 0.0:
        raise ValueError(
            f"the hyperplane has margin {gamma:.3g} <= 0: it does not separate the data, "
            "so the Novikoff bound does not apply"
        )
    inputs = np.asarray(inputs, dtype=float)
    radius_squared = np.max(np.sum(inputs**2, axis=1) + 1.0)
    return float(radius_squared / gamma**2)


def is_linearly_separable(inputs, labels):
    """Decide by linear programming whether a hyperplane separates the two classes.

    The classes are separable exactly when the inequalities
    ``y_i (w . x_i + b) >= 1`` for all ``i`` have a solution (scale any strict
    separator up until its smallest value reaches 1). The function uses
    :func:`scipy.optimize.linprog` to find a feasible point of these inequalities.

    Parameters
    ----------
    inputs : array_like, shape (n_samples, n_features)
        Input vectors (dimensionless).
    labels : array_like, shape (n_samples,)
        Class labels, +1 or -1.

    Returns
    -------
    separable : bool
    weights : ndarray or None
        A separating normal vector if one exists.
    bias : float or None
        The matching offset.
    """
    inputs = _check_inputs(inputs)
    labels = _check_labels(labels, inputs.shape[0])
    n_samples, n_features = inputs.shape
    augmented = np.hstack([inputs, np.ones((n_samples, 1))])
    # linprog wants A_ub z <= b_ub, so write -y_i (x_i, 1) . z <= -1.
    constraints = -labels[:, None] * augmented
    outcome = linprog(
        c=np.zeros(n_features + 1),
        A_ub=constraints,
        b_ub=-np.ones(n_samples),
        bounds=[(None, None)] * (n_features + 1),
        method="highs",
    )
    if outcome.status == 0:
        return True, outcome.x[:-1].copy(), float(outcome.x[-1])
    if outcome.status == 2:
        return False, None, None
    raise RuntimeError(f"linprog failed with status {outcome.status}: {outcome.message}")


# ---------------------------------------------------------------------------
# Two-layer network and back-propagation
# ---------------------------------------------------------------------------


@numba.njit(cache=True)
def _sigmoid(x):
    return 1.0 / (1.0 + np.exp(-x))


@numba.njit(cache=True)
def _forward(inputs, hidden_weights, hidden_biases, output_weights, output_bias):
    """Return hidden activities (n_samples, n_hidden) and outputs (n_samples,)."""
    hidden = _sigmoid(inputs @ hidden_weights.T + hidden_biases)
    outputs = _sigmoid(hidden @ output_weights + output_bias)
    return hidden, outputs


@numba.njit(cache=True)
def _gradient(inputs, targets, hidden_weights, hidden_biases, output_weights, output_bias):
    """Return the cost and its gradient with respect to each parameter array."""
    hidden, outputs = _forward(inputs, hidden_weights, hidden_biases, output_weights,
                               output_bias)
    errors = outputs - targets
    cost = np.sum(errors**2)

    # Output error signal: dE/da_out = 2 (out - target) out (1 - out).
    output_delta = 2.0 * errors * outputs * (1.0 - outputs)
    grad_output_weights = hidden.T @ output_delta
    grad_output_bias = np.sum(output_delta)

    # Hidden error signals: the output signal sent back through each output weight.
    hidden_delta = np.outer(output_delta, output_weights) * hidden * (1.0 - hidden)
    grad_hidden_weights = hidden_delta.T @ inputs
    grad_hidden_biases = hidden_delta.sum(axis=0)
    return cost, grad_hidden_weights, grad_hidden_biases, grad_output_weights, grad_output_bias


@numba.njit(cache=True)
def _descend(inputs, targets, hidden_weights, hidden_biases, output_weights, output_bias,
             learning_rate, costs):
    """Run batch gradient descent in place; return the final output bias."""
    n_epochs = costs.shape[0] - 1
    for epoch in range(n_epochs):
        cost, g_hw, g_hb, g_ow, g_ob = _gradient(inputs, targets, hidden_weights,
                                                 hidden_biases, output_weights, output_bias)
        costs[epoch] = cost
        hidden_weights -= learning_rate * g_hw
        hidden_biases -= learning_rate * g_hb
        output_weights -= learning_rate * g_ow
        output_bias -= learning_rate * g_ob
    hidden, outputs = _forward(inputs, hidden_weights, hidden_biases, output_weights,
                               output_bias)
    costs[n_epochs] = np.sum((outputs - targets) ** 2)
    return output_bias


def init_mlp(n_inputs, n_hidden, scale=1.0, rng=None):
    """Draw initial weights for a two-layer network, each normal with mean 0.

    Parameters
    ----------
    n_inputs : int
        Number of input units, >= 1.
    n_hidden : int
        Number of hidden units, >= 1.
    scale : float, optional
        Standard deviation of every weight and bias (dimensionless), > 0.
    rng : int, numpy.random.Generator or None
        Seed or generator.

    Returns
    -------
    MLPParameters
    """
    n_inputs = check_integer("n_inputs", n_inputs, minimum=1)
    n_hidden = check_integer("n_hidden", n_hidden, minimum=1)
    scale = check_positive("scale", scale)
    generator = as_generator(rng)
    return MLPParameters(
        hidden_weights=scale * generator.normal(size=(n_hidden, n_inputs)),
        hidden_biases=scale * generator.normal(size=n_hidden),
        output_weights=scale * generator.normal(size=n_hidden),
        output_bias=float(scale * generator.normal()),
    )


def _arrays(parameters):
    return (np.ascontiguousarray(parameters.hidden_weights, dtype=float),
            np.ascontiguousarray(parameters.hidden_biases, dtype=float),
            np.ascontiguousarray(parameters.output_weights, dtype=float),
            float(parameters.output_bias))


def mlp_forward(parameters, inputs):
    """Return the output of the network for each input row.

    ``hidden = sigmoid(inputs @ hidden_weights.T + hidden_biases)`` and
    ``output = sigmoid(hidden @ output_weights + output_bias)``, with
    ``sigmoid(a) = 1 / (1 + exp(-a))``.

    Parameters
    ----------
    parameters : MLPParameters
        Network weights.
    inputs : array_like, shape (n_samples, n_inputs)
        Input vectors (dimensionless).

    Returns
    -------
    ndarray, shape (n_samples,)
        Output activities, in (0, 1).
    """
    inputs = _check_inputs(inputs)
    _check_parameters(parameters, inputs.shape[1])
    return _forward(inputs, *_arrays(parameters))[1]


def mlp_cost(parameters, inputs, targets):
    """Return the squared-error cost ``E = sum_mu (out_mu - target_mu)**2``.

    Parameters
    ----------
    parameters : MLPParameters
        Network weights.
    inputs : array_like, shape (n_samples, n_inputs)
        Input vectors (dimensionless).
    targets : array_like, shape (n_samples,)
        Desired outputs, in [0, 1].

    Returns
    -------
    float
    """
    inputs = _check_inputs(inputs)
    targets = _check_targets(targets, inputs.shape[0])
    outputs = mlp_forward(parameters, inputs)
    return float(np.sum((outputs - targets) ** 2))


def mlp_gradient(parameters, inputs, targets):
    """Return the gradient of :func:`mlp_cost` computed by back-propagation.

    Parameters
    ----------
    parameters : MLPParameters
        Network weights.
    inputs : array_like, shape (n_samples, n_inputs)
        Input vectors (dimensionless).
    targets : array_like, shape (n_samples,)
        Desired outputs, in [0, 1].

    Returns
    -------
    MLPParameters
        The partial derivative of the cost with respect to each parameter, in
        the same layout as ``parameters``.

    Notes
    -----
    With ``delta = 2 (out - target) out (1 - out)`` for each sample, the
    output weights get ``sum_mu delta_mu h_j,mu``, and each hidden unit ``j``
    gets the signal ``delta_j = delta v_j h_j (1 - h_j)``, so that its weight
    from input ``k`` gets ``sum_mu delta_j,mu x_k,mu``
    (Rumelhart, Hinton & Williams 1986).
    """
    inputs = _check_inputs(inputs)
    targets = _check_targets(targets, inputs.shape[0])
    _check_parameters(parameters, inputs.shape[1])
    _, g_hw, g_hb, g_ow, g_ob = _gradient(inputs, targets, *_arrays(parameters))
    return MLPParameters(hidden_weights=g_hw, hidden_biases=g_hb, output_weights=g_ow,
                         output_bias=float(g_ob))


def mlp_numerical_gradient(parameters, inputs, targets, step=1e-6):
    """Return the gradient of :func:`mlp_cost` by central finite differences.

    Each parameter ``theta`` is moved to ``theta +/- step`` and the partial
    derivative is estimated as ``(E(theta + step) - E(theta - step)) / (2 step)``,
    whose truncation error is of order ``step**2``.

    Parameters
    ----------
    parameters : MLPParameters
        Network weights.
    inputs : array_like, shape (n_samples, n_inputs)
        Input vectors (dimensionless).
    targets : array_like, shape (n_samples,)
        Desired outputs, in [0, 1].
    step : float, optional
        Finite-difference step (dimensionless), > 0.

    Returns
    -------
    MLPParameters
    """
    inputs = _check_inputs(inputs)
    targets = _check_targets(targets, inputs.shape[0])
    _check_parameters(parameters, inputs.shape[1])
    step = check_positive("step", step)
    n_hidden, n_inputs = parameters.hidden_weights.shape
    flat = parameters.flatten()
    gradient = np.zeros_like(flat)
    for index in range(flat.size):
        shifted = flat.copy()
        shifted[index] = flat[index] + step
        cost_plus = mlp_cost(MLPParameters.from_flat(shifted, n_inputs, n_hidden), inputs,
                             targets)
        shifted[index] = flat[index] - step
        cost_minus = mlp_cost(MLPParameters.from_flat(shifted, n_inputs, n_hidden), inputs,
                              targets)
        gradient[index] = (cost_plus - cost_minus) / (2.0 * step)
    return MLPParameters.from_flat(gradient, n_inputs, n_hidden)


def train_mlp(parameters, inputs, targets, learning_rate=0.5, n_epochs=5000):
    """Train a two-layer network by batch gradient descent on the squared error.

    Each epoch applies ``theta <- theta - learning_rate * dE/dtheta`` to every
    parameter, with the gradient of ``E = sum_mu (out_mu - target_mu)**2``
    over all samples computed by back-propagation (:func:`mlp_gradient`).

    Parameters
    ----------
    parameters : MLPParameters
        Initial weights (see :func:`init_mlp`); they are copied, not changed.
    inputs : array_like, shape (n_samples, n_inputs)
        Input vectors (dimensionless).
    targets : array_like, shape (n_samples,)
        Desired outputs, in [0, 1].
    learning_rate : float, optional
        Gradient-descent step ``epsilon`` > 0 (dimensionless).
    n_epochs : int, optional
        Number of gradient steps, >= 1.

    Returns
    -------
    MLPTrainingResult
    """
    inputs = _check_inputs(inputs)
    targets = _check_targets(targets, inputs.shape[0])
    _check_parameters(parameters, inputs.shape[1])
    learning_rate = check_positive("learning_rate", learning_rate)
    n_epochs = check_integer("n_epochs", n_epochs, minimum=1)

    hidden_weights, hidden_biases, output_weights, output_bias = (
        array.copy() if isinstance(array, np.ndarray) else array
        for array in _arrays(parameters)
    )
    costs = np.zeros(n_epochs + 1)
    output_bias = _descend(inputs, targets, hidden_weights, hidden_biases, output_weights,
                           output_bias, learning_rate, costs)
    trained = MLPParameters(hidden_weights=hidden_weights, hidden_biases=hidden_biases,
                            output_weights=output_weights, output_bias=float(output_bias))
    return MLPTrainingResult(parameters=trained, cost_history=costs)
