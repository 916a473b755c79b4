"""Tests of plastlib.spines: calcium scaling with spine size and the plasticity it drives."""

import numpy as np
import pytest

from plastlib import randomwalk, spines

UNDER = spines.SpineModel(nmda_exponent=1.0)
STRONG_UNDER = spines.SpineModel(nmda_exponent=0.0)
EXACT = spines.SpineModel(nmda_exponent=2.0)
OVER = spines.SpineModel(nmda_exponent=3.0)
PROTOCOL = spines.EpisodeProtocol(learning_rate=0.5)


@pytest.mark.parametrize("measure, expected", [
    ("peak", -1.0), ("plateau", 0.0), ("squared_integral", -1.0),
])
def test_calcium_exponent_table(measure, expected):
    # Receptors at constant membrane density (a = 2) and surface pumps (b = 1).
    assert spines.calcium_exponent(2.0, 1.0, measure) == expected


@pytest.mark.parametrize("measure", spines.MEASURES)
@pytest.mark.parametrize("b", [0.0, 1.0, 3.0])
def test_compensating_exponent_is_root(measure, b):
    a = spines.compensating_nmda_exponent(b, measure)
    assert spines.calcium_exponent(a, b, measure) == pytest.approx(0.0, abs=1e-12)


def test_three_halves_needs_neck_and_square():
    # N ~ r**1.5 keeps calcium size-invariant only for the squared integral
    # with a neck-limited decay (tau ~ r**3).
    assert spines.compensating_nmda_exponent(3.0, "squared_integral") == 1.5
    assert spines.compensating_nmda_exponent(1.0, "plateau") == 2.0
    assert spines.compensating_nmda_exponent(1.0, "peak") == 3.0


def test_weight_exponent_signs():
    assert UNDER.weight_exponent == pytest.approx(-1.0 / 3.0)
    assert EXACT.weight_exponent == 0.0
    assert OVER.weight_exponent == pytest.approx(1.0 / 3.0)


def test_plateau_invariant_when_compensated():
    w = np.geomspace(0.1, 10.0, 7)
    plateaus = spines.calcium_plateau(w, 3.0, EXACT)
    assert np.allclose(plateaus, EXACT.ca_rest * 3.0, rtol=1e-12)


def test_plateau_scales_as_power_of_weight():
    w = np.geomspace(0.1, 10.0, 7)
    plateaus = spines.calcium_plateau(w, 1.0, UNDER)
    assert np.allclose(plateaus, UNDER.ca_rest * w ** (-1.0 / 3.0), rtol=1e-12)


def test_trace_matches_closed_form():
    # The exponential update is exact for a constant influx, so the trace must
    # equal c_inf (1 - exp(-t / tau)) up to rounding.
    w = np.array([0.5, 2.0])
    times, ca = spines.calcium_trace(w, 2.0, t_on=50.0, t_total=50.0, dt=0.5, model=UNDER)
    taus = UNDER.tau_ref * np.cbrt(w)
    expected = spines.calcium_plateau(w, 2.0, UNDER)[:, None] * (1 - np.exp(-times / taus[:, None]))
    assert np.allclose(ca, expected, rtol=1e-10, atol=1e-14)


def test_trace_decays_after_influx():
    times, ca = spines.calcium_trace(1.0, 1.0, t_on=10.0, t_total=100.0, dt=1.0, model=EXACT)
    after = ca[0, times >= 10.0]
    assert np.all(np.diff(after) < 0)
    expected_end = after[0] * np.exp(-(times[-1] - 10.0) / EXACT.tau_ref)
    assert ca[0, -1] == pytest.approx(expected_end, rel=1e-10)


