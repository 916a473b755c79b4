"""Spike-timing-dependent plasticity (STDP) in a conductance-based integrate-and-fire neuron.

The model follows Song, Miller & Abbott (2000): one leaky integrate-and-fire
neuron with conductance-based synapses receives ``n_inputs`` excitatory Poisson
spike trains through plastic synapses and ``n_inhibitory`` inhibitory Poisson
trains through fixed synapses. Weights are dimensionless, ``0 <= w <= 1``, in
units of the maximal peak conductance ``g_max`` (itself in units of the leak
conductance).

One rule covers the published variants (Gutig, Aharonov, Rotter & Sompolinsky
2003). For a pair of spikes with ``dt = t_post - t_pre``::

    dt > 0 (pre before post):   dw = +a_plus  * (1 - w)**mu_plus * exp(-dt / tau_plus)
    dt < 0 (post before pre):   dw = -a_minus * w**mu_minus      * exp(+dt / tau_minus)

with ``a_minus = depression_ratio * a_plus`` and hard bounds ``0 <= w <= 1``
applied after every update. The exponents select the rule:

* ``(mu_plus, mu_minus) = (0, 0)``: additive STDP (Song et al. 2000),
* ``(0, 1)``: depression proportional to the weight, potentiation independent of
  it (van Rossum, Bi & Turrigiano 2000),
* ``(1, 1)``: multiplicative STDP (Gutig et al. 2003).

Public functions
----------------
:class:`STDPParams`
    Neuron, synapse and rule parameters (frozen dataclass, defaults of Song et
    al. 2000).
:func:`simulate_stdp`
    Simulate the neuron with plastic inputs; return weight snapshots, output
    spike times and rates (:class:`STDPResult`).
:func:`apply_stdp_to_spike_trains`
    Apply the rule to given pre- and postsynaptic spike times of one synapse.
:func:`stdp_window`
    Weight change of a single spike pair (closed form).
:func:`drift_diffusion`, :func:`stationary_density`
    Drift ``A(w)`` and diffusion ``D(w)`` of the Fokker-Planck description of a
    weight driven by independent Poisson pre- and postsynaptic spikes, and the
    stationary weight density that they imply.

References
----------
Song S, Miller KD, Abbott LF (2000) Competitive Hebbian learning through
spike-timing-dependent synaptic plasticity. Nat Neurosci 3:919-926.
van Rossum MCW, Bi GQ, Turrigiano GG (2000) Stable Hebbian learning from spike
timing-dependent plasticity. J Neurosci 20:8812-8821.
Gutig R, Aharonov R, Rotter S, Sompolinsky H (2003) Learning input correlations
through nonlinear temporally asymmetric Hebbian plasticity. J Neurosci
23:3697-3714.
"""

import math
import warnings
from dataclasses import dataclass

import numba
import numpy as np

from plastlib.progress import progress as progress_bar

from plastlib._validation import (
    as_generator,
    check_integer,
    check_nonnegative,
    check_positive,
    check_range,
    kernel_seed,
)

__all__ = [
    "STDPParams",
    "STDPResult",
    "simulate_stdp",
    "apply_stdp_to_spike_trains",
    "stdp_window",
    "drift_diffusion",
    "stationary_density",
]

# simulate_stdp runs its kernel in chunks of this many time steps (10 s at dt = 0.1 ms),
# one progress-bar tick each.
_CHUNK_STEPS = 100_000

PAIRINGS = ("all", "nearest")


