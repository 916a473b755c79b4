"""Checks for the coding exercises of the chapter on the perceptron and back-propagation.

Functions
---------
check_product_feature
    Exercise ``pc-ex-product-feature``: a threshold unit with the extra input
    ``x1 * x2`` learns XOR.
"""

import numpy as np

from plastlib import perceptron
from plastlib.exercises._feedback import Feedback

__all__ = ["check_product_feature"]

# The bound comes from the deterministic linear program of
# perceptron.is_linearly_separable, so a correct answer reproduces it to rounding error.
# A relative tolerance of 1e-3 also accepts an answer rounded to four significant digits.
_BOUND_RTOL = 1e-3


def _product_features():
    inputs = perceptron.XOR_INPUTS
    return np.column_stack([inputs, inputs[:, 0] * inputs[:, 1]])


def _mistake_count(weights, bias, learning_rate):
    """Return the number of mistakes that zero-start training needs to reach (weights, bias).

    From zero weights, each mistake on sample mu adds ``eta t_mu (x_mu, 1)``. With the
    features ``(x1, x2, x1 x2)`` of the four XOR samples, whose targets are -1, +1, +1, -1,
    the counts ``n_mu`` of mistakes on each sample satisfy ``w1 = eta (n3 - n4)``,
    ``w2 = eta (n2 - n4)``, ``w3 = -eta n4`` and ``b = eta (-n1 + n2 + n3 - n4)``.
    Returns None if the solution is not a set of non-negative integers.
    """
    scaled = np.append(weights, bias) / learning_rate
    n4 = -scaled[2]
    n3 = scaled[0] + n4
    n2 = scaled[1] + n4
    n1 = n2 + n3 - n4 - scaled[3]
    counts = np.array([n1, n2, n3, n4])
    rounded = np.round(counts)
    if np.any(np.abs(counts - rounded) > 1e-6) or np.any(rounded < 0):
        return None
    return int(rounded.sum())


def check_product_feature(weights, bias, total_mistakes, bound, learning_rate=1.0):
    """Check the answer to exercise ``pc-ex-product-feature`` (XOR with a product input).

    The student trains a threshold unit on the inputs ``(x1, x2, x1 x2)`` of
    the four XOR samples (targets +1 where XOR is 1, -1 elsewhere) with
    :func:`plastlib.perceptron.train_perceptron`, and computes Novikoff's bound
    for the separating vector that :func:`plastlib.perceptron.is_linearly_separable`
    returns.

    Parameters
    ----------
    weights : array_like, shape (3,)
        Learned weights of ``x1``, ``x2`` and ``x1 x2`` (dimensionless), the
        ``weights`` attribute of the training result.
    bias : float
        Learned bias (dimensionless).
    total_mistakes : int
        Number of weight updates made during training.
    bound : float
        Novikoff's bound ``(R / gamma)**2`` for the linear program's separating vector.
    learning_rate : float, optional
        Learning rate used in training (dimensionless, > 0); the chapter uses 1.

    Returns
    -------
    Feedback
        Passed if the unit classifies XOR correctly, the mistake count matches
        the weights and respects the bound, and the bound is right.
    """
    feedback = Feedback("pc-ex-product-feature")
    weights = feedback.array("weights", weights)
    bias = feedback.number("bias", bias)
    mistakes = feedback.number("total_mistakes", total_mistakes)
    bound = feedback.number("bound", bound)
    learning_rate = feedback.number("learning_rate", learning_rate)
    if learning_rate is not None and learning_rate <= 0:
        feedback.fail(f"`learning_rate` must be > 0, got {learning_rate}.")
        learning_rate = None
    if weights is not None and weights.shape != (3,):
        if weights.shape == (2,):
            feedback.fail("`weights` has 2 entries: the unit needs a third input, the product "
                          "x1*x2, so it must have 3 weights.")
        else:
            feedback.fail(f"`weights` must have shape (3,), one weight per input x1, x2 and "
                          f"x1*x2; got {weights.shape}.")
        weights = None
    if mistakes is not None and (mistakes != round(mistakes) or mistakes < 0):
        feedback.fail(f"`total_mistakes` must be a non-negative whole number, got {mistakes}.")
        mistakes = None
    if any(value is None for value in (weights, bias, mistakes, bound, learning_rate)):
        return feedback

    features = _product_features()
    labels = 2.0 * perceptron.XOR_TARGETS - 1.0
    _, lp_weights, lp_bias = perceptron.is_linearly_separable(features, labels)
    reference_bound = perceptron.novikoff_bound(features, labels, lp_weights, lp_bias)

    products = labels * (features @ weights + bias)
    if np.all(products < 0):
        feedback.fail("The unit gives the wrong answer on all four samples: the sign is "
                      "flipped. Use the label +1 where XOR is 1 and -1 where it is 0.")
    elif not np.all(products > 0):
        feedback.fail(f"The unit misclassifies {int(np.sum(products <= 0))} of the 4 samples "
                      "(a sample on the boundary counts as a mistake): training has not "
                      "converged. Check `converged` and raise `max_epochs`.")
    implied = _mistake_count(weights, bias, learning_rate)
    if implied is None:
        feedback.fail("These weights cannot come from the perceptron rule started at zero "
                      f"with learning rate {learning_rate:g}. Pass the `weights` and `bias` "
                      "of the training result, not the vector from the linear program, and "
                      "pass `learning_rate` if you trained with another one.")
    elif implied != mistakes:
        feedback.fail("`total_mistakes` does not match the weights: from zero weights every "
                      "mistake adds the learning rate times (t x, t), so the weights fix the "
                      "number of mistakes. Pass `total_mistakes` of the same training run.")
    feedback.close("bound", bound, reference_bound, rtol=_BOUND_RTOL,
                   hint="Novikoff's bound is R**2 / gamma**2, with R the largest norm of an "
                        "augmented input (x1, x2, x1*x2, 1) and gamma the margin of the "
                        "augmented vector (w, b) of the linear program, normalised as a "
                        "whole (see `perceptron.novikoff_bound`).")
    if mistakes > bound:
        feedback.fail("The mistake count exceeds the bound, which the theorem forbids: one "
                      "of the two numbers is wrong.")
    return feedback
