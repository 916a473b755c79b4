"""Tests of plastlib.hopfield: storage, energy, recall dynamics, crosstalk and capacity."""

import numpy as np
import pytest

from plastlib import hopfield as hp


def test_hebbian_weights_symmetric_zero_diagonal():
    patterns = hp.random_patterns(5, 40, rng=0)
    weights = hp.hebbian_weights(patterns)
    expected = sum(np.outer(xi, xi) for xi in patterns) / 40.0
    np.fill_diagonal(expected, 0.0)

    np.testing.assert_allclose(weights, weights.T)
    assert np.all(np.diag(weights) == 0.0)
    np.testing.assert_allclose(weights, expected)


def test_stored_patterns_are_fixed_points_at_low_load():
    # At p/N = 0.01 the crosstalk has standard deviation 0.1, so a unit flips with
    # probability Phi(-10) ~ 1e-23: every pattern must be an exact fixed point.
    patterns = hp.random_patterns(4, 400, rng=1)
    weights = hp.hebbian_weights(patterns)
    for pattern in patterns:
        fields = weights @ pattern
        assert np.all(np.sign(fields) == pattern)
        result = hp.recall_async(weights, pattern, rng=2)
        assert result.n_sweeps == 1
        np.testing.assert_array_equal(result.state, pattern)


@pytest.mark.parametrize("load", [0.05, 0.1, 0.2])
def test_async_energy_never_increases(load):
    patterns = hp.random_patterns(int(load * 200), 200, rng=3)
    weights = hp.hebbian_weights(patterns)
    cue = hp.random_patterns(1, 200, rng=4)[0]
    result = hp.recall_async(weights, cue, rng=5)

    assert result.converged
    assert np.all(np.diff(result.energies) <= 1e-12)
    assert result.energies[-1] == pytest.approx(hp.energy(weights, result.state), abs=1e-9)


def test_async_recall_completes_corrupted_cue():
    patterns = hp.random_patterns(10, 300, rng=6)
    weights = hp.hebbian_weights(patterns)
    cue = hp.corrupt_pattern(patterns[0], 0.2, rng=7)
    result = hp.recall_async(weights, cue, rng=8)

    assert hp.overlap(patterns[0], cue) == pytest.approx(1.0 - 2 * 60 / 300)
    assert hp.overlap(patterns[0], result.state) == 1.0


def test_sync_recall_two_cycle_on_two_units():
    # Two mutually inhibiting units in the same state flip together forever, while
    # asynchronous updates stop as soon as one of them has flipped.
    weights = np.array([[0.0, -1.0], [-1.0, 0.0]])
    cue = np.array([1.0, 1.0])
    synchronous = hp.recall_sync(weights, cue)
    asynchronous = hp.recall_async(weights, cue, rng=0)

    assert synchronous.period == 2
    np.testing.assert_array_equal(synchronous.states[1], [-1.0, -1.0])
    assert asynchronous.converged
    assert asynchronous.state.sum() == 0.0


def test_sync_recall_reaches_fixed_point_or_two_cycle():
    # For symmetric weights the synchronous dynamics has only periods 1 and 2.
    patterns = hp.random_patterns(40, 200, rng=9)
    weights = hp.hebbian_weights(patterns)
    periods = [hp.recall_sync(weights, cue, max_steps=200).period
               for cue in hp.random_patterns(10, 200, rng=10)]

    assert set(periods) <= {1, 2}


def test_crosstalk_mean_and_variance():
    # C has mean 0 and variance (p - 1)(N - 1)/N^2. Its p N samples share the
    # p (p - 1)/2 pattern overlaps, so the sample variance of one pattern set
    # fluctuates by about 2/p relative (measured: 2.0 % at p = N = 200 over 40 sets).
    # Averaging 5 sets gives about 0.9 %, so 5 % is a tolerance of more than 5 sigma.
    n_patterns, n_units = 200, 200
    predicted_variance = (n_patterns - 1) * (n_units - 1) / n_units**2
    samples = [hp.crosstalk(hp.random_patterns(n_patterns, n_units, rng=seed))
               for seed in range(5)]

    assert abs(np.mean([values.mean() for values in samples])) < 0.01
    assert np.mean([values.var() for values in samples]) == pytest.approx(
        predicted_variance, rel=0.05)