@dataclass(frozen=True)
class STDPParams:
    """Parameters of the integrate-and-fire neuron, its synapses and the STDP rule.

    Defaults are those of Song, Miller & Abbott (2000) for additive STDP.
    Variants come from :func:`dataclasses.replace`, for example
    ``replace(STDPParams(), mu_minus=1.0, depression_ratio=2.5)`` for the rule
    of van Rossum et al. (2000).

    Attributes
    ----------
    n_inputs : int
        Number of plastic excitatory inputs.
    tau_m : float
        Membrane time constant, in ms.
    v_rest, v_threshold, v_reset : float
        Resting potential, spike threshold and reset potential, in mV.
    e_ex, e_in : float
        Reversal potentials of excitatory and inhibitory synapses, in mV.
    tau_ex, tau_in : float
        Decay time constants of the excitatory and inhibitory conductances, in ms.
    g_max : float
        Peak excitatory conductance of a synapse with ``w = 1``, in units of the
        leak conductance.
    n_inhibitory : int
        Number of fixed inhibitory inputs (0 switches inhibition off).
    rate_inhibitory : float
        Poisson rate of each inhibitory input, in Hz.
    g_in : float
        Conductance increment of one inhibitory spike, in units of the leak
        conductance.
    a_plus : float
        Maximal potentiation of one spike pair, as a fraction of ``g_max``.
    depression_ratio : float
        ``a_minus / a_plus`` (1.05 for the additive rule of Song et al. 2000).
    tau_plus, tau_minus : float
        Time constants of the potentiation and depression windows, in ms.
    mu_plus, mu_minus : float
        Weight-dependence exponents of potentiation and depression (Gutig et
        al. 2003): (0, 0) additive, (0, 1) van Rossum et al., (1, 1)
        multiplicative.
    pairing : {"all", "nearest"}
        Which spike pairs interact (see :func:`simulate_stdp`).
    dt : float
        Time step of the membrane integration, in ms.
    """

    n_inputs: int = 1000
    tau_m: float = 20.0
    v_rest: float = -70.0
    v_threshold: float = -54.0
    v_reset: float = -60.0
    e_ex: float = 0.0
    e_in: float = -70.0
    tau_ex: float = 5.0
    tau_in: float = 5.0
    g_max: float = 0.015
    n_inhibitory: int = 200
    rate_inhibitory: float = 10.0
    g_in: float = 0.05
    a_plus: float = 0.005
    depression_ratio: float = 1.05
    tau_plus: float = 20.0
    tau_minus: float = 20.0
    mu_plus: float = 0.0
    mu_minus: float = 0.0
    pairing: str = "all"
    dt: float = 0.1

    def __post_init__(self):
        check_integer("n_inputs", self.n_inputs, minimum=1)
        check_integer("n_inhibitory", self.n_inhibitory, minimum=0)
        for name in ("tau_m", "tau_ex", "tau_in", "tau_plus", "tau_minus", "dt"):
            check_positive(name, getattr(self, name), "ms")
        check_range("v_threshold", self.v_threshold, self.v_rest, 1e3, "mV", low_open=True)
        check_range("v_reset", self.v_reset, -1e3, self.v_threshold, "mV", high_open=True)
        for name in ("v_rest", "e_ex", "e_in"):
            check_range(name, getattr(self, name), -200.0, 200.0, "mV")
        for name in ("g_max", "g_in", "rate_inhibitory", "a_plus", "depression_ratio"):
            check_nonnegative(name, getattr(self, name))
        check_range("a_plus", self.a_plus, 0.0, 1.0)
        check_range("mu_plus", self.mu_plus, 0.0, 1.0)
        check_range("mu_minus", self.mu_minus, 0.0, 1.0)
        if self.pairing not in PAIRINGS:
            raise ValueError(
                f"`pairing` = {self.pairing!r} is invalid: it must be one of {PAIRINGS}"
            )
        check_range("dt", self.dt, 0.0, min(self.tau_m, self.tau_ex) / 10, "ms", low_open=True)

    @property
    def a_minus(self):
        """Maximal depression of one spike pair, as a fraction of ``g_max``."""
        return self.depression_ratio * self.a_plus