@pytest.mark.parametrize("b", [1.0, 3.0])
def test_simulated_measures_follow_exponents(b):
    # A 0.05 ms pulse is brief next to tau >= 7 ms, so the peak and squared
    # integral deviate from the brief-pulse limit by about t_on / (2 tau) < 0.4 %,
    # which changes the fitted slope by less than 0.01; 0.02 is the tolerance.
    model = spines.SpineModel(nmda_exponent=1.0, extrusion_exponent=b)
    w = np.geomspace(0.3, 3.0, 5)
    log_r = np.log(np.cbrt(w))
    times, ca = spines.calcium_trace(w, 1.0, t_on=0.05, t_total=2000.0, dt=0.05, model=model)
    measures = spines.calcium_measures(times, ca)
    for name, measure in (("peak", "peak"), ("integral", "plateau"),
                          ("squared_integral", "squared_integral")):
        slope = np.polyfit(log_r, np.log(measures[name]), 1)[0]
        assert slope == pytest.approx(spines.calcium_exponent(1.0, b, measure), abs=0.02), name


def test_nmda_drive_is_one_at_rest_and_increasing():
    assert spines.nmda_drive(EXACT.v_rest, EXACT) == pytest.approx(1.0)
    drive = spines.nmda_drive(np.linspace(-80.0, 0.0, 81), EXACT)
    assert np.all(np.diff(drive) > 0)


def test_plasticity_rate_signs():
    assert spines.plasticity_rate(0.0) == pytest.approx(0.0, abs=1e-15)
    assert spines.plasticity_rate(0.45) < 0
    assert spines.plasticity_rate(0.7) > 0


def test_crossing_calcium_is_root_between_thresholds():
    crossing = spines.crossing_calcium()
    assert 0.35 < crossing < 0.55
    assert spines.plasticity_rate(crossing) == pytest.approx(0.0, abs=1e-12)


def test_rate_table_interpolation_error():
    # Error bound h**2 max|f''| / 8 with h = 1 nM is about 1e-7 /ms.
    grid = np.linspace(0.0, 4.9, 1001) + 0.0003
    table = spines._rate_table()
    interpolated = np.interp(grid, np.arange(table.size) * spines._TABLE_STEP, table)
    assert np.max(np.abs(interpolated - spines.plasticity_rate(grid))) < 1e-6


def test_zero_drive_leaves_weights_unchanged():
    w0 = np.array([0.2, 1.0, 7.0])
    result = spines.simulate_population(w0, np.zeros((3, 4)), UNDER, PROTOCOL)
    assert np.array_equal(result.final, w0)


def test_population_weights_stay_within_bounds():
    drives = spines.nmda_drive(spines.draw_episode_voltages(20, 30, rng=3), OVER)
    result = spines.simulate_population(1.0, drives, OVER, PROTOCOL, record_every=10)
    assert result.weights.shape == (20, 4)
    assert np.array_equal(result.episodes, [0, 10, 20, 30])
    assert result.weights.min() >= PROTOCOL.w_min
    assert result.weights.max() <= PROTOCOL.w_max


def test_population_is_deterministic():
    drives = spines.nmda_drive(spines.draw_episode_voltages(5, 10, rng=4), UNDER)
    first = spines.simulate_population(1.0, drives, UNDER, PROTOCOL)
    second = spines.simulate_population(1.0, drives, UNDER, PROTOCOL)
    assert np.array_equal(first.weights, second.weights)


def test_exact_compensation_weak_size_effect():
    # The plateau does not depend on size, but the rise and decay of large spines
    # are slower. The change per episode still varies by less than a factor 2
    # across a 10-fold size range.
    changes = spines.episode_weight_change([0.5, 1.0, 5.0], float(spines.nmda_drive(-30.0)),
                                           EXACT, PROTOCOL)
    assert np.all(changes < 0)
    assert changes.max() / changes.min() > 0.5


def test_under_compensation_converges_below_fixed_point():
    # The plateau approximation ignores the passage of each transient through the
    # depression window (a few tau of 15 ms out of 200 ms), which lowers the
    # simulated fixed point by a few per cent; 5 % is the tolerance.
    drive = float(spines.nmda_drive(-30.0, UNDER))
    target = spines.fixed_point_weight(drive, UNDER)
    w0 = np.array([0.3 * target, 1.5 * target])
    result = spines.simulate_population(w0, np.full((2, 300), drive), UNDER, PROTOCOL)
    relative_error = (result.final - target) / target
    assert np.all(relative_error < 0)
    assert np.all(np.abs(relative_error) < 0.05)
    assert result.final[0] == pytest.approx(result.final[1], rel=1e-6)


