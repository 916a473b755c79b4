"""Tests of plastlib.exercises.perceptron: the check of the product-feature exercise."""

import numpy as np
import pytest

from plastlib import perceptron
from plastlib.exercises import perceptron as check

LABELS = 2.0 * perceptron.XOR_TARGETS - 1.0
FEATURES = np.column_stack([perceptron.XOR_INPUTS,
                            perceptron.XOR_INPUTS[:, 0] * perceptron.XOR_INPUTS[:, 1]])


def _reference_answer(seed=0, learning_rate=1.0, max_epochs=100):
    _, lp_weights, lp_bias = perceptron.is_linearly_separable(FEATURES, LABELS)
    bound = perceptron.novikoff_bound(FEATURES, LABELS, lp_weights, lp_bias)
    unit = perceptron.train_perceptron(FEATURES, LABELS, learning_rate=learning_rate,
                                       max_epochs=max_epochs, rng=seed)
    return unit, bound


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_product_feature_reference_passes(seed):
    # Different presentation orders end at different weights; all of them are correct.
    unit, bound = _reference_answer(seed)
    feedback = check.check_product_feature(unit.weights, unit.bias, unit.total_mistakes, bound)
    assert feedback, feedback


def test_product_feature_other_learning_rate_passes():
    unit, bound = _reference_answer(1, learning_rate=0.1)
    feedback = check.check_product_feature(unit.weights, unit.bias, unit.total_mistakes, bound,
                                           learning_rate=0.1)
    assert feedback, feedback


def test_product_feature_flipped_sign_fails():
    unit, bound = _reference_answer(1)
    feedback = check.check_product_feature(-unit.weights, -unit.bias, unit.total_mistakes, bound)
    assert not feedback
    assert "sign is flipped" in str(feedback)


def test_product_feature_missing_product_input_fails():
    unit, bound = _reference_answer(1)
    feedback = check.check_product_feature(unit.weights[:2], unit.bias, unit.total_mistakes,
                                           bound)
    assert not feedback
    assert "product" in str(feedback)


def test_product_feature_unconverged_training_fails():
    unit, bound = _reference_answer(1, max_epochs=2)
    assert not unit.converged
    feedback = check.check_product_feature(unit.weights, unit.bias, unit.total_mistakes, bound)
    assert not feedback
    assert "not converged" in str(feedback)


def test_product_feature_wrong_mistake_count_fails():
    unit, bound = _reference_answer(1)
    feedback = check.check_product_feature(unit.weights, unit.bias, unit.total_mistakes + 1,
                                           bound)
    assert not feedback
    assert "does not match the weights" in str(feedback)


def test_product_feature_unaugmented_bound_fails():
    # Leaving out the constant input 1 gives R**2 = 3 instead of 4: the bound shrinks by 1/4.
    unit, bound = _reference_answer(1)
    feedback = check.check_product_feature(unit.weights, unit.bias, unit.total_mistakes,
                                           0.75 * bound)
    assert not feedback
    assert "`bound`" in str(feedback)
    assert "too small" in str(feedback)
    assert "augmented" in str(feedback)


def test_product_feature_bad_types_reported():
    feedback = check.check_product_feature("weights", None, 3.5, [1.0, 2.0])
    message = str(feedback)
    assert not feedback
    assert "`weights` must be an array" in message
    assert "`bias` must be a number" in message
    assert "`total_mistakes` must be a non-negative whole number" in message
    assert "`bound` must be a number" in message