@dataclass(frozen=True)
class STDPResult:
    """Output of :func:`simulate_stdp`.

    Attributes
    ----------
    params : STDPParams
        The parameters of the run.
    snapshot_times : numpy.ndarray
        Times of the weight snapshots, in ms (the first is 0).
    weights : numpy.ndarray
        Weights at those times, shape ``(len(snapshot_times), n_inputs)``,
        dimensionless in units of ``g_max``.
    spike_times : numpy.ndarray
        Output spike times, in ms.
    rate_times : numpy.ndarray
        Centres of the snapshot intervals, in ms.
    rates : numpy.ndarray
        Output firing rate in each snapshot interval, in Hz.
    input_rates : numpy.ndarray
        Rate of each excitatory input, in Hz.
    """

    params: STDPParams
    snapshot_times: np.ndarray
    weights: np.ndarray
    spike_times: np.ndarray
    rate_times: np.ndarray
    rates: np.ndarray
    input_rates: np.ndarray

    @property
    def final_weights(self):
        """Weights at the end of the run."""
        return self.weights[-1]

    def output_rate(self, start=0.0, stop=None):
        """Return the output rate, in Hz, between ``start`` and ``stop`` (ms)."""
        stop = self.snapshot_times[-1] if stop is None else stop
        count = np.count_nonzero((self.spike_times >= start) & (self.spike_times < stop))
        return 1e3 * count / (stop - start)


# ---------------------------------------------------------------------------
# numba kernels: spike-pair updates shared by the neuron and the pairing protocol


@numba.njit(cache=True)
def _depress(weight, post_trace, a_minus, mu_minus):
    """Return ``weight`` after a presynaptic spike meets the postsynaptic trace."""
    weight -= a_minus * weight**mu_minus * post_trace
    return min(max(weight, 0.0), 1.0)


@numba.njit(cache=True)
def _potentiate(weight, pre_trace, a_plus, mu_plus):
    """Return ``weight`` after a postsynaptic spike meets the presynaptic trace."""
    weight += a_plus * (1.0 - weight) ** mu_plus * pre_trace
    return min(max(weight, 0.0), 1.0)


@numba.njit(cache=True)
def _bump_trace(value, nearest):
    """Return a trace after a spike: reset to 1 (nearest) or incremented by 1 (all-to-all)."""
    return 1.0 if nearest else value + 1.0


@numba.njit(cache=True)
def _pair_kernel(pre_times, post_times, weight, a_plus, a_minus, tau_plus, tau_minus,
                 mu_plus, mu_minus, nearest, trajectory):
    n_pre = pre_times.shape[0]
    n_post = post_times.shape[0]
    i = 0
    j = 0
    pre_trace = 0.0
    post_trace = 0.0
    last_pre = -1e300
    last_post = -1e300
    k = 0
    while i < n_pre or j < n_post:
        # A presynaptic spike at the same time as a postsynaptic one is processed first,
        # so that a pair with dt = 0 counts as pre before post.
        if j >= n_post or (i < n_pre and pre_times[i] <= post_times[j]):
            t = pre_times[i]
            post_now = post_trace * math.exp(-(t - last_post) / tau_minus)
            weight = _depress(weight, post_now, a_minus, mu_minus)
            pre_trace = _bump_trace(pre_trace * math.exp(-(t - last_pre) / tau_plus), nearest)
            last_pre = t
            i += 1
        else:
            t = post_times[j]
            pre_now = pre_trace * math.exp(-(t - last_pre) / tau_plus)
            weight = _potentiate(weight, pre_now, a_plus, mu_plus)
            post_trace = _bump_trace(post_trace * math.exp(-(t - last_post) / tau_minus),
                                     nearest)
            last_post = t
            j += 1
        trajectory[k] = weight
        k += 1
    return weight


