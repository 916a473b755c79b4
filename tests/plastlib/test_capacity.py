"""Tests of plastlib.capacity: closed forms, series, information and the simulation."""

import math

import numpy as np
import pytest

from plastlib import capacity

# Reference value: 1 / (4 pi ln 2), the small-rate soft-bound information in bits.
SOFT_LIMIT = 1.0 / (4.0 * math.pi * math.log(2.0))


def test_soft_snr_closed_form_initial_value():
    snr = capacity.snr_soft_bound([0, 1], n_synapses=50, learning_rate=0.2)
    assert snr[0] == pytest.approx(50 * 0.2 * 1.8)
    assert snr[1] == pytest.approx(snr[0] * 0.8**2)


@pytest.mark.parametrize("learning_rate", [0.01, 0.1, 0.5])
def test_soft_snr_sums_to_synapse_count(learning_rate):
    # sum_t N a (2 - a) (1 - a)^(2t) = N exactly; the tail beyond 20 000 steps is
    # below (0.99)^40000 = 4e-175 for the smallest rate.
    ages = np.arange(20_000)
    total = capacity.snr_soft_bound(ages, 30, learning_rate).sum()
    assert total == pytest.approx(30.0, rel=1e-12)
    assert capacity.snr_area("soft", learning_rate) == 1.0


def test_hard_snr_initial_value_on_lattice():
    # From the uniform distribution on L = 2/a + 1 levels, one potentiation raises the
    # mean by a (L - 1) / L; the stationary second moment is (1 + a) / 3.
    a = 0.25
    levels = 2 / a + 1
    mean_weight = a * (levels - 1) / levels
    expected = 40 * mean_weight**2 / ((1 + a) / 3)
    assert capacity.snr_hard_bound([0], 40, a)[0] == pytest.approx(expected, rel=1e-12)


@pytest.mark.parametrize("learning_rate", [0.5, 0.2, 0.1])
def test_hard_snr_area_matches_direct_sum(learning_rate):
    # The slowest S decay for a = 0.1 is -2 ln cos(pi / 21) ~ 0.022 per step, so
    # 5000 steps leave a tail below exp(-110).
    ages = np.arange(5000)
    direct = capacity.snr_hard_bound(ages, 1, learning_rate).sum()
    assert capacity.snr_area("hard", learning_rate) == pytest.approx(direct, rel=1e-9)


def test_hard_snr_area_tends_to_diffusion_limit():
    limit = 3.0 * capacity.hard_bound_double_series_limit()
    assert limit == pytest.approx(0.84346, abs=1e-5)
    # The finite-rate correction shrinks with a: 8.9e-4 relative at a = 0.1,
    # 2.4e-6 relative at a = 0.005 (values from the exact lattice computation).
    assert abs(capacity.snr_area("hard", 0.1) / limit - 1) < 2e-3
    assert abs(capacity.snr_area("hard", 0.005) / limit - 1) < 1e-5


def test_hard_diffusion_snr_matches_lattice_at_small_rate():
    # The lattice differs from the diffusion limit by relative O(a) in S(0) (about 3a)
    # and in the decay rates (about a), so up to one decay time, t = 1 / (2 lam_0 a^2)
    # = 16 000 steps, the two agree within about 4a = 2 %.
    a = 0.005
    ages = np.array([0, 100, 1000, 5000, 16_000])
    exact = capacity.snr_hard_bound(ages, 100, a)
    diffusion = capacity.snr_hard_bound_diffusion(ages, 100, a)
    np.testing.assert_allclose(diffusion, exact, rtol=0.03)


def test_double_series_truncation_converges_to_closed_form():
    limit = capacity.hard_bound_double_series_limit()
    # The tail beyond n terms is about 2 * sum_{k >= n} 1 / (lam_0 lam_k^2) ~ n^-3 / 60.
    for n_terms in (10, 100, 1000):
        error = limit - capacity.hard_bound_double_series(n_terms)
        assert 0 < error < 0.05 * n_terms**-3.0
    # The closed form's correction sum converges like exp(-pi n): 3 terms suffice.
    assert capacity.hard_bound_double_series_limit(3) == pytest.approx(limit, rel=1e-14)


def test_information_limits():
    assert capacity.information_limit("soft") == pytest.approx(SOFT_LIMIT, rel=1e-12)
    assert capacity.information_limit("soft") == pytest.approx(0.11481, abs=1e-5)
    assert capacity.information_limit("hard") == pytest.approx(0.096835, abs=1e-5)