def test_under_compensation_freezes_large_spine():
    drive = float(spines.nmda_drive(-30.0, UNDER))
    target = spines.fixed_point_weight(drive, UNDER)
    large = 6.0 * target
    change = spines.episode_weight_change(large, drive, UNDER, PROTOCOL)[0]
    assert abs(change) < 1e-3 * large


def test_over_compensation_fixed_point_is_unstable():
    drive = float(spines.nmda_drive(-30.0, OVER))
    target = spines.fixed_point_weight(drive, OVER)
    changes = spines.episode_weight_change([0.8 * target, 1.25 * target], drive, OVER, PROTOCOL)
    assert changes[0] < 0
    assert changes[1] > 0


def test_freezing_weight_leaves_heavier_unchanged():
    # Above w_freeze the whole transient stays below 0.30 uM, where the rate is
    # about 1e-6 /ms, so 300 ms at k = 0.5 change a weight by less than 1e-3.
    drive = float(spines.nmda_drive(0.0, STRONG_UNDER))
    w_freeze = float(spines.freezing_weight(drive, STRONG_UNDER))
    weights = np.array([1.05, 2.0]) * w_freeze
    changes = spines.episode_weight_change(weights, drive, STRONG_UNDER, PROTOCOL)
    assert np.all(np.abs(changes) < 1e-3)
    lighter = spines.episode_weight_change(0.5 * w_freeze, drive, STRONG_UNDER, PROTOCOL)
    assert abs(lighter[0]) > 1e-3


def test_freezing_weight_plateau_is_floor():
    drive = 3.0
    w_freeze = float(spines.freezing_weight(drive, UNDER, ca_floor=0.25))
    assert spines.calcium_plateau(w_freeze, drive, UNDER) == pytest.approx(0.25, rel=1e-12)


def test_freezing_weight_rejects_over_compensation():
    with pytest.raises(ValueError, match="weight_exponent"):
        spines.freezing_weight(3.0, OVER)


def test_fixed_point_rejects_exact_compensation():
    with pytest.raises(ValueError, match="weight_exponent = 0"):
        spines.fixed_point_weight(2.0, EXACT)


def test_relative_change_by_size_groups():
    centres, change = spines.relative_change_by_size([1.0, 2.0, 3.0, 4.0],
                                                     [1.5, 2.0, 3.0, 2.0], n_groups=2)
    assert np.allclose(centres, [1.5, 3.5])
    assert np.allclose(change, [0.25, 0.25])


def test_draw_voltages_seeded_and_clipped():
    first = spines.draw_episode_voltages(10, 20, mean=-10.0, sd=20.0, v_max=0.0, rng=7)
    second = spines.draw_episode_voltages(10, 20, mean=-10.0, sd=20.0, v_max=0.0, rng=7)
    assert np.array_equal(first, second)
    assert first.max() <= 0.0