def test_crosstalk_error_fraction_matches_gaussian():
    # At p/N = 0.2 the predicted error fraction is Phi(-sqrt(5)) = 0.0127. A set of
    # p N = 50,000 samples gives a binomial error of 2 %, but the shared pattern
    # overlaps move the crosstalk variance by about 3 % per set, which moves the tail
    # probability by about 8 %; the mean of 4 sets is then within about 5 %, and 20 %
    # covers this and the finite-N correction to the Gaussian tail.
    n_patterns, n_units = 100, 500
    fractions = [np.mean(hp.crosstalk(hp.random_patterns(n_patterns, n_units, rng=seed))
                         < -(n_units - 1) / n_units) for seed in range(4)]

    assert np.mean(fractions) == pytest.approx(hp.predicted_error_fraction(0.2), rel=0.2)
    assert hp.predicted_error_fraction(0.2) == pytest.approx(0.012674, rel=1e-3)


def test_retrieval_overlaps_high_below_and_low_above_capacity():
    overlaps = hp.retrieval_overlaps(400, [0.05, 0.3], n_trials=3, rng=13)

    assert np.all(overlaps[:, 0] > 0.97)
    assert np.all(overlaps[:, 1] < 0.8)


@pytest.mark.slow
def test_capacity_transition_near_amit_gutfreund_sompolinsky():
    # The load at which the mean final overlap first drops below 0.9 is 0.138 for
    # N -> infinity; finite-size effects shift it upward by up to about 0.03 at N = 500.
    loads = np.round(np.arange(0.10, 0.2201, 0.01), 3)
    overlaps = hp.retrieval_overlaps(500, loads, n_trials=20, rng=14)
    transition = loads[np.argmax(overlaps.mean(axis=0) < 0.9)]

    assert 0.12 <= transition <= 0.17


def test_corrupt_pattern_flips_exact_count():
    pattern = hp.random_patterns(1, 101, rng=15)[0]
    cue = hp.corrupt_pattern(pattern, 0.1, rng=16)

    assert np.sum(cue != pattern) == 10


def test_hopfield_rejects_invalid_input():
    weights = np.zeros((3, 3))
    with pytest.raises(ValueError, match="values other than \\+1 and -1"):
        hp.recall_async(weights, np.array([1.0, 0.0, 1.0]))
    with pytest.raises(ValueError, match="`cue` has 2 entries"):
        hp.recall_sync(weights, np.array([1.0, 1.0]))
    with pytest.raises(ValueError, match="square matrix"):
        hp.energy(np.zeros((2, 3)), np.ones(2))
    with pytest.raises(ValueError, match="`flip_fraction` = 1.5"):
        hp.corrupt_pattern(np.ones(3), 1.5)
    with pytest.raises(ValueError, match="`n_units` = 1"):
        hp.random_patterns(2, 1)
    with pytest.raises(ValueError, match="increase strictly"):
        hp.retrieval_overlaps(100, [0.2, 0.1], n_trials=1)
    with pytest.raises(ValueError, match="`load`"):
        hp.predicted_error_fraction(0.0)


def test_ags_capacity_and_overlap_at_capacity():
    # Reference values: alpha_c = 0.138 and m = 0.967 at alpha_c
    # (Amit, Gutfreund & Sompolinsky 1985, quoted to three digits).
    capacity, overlap_at_capacity = hp.ags_capacity()

    assert capacity == pytest.approx(0.138, abs=5e-4)
    assert overlap_at_capacity == pytest.approx(0.967, abs=5e-4)


def test_ags_retrieval_overlap_solves_fixed_point_equation():
    from scipy.special import erf, erfinv

    for load in [1e-5, 0.05, 0.1, 0.137]:
        m = hp.ags_retrieval_overlap(load)
        if m < 1.0:
            y = erfinv(m)
            lhs = y * (np.sqrt(2 * load) + 2 / np.sqrt(np.pi) * np.exp(-y * y))
            assert lhs == pytest.approx(erf(y), rel=1e-8)
    assert hp.ags_retrieval_overlap(0.05) > hp.ags_retrieval_overlap(0.13)
    with pytest.raises(ValueError, match="`load` = 0.2"):
        hp.ags_retrieval_overlap(0.2)


def test_retrieval_overlaps_progress_bar_on_stderr(monkeypatch, capfd):
    monkeypatch.setenv("PLASTLIB_PROGRESS", "1")
    with_bar = hp.retrieval_overlaps(20, [0.05, 0.1], 3, rng=11)
    assert "recall, N = 20" in capfd.readouterr().err

    monkeypatch.setenv("PLASTLIB_PROGRESS", "0")
    without_bar = hp.retrieval_overlaps(20, [0.05, 0.1], 3, rng=11)
    assert capfd.readouterr().err == ""
    np.testing.assert_array_equal(with_bar, without_bar)


def test_retrieval_overlaps_same_without_progress_option():
    with_bar = hp.retrieval_overlaps(30, [0.05, 0.1], 2, rng=12, progress=True)
    without_bar = hp.retrieval_overlaps(30, [0.05, 0.1], 2, rng=12, progress=False)
    np.testing.assert_array_equal(with_bar, without_bar)