def test_information_from_snr_limits():
    assert capacity.information_from_snr(0.0) == 0.0
    # At S = 400 the error probability is Phi(-10) ~ 7.6e-24: one full bit.
    assert capacity.information_from_snr(400.0) == pytest.approx(1.0, abs=1e-12)
    # Next-order term of the expansion is relative O(S): 1e-4 at S = 1e-4.
    small = 1e-4
    assert capacity.information_from_snr(small) == pytest.approx(
        capacity.information_small_snr(small), rel=1e-3)
    assert capacity.information_from_snr(-0.3) == -capacity.information_from_snr(0.3)


def test_information_from_snr_matches_error_rate():
    snr = 2.5
    error = 0.5 * math.erfc(math.sqrt(snr) / 2 / math.sqrt(2))
    expected = 1 + error * math.log2(error) + (1 - error) * math.log2(1 - error)
    assert capacity.information_from_snr(snr) == pytest.approx(expected, rel=1e-12)


def test_sum_over_ages_linear_where_not_positive():
    # Segments with an endpoint <= 0 are summed as straight lines, exactly.
    ages = np.array([0, 3, 10])
    values = 1.0 - ages
    expected = np.sum(1.0 - np.arange(11))
    assert capacity.sum_over_ages(ages, values) == pytest.approx(expected, rel=1e-12)


def test_sum_over_ages_exact_for_exponential():
    ages = np.array([0, 7, 50, 400])
    values = 3.0 * 0.97**ages
    expected = np.sum(3.0 * 0.97 ** np.arange(401))
    assert capacity.sum_over_ages(ages, values) == pytest.approx(expected, rel=1e-12)


def test_sum_over_ages_on_default_hard_grid():
    # Hard-bound S(t) is a sum of exponentials; on the default grid the interpolation
    # error measured against the exact area is below 1e-3.
    ages = capacity.default_ages("hard", 0.05)
    sampled = capacity.snr_hard_bound(ages, 1, 0.05)
    assert capacity.sum_over_ages(ages, sampled) == pytest.approx(
        capacity.snr_area("hard", 0.05), rel=1e-3)


def test_predicted_information_tends_to_limit():
    # S(0) = 2 N a = 2e-3: the finite-SNR correction is below 0.1 %.
    value = capacity.predicted_information("soft", 1e-5, 100)
    assert value == pytest.approx(SOFT_LIMIT, rel=1e-3)
    assert capacity.predicted_information("soft", 0.3, 100) < 0.5 * SOFT_LIMIT


def test_memory_lifetime_soft_closed_form():
    # S(t) >= 1 while t <= ln(S(0)) / (-2 ln(1 - a)); S(0) = 1000 * 0.01 * 1.99 = 19.9.
    expected = math.floor(math.log(19.9) / (-2 * math.log(0.99))) + 1
    assert capacity.memory_lifetime("soft", 0.01, 1000) == expected
    assert capacity.memory_lifetime("soft", 0.01, 1000, threshold=100.0) == 0


def test_memory_lifetime_hard_counts_exact_snr():
    ages = np.arange(2000)
    snr = capacity.snr_hard_bound(ages, 1000, 0.05)
    assert capacity.memory_lifetime("hard", 0.05, 1000) == np.count_nonzero(snr >= 1.0)
    with pytest.raises(ValueError, match="`threshold` = 0.0"):
        capacity.memory_lifetime("hard", 0.05, 1000, threshold=0.0)


def test_simulation_small_invariants():
    result = capacity.simulate_recognition("soft", 40, 0.2, ages=[0, 2, 5], n_tests=2000, rng=3)
    assert result.ages.tolist() == [0, 2, 5]
    assert np.all(np.diff(result.signal) < 0)
    # Sampled lure std has relative error about 1 / sqrt(2 * 2000) = 1.6 %; 10 % is 6 sigma.
    assert result.sampled_lure_std == pytest.approx(result.noise, rel=0.1)
    # Sampled lure mean: standard error noise / sqrt(2000); allow 5 standard errors.
    assert abs(result.sampled_lure_mean) < 5 * result.noise / math.sqrt(2000)


def test_simulation_same_seed_same_result():
    first = capacity.simulate_recognition("hard", 20, 0.5, ages=[0, 1], n_tests=100, rng=7)
    second = capacity.simulate_recognition("hard", 20, 0.5, ages=[0, 1], n_tests=100, rng=7)
    np.testing.assert_array_equal(first.snr, second.snr)