@pytest.mark.parametrize("call, message", [
    (lambda: spines.SpineModel(nmda_exponent=-1.0), "nmda_exponent"),
    (lambda: spines.SpineModel(tau_ref=0.0), "tau_ref"),
    (lambda: spines.SpineModel(v_rest=140.0), "v_rest"),
    (lambda: spines.EpisodeProtocol(w_min=2.0, w_max=1.0), "w_min"),
    (lambda: spines.EpisodeProtocol(dt=500.0), "dt"),
    (lambda: spines.calcium_exponent(2.0, 1.0, "mean"), "measure"),
    (lambda: spines.compensating_nmda_exponent(1.0, "mean"), "measure"),
    (lambda: spines.radius_ratio([1.0, -1.0]), "`w`"),
    (lambda: spines.nmda_drive(150.0), "`v`"),
    (lambda: spines.calcium_plateau(1.0, -1.0), "drive"),
    (lambda: spines.simulate_population(20.0, np.ones((1, 2)), UNDER, PROTOCOL), "w0"),
    (lambda: spines.simulate_population(1.0, np.ones((2, 3)), UNDER, PROTOCOL,
                                        record_every=2), "record_every"),
    (lambda: spines.simulate_population(1.0, -np.ones((2, 3)), UNDER, PROTOCOL), "drives"),
    (lambda: spines.simulate_population(1.0, np.ones((2, 3)), "model", PROTOCOL), "model"),
    (lambda: spines.draw_episode_voltages(3, 3, sd=0.0), "sd"),
    (lambda: spines.relative_change_by_size([1.0, 2.0], [1.0]), "shapes"),
])
def test_invalid_arguments_raise(call, message):
    with pytest.raises(ValueError, match=message):
        call()


@pytest.mark.slow
def test_population_under_vs_soft_bound():
    # 1000 synapses, 600 random episodes. Strong under-compensation (a = 0) keeps
    # the mean of the initially largest fifth within 10 % (measured within 1 %); the
    # soft-bound walk with a 200-step relaxation time loses most of its excess.
    rng = np.random.default_rng(11)
    n_synapses, n_episodes = 1000, 600
    w0 = np.exp(rng.uniform(np.log(0.2), np.log(5.0), n_synapses))
    top = w0 >= np.quantile(w0, 0.8)
    drives = spines.nmda_drive(spines.draw_episode_voltages(n_synapses, n_episodes, rng=rng),
                               STRONG_UNDER)
    under = spines.simulate_population(w0, drives, STRONG_UNDER, PROTOCOL,
                                       record_every=n_episodes)
    retained_under = under.final[top].mean() / w0[top].mean()
    walk = randomwalk.simulate_walk(randomwalk.WalkParameters(p_p=0.05, p_d=0.05),
                                    n_synapses, n_episodes, w0=w0, n_recorded=0, rng=rng)
    retained_soft = walk.weights[top].mean() / w0[top].mean()
    assert retained_under > 0.9
    assert retained_soft < 0.5


@pytest.mark.slow
def test_population_over_compensation_bimodal():
    rng = np.random.default_rng(12)
    n_synapses, n_episodes = 500, 1000
    w0 = np.exp(rng.uniform(np.log(0.2), np.log(5.0), n_synapses))
    drives = spines.nmda_drive(spines.draw_episode_voltages(n_synapses, n_episodes, rng=rng),
                               OVER)
    final = spines.simulate_population(w0, drives, OVER, PROTOCOL,
                                       record_every=n_episodes).final
    # Measured about 0.33 and 0.37; with 500 synapses the binomial standard
    # error is about 0.02, so 0.2 is a safe floor.
    assert np.mean(final < 0.2) > 0.2
    assert np.mean(final > 5.0) > 0.2


def test_population_blocks_match_single_synapses():
    rng = np.random.default_rng(5)
    w0 = np.exp(rng.uniform(np.log(0.2), np.log(8.0), 45))
    drives = spines.nmda_drive(spines.draw_episode_voltages(45, 20, rng=rng), UNDER)
    together = spines.simulate_population(w0, drives, UNDER, PROTOCOL, record_every=5)
    alone = np.vstack([
        spines.simulate_population(w0[i:i + 1], drives[i:i + 1], UNDER, PROTOCOL,
                                   record_every=5, progress=False).weights
        for i in range(45)])
    np.testing.assert_array_equal(together.weights, alone)


@pytest.mark.parametrize("setting, shown", [("1", True), ("0", False)])
def test_population_progress_bar(monkeypatch, capsys, setting, shown):
    monkeypatch.setenv("PLASTLIB_PROGRESS", setting)
    drives = np.full((40, 2), 1.0)
    spines.simulate_population(np.ones(40), drives, UNDER, PROTOCOL)
    assert ("synapses (blocks)" in capsys.readouterr().err) == shown
