"""Tests of plastlib.perceptron: Novikoff bound, separability, back-propagation gradient."""

import numpy as np
import pytest

from plastlib import perceptron as pc


def xor_plus_minus():
    """Return XOR in +/-1 coding: inputs and labels."""
    return 2.0 * pc.XOR_INPUTS - 1.0, 2.0 * pc.XOR_TARGETS - 1.0


@pytest.mark.parametrize("seed", range(5))
@pytest.mark.parametrize("gap", [0.05, 0.2])
def test_perceptron_mistakes_within_novikoff_bound(seed, gap):
    data = pc.make_separable_data(200, gap, rng=seed)
    result = pc.train_perceptron(data.inputs, data.labels, max_epochs=1000, rng=seed)
    bound = pc.novikoff_bound(data.inputs, data.labels, data.teacher_weights, data.teacher_bias)

    assert result.converged
    assert result.total_mistakes <= bound


def test_perceptron_converged_weights_classify_all():
    data = pc.make_separable_data(150, 0.1, rng=3)
    result = pc.train_perceptron(data.inputs, data.labels, rng=3)
    predicted = np.sign(data.inputs @ result.weights + result.bias)

    assert result.converged
    assert np.array_equal(predicted, data.labels)
    assert pc.margin(data.inputs, data.labels, result.weights, result.bias) > 0


def test_perceptron_mistakes_independent_of_learning_rate():
    # From zero weights, every weight vector scales with the learning rate, so the
    # signs of all activations, and hence the mistakes, are the same.
    data = pc.make_separable_data(100, 0.1, rng=4)
    slow = pc.train_perceptron(data.inputs, data.labels, learning_rate=0.01, rng=9)
    fast = pc.train_perceptron(data.inputs, data.labels, learning_rate=1.0, rng=9)

    assert np.array_equal(slow.mistakes_per_epoch, fast.mistakes_per_epoch)
    np.testing.assert_allclose(100.0 * slow.weights, fast.weights, rtol=1e-12)


def test_perceptron_cycles_on_xor():
    inputs, labels = xor_plus_minus()
    result = pc.train_perceptron(inputs, labels, max_epochs=30, shuffle=False)

    assert not result.converged
    assert np.all(result.mistakes_per_epoch > 0)
    # The weights after each epoch repeat: the rule cycles instead of converging.
    assert np.allclose(result.weight_history[-1], result.weight_history[0])


def test_separability_of_and_xor_and_teacher_data():
    inputs, labels = xor_plus_minus()
    and_labels = np.where(pc.XOR_INPUTS.sum(axis=1) == 2, 1.0, -1.0)
    data = pc.make_separable_data(80, 0.05, rng=2)

    assert not pc.is_linearly_separable(inputs, labels)[0]
    separable, weights, bias = pc.is_linearly_separable(pc.XOR_INPUTS, and_labels)
    assert separable
    assert np.all(and_labels * (pc.XOR_INPUTS @ weights + bias) >= 1.0 - 1e-9)
    assert pc.is_linearly_separable(data.inputs, data.labels)[0]


def test_separable_data_respects_margin():
    data = pc.make_separable_data(300, 0.2, n_features=3, rng=5)
    distances = data.labels * (data.inputs @ data.teacher_weights + data.teacher_bias)

    assert data.inputs.shape == (300, 3)
    assert np.isclose(np.linalg.norm(data.teacher_weights), 1.0)
    assert np.all(distances >= 0.2)


@pytest.mark.parametrize("seed", range(3))
def test_backprop_gradient_matches_finite_differences(seed):
    # Central differences with step h have truncation error ~ h^2 |E'''| (about 1e-12 here)
    # and rounding error ~ 1e-16 |E| / h (about 1e-10), so 1e-7 leaves a wide margin
    # while a wrong factor or sign in any component would fail by orders of magnitude.
    parameters = pc.init_mlp(2, 3, rng=seed)
    analytic = pc.mlp_gradient(parameters, pc.XOR_INPUTS, pc.XOR_TARGETS).flatten()
    numeric = pc.mlp_numerical_gradient(parameters, pc.XOR_INPUTS, pc.XOR_TARGETS,
                                        step=1e-6).flatten()

    np.testing.assert_allclose(analytic, numeric, atol=1e-7)
    assert np.max(np.abs(analytic)) > 1e-3


def test_backprop_learns_xor():
    start = pc.init_mlp(2, 3, rng=0)
    result = pc.train_mlp(start, pc.XOR_INPUTS, pc.XOR_TARGETS, learning_rate=1.0,
                          n_epochs=4000)
    outputs = pc.mlp_forward(result.parameters, pc.XOR_INPUTS)

    assert np.array_equal(outputs > 0.5, pc.XOR_TARGETS > 0.5)
    assert result.cost_history[-1] < 0.01
    assert result.cost_history[-1] < result.cost_history[0]


def test_mlp_cost_of_zero_network():
    # With all weights zero every output is sigmoid(0) = 1/2, so E = 4 * (1/2)^2 = 1.
    zero = pc.MLPParameters(np.zeros((2, 2)), np.zeros(2), np.zeros(2), 0.0)

    assert pc.mlp_cost(zero, pc.XOR_INPUTS, pc.XOR_TARGETS) == pytest.approx(1.0)


def test_mlp_parameters_flatten_round_trip():
    parameters = pc.init_mlp(3, 4, rng=1)
    rebuilt = pc.MLPParameters.from_flat(parameters.flatten(), 3, 4)

    np.testing.assert_array_equal(rebuilt.flatten(), parameters.flatten())


def test_perceptron_rejects_invalid_input():
    inputs, labels = xor_plus_minus()
    with pytest.raises(ValueError, match="`labels` contains 0.5"):
        pc.train_perceptron(inputs, np.array([1.0, 0.5, 1.0, -1.0]))
    with pytest.raises(ValueError, match="`learning_rate` = -1.0"):
        pc.train_perceptron(inputs, labels, learning_rate=-1.0)
    with pytest.raises(ValueError, match="`max_epochs` = 0"):
        pc.train_perceptron(inputs, labels, max_epochs=0)
    with pytest.raises(ValueError, match="`inputs` has shape"):
        pc.train_perceptron(np.ones(4), labels)
    with pytest.raises(ValueError, match="`margin` = 0.7"):
        pc.make_separable_data(10, 0.7)
    with pytest.raises(ValueError, match="does not separate"):
        pc.novikoff_bound(inputs, labels, np.array([1.0, 0.0]), 0.0)


def test_mlp_rejects_invalid_input():
    parameters = pc.init_mlp(2, 3, rng=0)
    with pytest.raises(ValueError, match="`targets` must lie in"):
        pc.mlp_cost(parameters, pc.XOR_INPUTS, np.array([0.0, 2.0, 1.0, 0.0]))
    with pytest.raises(ValueError, match="hidden_weights` has shape"):
        pc.mlp_forward(parameters, np.ones((4, 3)))
    with pytest.raises(ValueError, match="`n_hidden` = 0"):
        pc.init_mlp(2, 0)
    with pytest.raises(ValueError, match="`step` = 0.0"):
        pc.mlp_numerical_gradient(parameters, pc.XOR_INPUTS, pc.XOR_TARGETS, step=0.0)