@pytest.mark.slow
def test_simulation_soft_matches_theory():
    a, n_synapses, n_tests = 0.05, 200, 20_000
    result = capacity.simulate_recognition("soft", n_synapses, a, n_tests=n_tests, rng=11)
    # S(0) ~ 19.5: relative error ~ 2 / sqrt(n_tests S(0)) = 0.3 %, so 2 % is 6 sigma.
    expected = capacity.snr_soft_bound([0], n_synapses, a)[0]
    assert result.snr[0] == pytest.approx(expected, rel=0.02)
    # SNR area: noise correlated across ages gives a standard deviation of
    # sqrt(8 / (a N n_tests)) = 0.6 %, so 4 % is over 6 sigma.
    assert capacity.snr_area_standard_error("soft", a, n_synapses, n_tests) < 0.04 / 6
    area = capacity.sum_over_ages(result.ages, result.snr) / n_synapses
    assert area == pytest.approx(1.0, rel=0.04)


@pytest.mark.slow
def test_simulation_hard_matches_theory():
    a, n_synapses, n_tests = 0.1, 200, 20_000
    result = capacity.simulate_recognition("hard", n_synapses, a, n_tests=n_tests, rng=12)
    expected = capacity.snr_hard_bound([0], n_synapses, a)[0]
    # S(0) ~ 3.3: relative error ~ 2 / sqrt(n_tests S(0)) = 0.8 %; 5 % is 6 sigma.
    assert result.snr[0] == pytest.approx(expected, rel=0.05)
    # SNR area: standard deviation sqrt(16 / (3 a^2 N n_tests)) = 1.2 %; 7 % is 6 sigma.
    assert capacity.snr_area_standard_error("hard", a, n_synapses, n_tests) < 0.07 / 6
    area = capacity.sum_over_ages(result.ages, result.snr) / n_synapses
    assert area == pytest.approx(capacity.snr_area("hard", a), rel=0.07)


def test_snr_area_standard_error_values():
    assert capacity.snr_area_standard_error("soft", 0.02, 100, 400) == pytest.approx(0.1)
    assert capacity.snr_area_standard_error("hard", 0.04, 1000, 20_000) == pytest.approx(
        math.sqrt(16 / (3 * 0.04**2 * 1000 * 20_000)))
    with pytest.raises(ValueError, match="`n_tests` = 0"):
        capacity.snr_area_standard_error("soft", 0.02, 100, 0)


def test_measure_capacity_record():
    record = capacity.measure_capacity("soft", 0.3, 20, n_tests=200, rng=1)
    assert sorted(record) == ["information", "initial_snr", "snr_area"]
    assert all(isinstance(value, float) for value in record.values())


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (dict(rule="medium", n_synapses=10, learning_rate=0.1), "`rule` = 'medium'"),
        (dict(rule="soft", n_synapses=0, learning_rate=0.1), "`n_synapses` = 0"),
        (dict(rule="soft", n_synapses=10, learning_rate=0.0), r"`learning_rate` = 0.0 .* \(0.0, 1.0\)"),
        (dict(rule="soft", n_synapses=10, learning_rate=1.0), "`learning_rate` = 1.0"),
        (dict(rule="soft", n_synapses=10, learning_rate=0.1, ages=[-1, 2]), "`ages` contains -1"),
        (dict(rule="soft", n_synapses=10, learning_rate=0.1, ages=[3, 2]), "strictly increasing"),
        (dict(rule="soft", n_synapses=10, learning_rate=0.1, ages=[0.5]), "integer number"),
        (dict(rule="soft", n_synapses=10, learning_rate=0.1, ages=[0, 9], n_burn_in=5),
         "`n_burn_in` = 5"),
        (dict(rule="soft", n_synapses=10, learning_rate=0.1, n_tests=1), "`n_tests` = 1"),
    ],
)
def test_simulation_rejects_invalid_arguments(arguments, message):
    with pytest.raises(ValueError, match=message):
        capacity.simulate_recognition(**arguments)


def test_hard_theory_rejects_off_lattice_rate():
    with pytest.raises(ValueError, match="2 / learning_rate must be an integer"):
        capacity.snr_hard_bound([0], 10, 0.3)
    with pytest.raises(ValueError, match="`rule` = 'linear'"):
        capacity.snr_area("linear", 0.1)


def test_sum_over_ages_rejects_shape_mismatch():
    with pytest.raises(ValueError, match="must match `ages`"):
        capacity.sum_over_ages([0, 1, 2], [1.0, 2.0])