@numba.njit(cache=True)
def _neuron_kernel(n_steps, dt, weights, cumulative_rates, group_start, group_members,
                   group_rates, group_correlations, tau_m, v_rest, v_threshold, v_reset,
                   e_ex, e_in, tau_ex, tau_in, g_max, inhibitory_rate_total, g_in,
                   a_plus, a_minus, tau_plus, tau_minus, mu_plus, mu_minus, nearest,
                   snapshot_every, snapshots, interval_counts, spike_steps, seed,
                   first_step, state, pre_trace, last_pre):
    """Advance the neuron from step ``first_step`` to ``n_steps`` (exclusive), in place.

    ``state`` holds ``[v, g_ex, g_inh, post_trace, last_post, n_spikes]`` and,
    with ``pre_trace`` and ``last_pre``, carries everything between calls. The
    random stream is seeded only when ``first_step == 0``: later calls continue
    the stream of numba's per-thread generator (or NumPy's global one without
    JIT), so splitting a run into consecutive calls gives identical results.
    """
    if first_step == 0:
        np.random.seed(seed)
        snapshots[0, :] = weights
    n_inputs = weights.shape[0]
    n_groups = group_rates.shape[0]
    total_independent_rate = cumulative_rates[n_inputs - 1]
    v = state[0]
    g_ex = state[1]
    g_inh = state[2]
    post_trace = state[3]
    last_post = state[4]
    n_spikes = int(state[5])
    decay_ex = math.exp(-dt / tau_ex)
    decay_in = math.exp(-dt / tau_in)

    for step in range(first_step, n_steps):
        t = step * dt

        # Independent presynaptic spikes: a Poisson count, each assigned to an input
        # with probability proportional to its independent rate.
        n_events = np.random.poisson(total_independent_rate * dt) if total_independent_rate > 0 else 0
        for _ in range(n_events):
            target = np.random.random() * total_independent_rate
            i = min(np.searchsorted(cumulative_rates, target, side="right"), n_inputs - 1)
            post_now = post_trace * math.exp(-(t - last_post) / tau_minus)
            g_ex += g_max * weights[i]
            weights[i] = _depress(weights[i], post_now, a_minus, mu_minus)
            pre_trace[i] = _bump_trace(pre_trace[i] * math.exp(-(t - last_pre[i]) / tau_plus),
                                       nearest)
            last_pre[i] = t

        # Correlated groups: each member copies a spike of its group's common source
        # with probability equal to the group's correlation coefficient.
        for g in range(n_groups):
            if np.random.random() < group_rates[g] * dt:
                for m in range(group_start[g], group_start[g + 1]):
                    if np.random.random() < group_correlations[g]:
                        i = group_members[m]
                        post_now = post_trace * math.exp(-(t - last_post) / tau_minus)
                        g_ex += g_max * weights[i]
                        weights[i] = _depress(weights[i], post_now, a_minus, mu_minus)
                        pre_trace[i] = _bump_trace(
                            pre_trace[i] * math.exp(-(t - last_pre[i]) / tau_plus), nearest)
                        last_pre[i] = t

        # Fixed inhibitory inputs, pooled into one Poisson process.
        if inhibitory_rate_total > 0:
            g_inh += g_in * np.random.poisson(inhibitory_rate_total * dt)

        # Membrane: exact integration over dt with the conductances held fixed.
        g_total = 1.0 + g_ex + g_inh
        v_inf = (v_rest + g_ex * e_ex + g_inh * e_in) / g_total
        v = v_inf + (v - v_inf) * math.exp(-dt * g_total / tau_m)
        g_ex *= decay_ex
        g_inh *= decay_in

        # Output spike: reset and potentiate every synapse through its presynaptic trace.
        if v >= v_threshold:
            v = v_reset
            spike_steps[n_spikes] = step
            n_spikes += 1
            interval_counts[step // snapshot_every] += 1
            for i in range(n_inputs):
                if pre_trace[i] > 0.0:
                    pre_now = pre_trace[i] * math.exp(-(t - last_pre[i]) / tau_plus)
                    weights[i] = _potentiate(weights[i], pre_now, a_plus, mu_plus)
            post_trace = _bump_trace(post_trace * math.exp(-(t - last_post) / tau_minus),
                                     nearest)
            last_post = t

        if (step + 1) % snapshot_every == 0:
            snapshots[(step + 1) // snapshot_every, :] = weights

    state[0] = v
    state[1] = g_ex
    state[2] = g_inh
    state[3] = post_trace
    state[4] = last_post
    state[5] = n_spikes
    return n_spikes


# ---------------------------------------------------------------------------
# public API


def _input_arrays(params, rates, groups, correlations):
    """Validate the input description and return the kernel's input arrays."""
    n_inputs = params.n_inputs
    rates = np.broadcast_to(np.asarray(rates, dtype=float), (n_inputs,)).copy()
    if not np.all(np.isfinite(rates)) or np.any(rates < 0):
        bad = rates[~(np.isfinite(rates) & (rates >= 0))][0]
        raise ValueError(f"`rates` contains {bad} Hz, which is invalid: rates must be finite "
                         "and >= 0")
    rates_max = 0.1 / (params.dt * 1e-3)
    if np.any(rates > rates_max):
        raise ValueError(f"`rates` contains {rates.max()} Hz, which is invalid: rates must be "
                         f"<= 0.1 / dt = {rates_max} Hz")

    if groups is None:
        groups = np.full(n_inputs, -1, dtype=np.int64)
        correlations = np.zeros(0)
    else:
        groups = np.asarray(groups)
        correlations = np.atleast_1d(np.asarray(correlations, dtype=float))
        if groups.shape != (n_inputs,) or not np.issubdtype(groups.dtype, np.integer):
            raise ValueError(f"`groups` must be an integer array of shape ({n_inputs},), "
                             f"got dtype {groups.dtype} and shape {groups.shape}")
        if groups.min() < -1 or groups.max() >= correlations.size:
            raise ValueError(f"`groups` must contain -1 (independent) or a group index in "
                             f"[0, {correlations.size - 1}], got values in "
                             f"[{groups.min()}, {groups.max()}]")
        for g, c in enumerate(correlations):
            check_range(f"correlations[{g}]", float(c), 0.0, 1.0)

    n_groups = correlations.size
    group_rates = np.zeros(n_groups)
    independent_rates = rates.copy()
    members = []
    for g in range(n_groups):
        member = np.flatnonzero(groups == g)
        members.append(member)
        if member.size == 0:
            continue
        if np.ptp(rates[member]) > 0:
            raise ValueError(f"inputs of group {g} have rates from {rates[member].min()} to "
                             f"{rates[member].max()} Hz: all inputs of a group must share "
                             "one rate")
        group_rates[g] = rates[member[0]]
        independent_rates[member] *= 1.0 - correlations[g]
    group_start = np.zeros(n_groups + 1, dtype=np.int64)
    group_start[1:] = np.cumsum([m.size for m in members])
    group_members = np.concatenate(members + [np.zeros(0, dtype=np.int64)]).astype(np.int64)
    # The kernel works in ms, so the rates become events per ms.
    return (rates, np.cumsum(independent_rates) * 1e-3, group_start, group_members,
            group_rates * 1e-3, correlations.astype(float))


def simulate_stdp(params=None, duration=1000.0, rates=10.0, groups=None, correlations=None,
                  initial_weights=None, snapshot_interval=None, rng=None, progress=True):
    """Simulate an integrate-and-fire neuron whose excitatory synapses follow STDP.

    Parameters
    ----------
    params : STDPParams, optional
        Neuron, synapse and rule parameters (default: Song et al. 2000).
    duration : float
        Simulated time, in ms.
    rates : float or array_like
        Rate of each excitatory input, in Hz (a scalar applies to all).
    groups : array_like of int, optional
        Group of each input: -1 for an independent input, ``g >= 0`` for a
        member of correlated group ``g``. Inputs of one group share a rate.
    correlations : array_like of float, optional
        Correlation coefficient ``c`` of each group, in [0, 1]. A member of a
        group copies each spike of the group's common Poisson source (at the
        group's rate) with probability ``c`` and adds independent spikes at
        rate ``(1 - c)`` times its rate, so each input keeps its rate and two
        members share a fraction ``c`` of their spikes.
    initial_weights : array_like, optional
        Initial weights in [0, 1] (default: uniform random in [0, 1]).
    snapshot_interval : float, optional
        Time between weight snapshots, in ms, a multiple of ``params.dt``
        (default: 1000 ms, or ``duration`` if shorter). A run ends at the last
        whole snapshot interval.
    rng : int, numpy.random.Generator or None
        Seed or generator for the initial weights and the spike trains.
    progress : bool
        Show a progress bar over chunks of simulated time (see
        :func:`plastlib.progress.progress`; off when ``PLASTLIB_PROGRESS=0``).
        The result does not depend on it.

    Returns
    -------
    STDPResult

    Notes
    -----
    The membrane obeys ``tau_m dV/dt = v_rest - V + g_ex (e_ex - V) + g_in (e_in - V)``,
    integrated exactly over each step ``dt`` with the conductances held fixed.
    A presynaptic spike of input ``i`` raises ``g_ex`` by ``g_max * w_i``.
    When ``V`` reaches ``v_threshold`` it is reset to ``v_reset`` (no refractory
    period), as in Song et al. (2000).

    Plasticity is event-driven with exponential traces, exact at the spike
    times, which lie on the grid of ``dt``. With ``pairing="all"`` every pair of
    a pre- and a postsynaptic spike contributes (traces add 1 per spike). With
    ``pairing="nearest"`` (the symmetric nearest-spike scheme: traces reset to
    1) a postsynaptic spike pairs only with the latest presynaptic spike of each
    input, and a presynaptic spike only with the latest postsynaptic spike.
    Presynaptic spikes of a step are handled before the membrane update, so a
    presynaptic spike in the step of an output spike counts as pre before post.

    The random stream is drawn inside the kernel from a seed taken from
    ``rng``, so a seed gives the same result on every run, but a different one
    with ``NUMBA_DISABLE_JIT=1``.
    """
    params = STDPParams() if params is None else params
    if not isinstance(params, STDPParams):
        raise ValueError(f"`params` = {params!r} is invalid: pass an STDPParams instance")
    duration = check_positive("duration", duration, "ms")
    if snapshot_interval is None:
        snapshot_interval = min(1000.0, duration)
    snapshot_interval = check_range("snapshot_interval", snapshot_interval, params.dt,
                                    duration, "ms")
    snapshot_every = int(round(snapshot_interval / params.dt))
    if abs(snapshot_every * params.dt - snapshot_interval) > 1e-9 * snapshot_interval:
        raise ValueError(f"`snapshot_interval` = {snapshot_interval} ms is invalid: it must be "
                         f"a multiple of dt = {params.dt} ms")
    n_snapshots = int(duration / snapshot_interval + 1e-9)
    n_steps = n_snapshots * snapshot_every
    generator = as_generator(rng)

    rates, cumulative_rates, group_start, group_members, group_rates, group_corr = \
        _input_arrays(params, rates, groups, correlations)

    if initial_weights is None:
        weights = generator.uniform(0.0, 1.0, params.n_inputs)
    else:
        weights = np.broadcast_to(np.asarray(initial_weights, dtype=float),
                                  (params.n_inputs,)).copy()
        if np.any(~np.isfinite(weights)) or weights.min() < 0 or weights.max() > 1:
            raise ValueError(f"`initial_weights` span [{weights.min()}, {weights.max()}], "
                             "which is invalid: weights must lie in [0, 1]")

    # np.random.seed without JIT accepts only 32-bit seeds, so the seed is reduced to 32 bits.
    seed = kernel_seed(generator) % 2**32
    snapshots = np.empty((n_snapshots + 1, params.n_inputs))
    interval_counts = np.zeros(n_snapshots, dtype=np.int64)
    spike_steps = np.empty(n_steps, dtype=np.int64)
    # The kernel runs in chunks of _CHUNK_STEPS steps so that a progress bar can
    # advance; the state carried between chunks makes the result independent of them.
    state = np.array([params.v_rest, 0.0, 0.0, 0.0, -1e300, 0.0])
    pre_trace = np.zeros(params.n_inputs)
    last_pre = np.full(params.n_inputs, -1e300)
    chunk_starts = range(0, n_steps, _CHUNK_STEPS)
    if progress:
        chunk_starts = progress_bar(chunk_starts, desc="STDP simulation (chunks)")
    n_spikes = 0
    for first_step in chunk_starts:
        n_spikes = _neuron_kernel(
            min(first_step + _CHUNK_STEPS, n_steps), params.dt, weights, cumulative_rates,
            group_start, group_members, group_rates, group_corr, params.tau_m, params.v_rest,
            params.v_threshold, params.v_reset, params.e_ex, params.e_in, params.tau_ex,
            params.tau_in, params.g_max, params.n_inhibitory * params.rate_inhibitory * 1e-3,
            params.g_in, params.a_plus, params.a_minus, params.tau_plus, params.tau_minus,
            params.mu_plus, params.mu_minus, params.pairing == "nearest", snapshot_every,
            snapshots, interval_counts, spike_steps, seed, first_step, state, pre_trace,
            last_pre)

    snapshot_times = np.arange(n_snapshots + 1) * snapshot_interval
    final = snapshots[-1]
    if params.mu_plus == 0 and params.mu_minus > 0 and np.mean(final >= 1.0) > 0.01:
        warnings.warn(f"{np.mean(final >= 1.0):.1%} of the weights sit at the upper bound "
                      "w = 1, which a weight-dependent rule should rarely reach: increase "
                      "`depression_ratio`", RuntimeWarning, stacklevel=2)
    return STDPResult(
        params=params,
        snapshot_times=snapshot_times,
        weights=snapshots,
        spike_times=spike_steps[:n_spikes] * params.dt,
        rate_times=snapshot_times[:-1] + snapshot_interval / 2,
        rates=interval_counts * 1e3 / snapshot_interval,
        input_rates=rates,
    )


def apply_stdp_to_spike_trains(pre_times, post_times, params=None, initial_weight=0.5):
    """Apply the STDP rule to given spike trains of one synapse and return the weight.

    Uses the same update functions as :func:`simulate_stdp`, with the pairing
    scheme of ``params.pairing``. The postsynaptic spikes are imposed: the
    weight does not influence them.

    Parameters
    ----------
    pre_times, post_times : array_like
        Presynaptic and postsynaptic spike times, in ms, each sorted.
    params : STDPParams, optional
        Rule parameters (``a_plus``, ``depression_ratio``, ``tau_plus``,
        ``tau_minus``, ``mu_plus``, ``mu_minus``, ``pairing``).
    initial_weight : float
        Weight before the first spike, in [0, 1].

    Returns
    -------
    final_weight : float
        Weight after the last spike.
    trajectory : numpy.ndarray
        Weight after each spike, in time order (length ``len(pre) + len(post)``).
    """
    params = STDPParams() if params is None else params
    pre = np.asarray(pre_times, dtype=float).ravel()
    post = np.asarray(post_times, dtype=float).ravel()
    for name, times in (("pre_times", pre), ("post_times", post)):
        if not np.all(np.isfinite(times)):
            raise ValueError(f"`{name}` contains a non-finite value: spike times must be finite")
        if np.any(np.diff(times) < 0):
            raise ValueError(f"`{name}` is invalid: spike times must be sorted ascending")
    weight = check_range("initial_weight", initial_weight, 0.0, 1.0)
    trajectory = np.empty(pre.size + post.size)
    final = _pair_kernel(pre, post, weight, params.a_plus, params.a_minus, params.tau_plus,
                         params.tau_minus, params.mu_plus, params.mu_minus,
                         params.pairing == "nearest", trajectory)
    return float(final), trajectory


def stdp_window(delta_t, params=None, weight=0.5):
    """Return the weight change of one spike pair, ``delta_t = t_post - t_pre`` in ms.

    ``+a_plus (1 - w)**mu_plus exp(-delta_t / tau_plus)`` for ``delta_t >= 0``
    and ``-a_minus w**mu_minus exp(delta_t / tau_minus)`` for ``delta_t < 0``,
    before the hard bounds are applied. ``weight`` (in [0, 1]) is the weight
    before the pair.
    """
    params = STDPParams() if params is None else params
    weight = check_range("weight", weight, 0.0, 1.0)
    delta_t = np.asarray(delta_t, dtype=float)
    causal = params.a_plus * (1 - weight) ** params.mu_plus * np.exp(
        -np.abs(delta_t) / params.tau_plus)
    acausal = -params.a_minus * weight**params.mu_minus * np.exp(
        -np.abs(delta_t) / params.tau_minus)
    return np.where(delta_t >= 0, causal, acausal)


def drift_diffusion(weight, params=None, rate_pre=10.0, rate_post=10.0):
    """Return the drift ``A(w)`` and diffusion ``D(w)`` of one weight, per ms.

    For independent Poisson pre- and postsynaptic spike trains at rates
    ``nu_x`` and ``nu_y`` and all-to-all pairing, the change of ``w`` in a
    window ``T`` much longer than ``tau_plus`` and ``tau_minus`` has mean
    ``A T`` and variance ``D T`` with::

        K(u) = a_plus (1-w)**mu_plus exp(-u/tau_plus)   (u > 0)
             = -a_minus w**mu_minus exp(u/tau_minus)     (u < 0)
        A = nu_x nu_y int K du
        D = nu_x nu_y [int K**2 du + (nu_x + nu_y) (int K du)**2]

    The second term of ``D`` comes from pairs that share a spike. The
    correlation that a synapse induces between its own input and the output
    spikes is neglected (it is small for many weak inputs).

    Parameters
    ----------
    weight : float or array_like
        Weight(s), dimensionless in [0, 1].
    params : STDPParams, optional
        Rule parameters.
    rate_pre, rate_post : float
        Pre- and postsynaptic rates, in Hz.

    Returns
    -------
    drift, diffusion : numpy.ndarray
        ``A(w)`` in 1/ms and ``D(w)`` in 1/ms (weights are dimensionless).
    """
    params = STDPParams() if params is None else params
    nu_x = check_nonnegative("rate_pre", rate_pre, "Hz") * 1e-3
    nu_y = check_nonnegative("rate_post", rate_post, "Hz") * 1e-3
    w = np.asarray(weight, dtype=float)
    if np.any((w < 0) | (w > 1)):
        raise ValueError("`weight` contains values outside [0, 1]: weights must lie in [0, 1]")
    plus = params.a_plus * (1 - w) ** params.mu_plus
    minus = params.a_minus * w**params.mu_minus
    integral = plus * params.tau_plus - minus * params.tau_minus
    integral_sq = plus**2 * params.tau_plus / 2 + minus**2 * params.tau_minus / 2
    drift = nu_x * nu_y * integral
    diffusion = nu_x * nu_y * (integral_sq + (nu_x + nu_y) * integral**2)
    return drift, diffusion


def stationary_density(weight_grid, params=None, rate_pre=10.0, rate_post=10.0):
    """Return the stationary weight density of the Fokker-Planck equation on a grid.

    Solves ``0 = -d/dw [A P] + 1/2 d^2/dw^2 [D P]`` with zero flux at the hard
    bounds, ``P(w) = C / D(w) exp(int_0^w 2 A / D dw')``, integrating by the
    trapezoid rule on ``weight_grid`` (sorted, inside [0, 1]) and normalising
    so that the density integrates to 1 on the grid. ``A`` and ``D`` are those
    of :func:`drift_diffusion`.
    """
    grid = np.asarray(weight_grid, dtype=float)
    if grid.ndim != 1 or grid.size < 3 or np.any(np.diff(grid) <= 0):
        raise ValueError("`weight_grid` must be a 1-D ascending array of at least 3 points")
    drift, diffusion = drift_diffusion(grid, params, rate_pre, rate_post)
    ratio = 2 * drift / diffusion
    exponent = np.concatenate([[0.0], np.cumsum(0.5 * (ratio[1:] + ratio[:-1]) * np.diff(grid))])
    log_density = exponent - np.log(diffusion)
    density = np.exp(log_density - log_density.max())
    return density / np.trapezoid(density, grid)

