"""Tests of plastlib.conditioning: the Hebbian model of classical conditioning."""

import numpy as np
import pytest

from plastlib import conditioning


def test_paired_matches_closed_form():
    cs, us = conditioning.make_protocol("paired", 40)
    result = conditioning.condition(cs, us, epsilon=0.1)
    expected = conditioning.paired_weight(np.arange(41), epsilon=0.1)
    # Same recursion evaluated two ways: only floating-point rounding differs.
    assert np.allclose(result.w, expected, rtol=0, atol=1e-12)


def test_unpaired_learns_nothing():
    cs, us = conditioning.make_protocol("unpaired", 40, rng=3)
    assert cs.sum() == 20
    assert us.sum() == 20
    assert np.all(cs * us == 0)
    result = conditioning.condition(cs, us, epsilon=0.3)
    assert np.all(result.w == 0.0)


def test_us_alone_and_cs_alone_leave_weight():
    for kind in ("us_alone", "cs_alone"):
        cs, us = conditioning.make_protocol(kind, 20)
        result = conditioning.condition(cs, us, epsilon=0.2, w0=0.6)
        assert np.allclose(result.w, 0.6)


def test_weak_us_slows_acquisition():
    cs, us = conditioning.make_protocol("paired", 200)
    result = conditioning.condition(cs, us, epsilon=0.1, us_strength=0.5)
    # Fixed point of w = min(1, w + 0.5): the response saturates once w >= 0.5,
    # so the weight still tends to 1, only the first trials are slower.
    assert result.w[-1] == pytest.approx(1.0, abs=1e-6)
    fast = conditioning.condition(cs, us, epsilon=0.1)
    assert np.all(result.w[1:] <= fast.w[1:] + 1e-15)


def test_trials_to_criterion():
    n = conditioning.trials_to_criterion(0.5, epsilon=0.1)
    # log(0.5) / log(0.9) = 6.58, so 7 trials.
    assert n == 7
    assert conditioning.paired_weight(n, 0.1) >= 0.5 > conditioning.paired_weight(n - 1, 0.1)


def test_validation_messages():
    with pytest.raises(ValueError, match="`kind` = 'random' is invalid"):
        conditioning.make_protocol("random", 10)
    with pytest.raises(ValueError, match="it must be even"):
        conditioning.make_protocol("unpaired", 9)
    with pytest.raises(ValueError, match="`epsilon` = 1.5 is invalid"):
        conditioning.condition([1], [1], epsilon=1.5)
    with pytest.raises(ValueError, match="must be 0 or 1"):
        conditioning.condition([2], [1])
    with pytest.raises(ValueError, match="they must match"):
        conditioning.condition([1, 1], [1])


def test_unpaired_order_is_seeded():
    first = conditioning.make_protocol("unpaired", 20, rng=7)
    second = conditioning.make_protocol("unpaired", 20, rng=7)
    assert np.array_equal(first[0], second[0])


def test_partial_reinforcement_mean():
    # E[w_n] = 1 - (1 - epsilon p)^n because CS-alone trials leave w unchanged and
    # E[(1 - epsilon)^K] = (1 - epsilon p)^n for K ~ Binomial(n, p). Over 2000 runs the
    # standard error of the mean weight is below sd / sqrt(2000) <= 0.5 / 44.7 = 0.011,
    # so a 0.05 tolerance (> 4 standard errors) fails with probability below 1e-4.
    rng = np.random.default_rng(11)
    n, epsilon, p = 10, 0.2, 0.4
    finals = []
    for _ in range(2000):
        cs, us = conditioning.make_protocol("partial", n, rng=rng, p_us=p)
        finals.append(conditioning.condition(cs, us, epsilon=epsilon).w[-1])
    assert np.mean(finals) == pytest.approx(1 - (1 - epsilon * p) ** n, abs=0.05)
